"""The Swedish words the project uses for the codes in the records (site, CLI, open data).

Records keep short ASCII codes (agreement, lok, sjalvstandighet); a reader
sees these words instead. One table per code list, so a new kind needs one line.
"""
from __future__ import annotations

TYPE_SINGULAR = {
    "agreement": "Överenskommelse",
    "consultation": "Samråd eller möte",
    "report": "Rapport",
    "document": "Riksdags- eller regeringsdokument",
    "organisation": "Organisation",
}

TYPE_PLURAL = {
    "agreement": "Överenskommelser",
    "consultation": "Samråd och möten",
    "report": "Rapporter",
    "document": "Riksdags- och regeringsdokument",
    "organisation": "Organisationer",
}

# The order types are shown in, everywhere.
TYPE_ORDER = ["agreement", "consultation", "report", "document", "organisation"]

KIND_LABELS = {
    "iop": "IOP – idéburet offentligt partnerskap",
    "lok": "Lokal överenskommelse (LÖK)",
    "regional": "Regional överenskommelse",
    "national": "Nationell överenskommelse",
    "samverkansavtal": "Samverkansavtal",
    "samrad": "Samråd",
    "sakrad": "Sakråd",
    "dialogmote": "Dialogmöte",
    "konferens": "Konferens",
    "rapport": "Rapport",
    "minnesanteckningar": "Minnesanteckningar",
    "utredning": "Utredning",
    "remissvar": "Remissvar",
    "skriftlig-fraga": "Skriftlig fråga",
    "motion": "Motion",
    "interpellation": "Interpellation",
    "kommittedirektiv": "Kommittédirektiv",
    "civilsamhalle": "Idéburen organisation",
    "offentlig": "Offentlig organisation",
    "natverk": "Nätverk",
}

# Short forms, for running text, chart labels and CSV cells.
KIND_SHORT = {
    "iop": "IOP",
    "lok": "LÖK",
    "regional": "regional överenskommelse",
    "national": "nationell överenskommelse",
    "samverkansavtal": "samverkansavtal",
    "samrad": "samråd",
    "sakrad": "sakråd",
    "dialogmote": "dialogmöte",
    "konferens": "konferens",
    "rapport": "rapport",
    "minnesanteckningar": "minnesanteckningar",
    "utredning": "utredning",
    "remissvar": "remissvar",
    "skriftlig-fraga": "skriftlig fråga",
    "motion": "motion",
    "interpellation": "interpellation",
    "kommittedirektiv": "kommittédirektiv",
    "civilsamhalle": "civilsamhällesorganisation",
    "offentlig": "offentlig organisation",
    "natverk": "nätverk",
}

# The six principles, in the order the national agreement lists them.
PRINCIPLE_LABELS = {
    "sjalvstandighet": "Självständighet och oberoende",
    "dialog": "Dialog",
    "kvalitet": "Kvalitet",
    "langsiktighet": "Långsiktighet",
    "oppenhet": "Öppenhet och insyn",
    "mangfald": "Mångfald",
}

SCOPE_LABELS = {"national": "Nationell", "regional": "Regional", "local": "Lokal"}

# How a record that points here is related to this page's record (Catalog.backlinks).
BACKLINK_LABELS = {
    "parties": "Organisationen är part",
    "organisations": "Organisationen nämns eller deltog",
    "related": "Anger denna post som relaterad",
    "supersedes": "Ersätter denna post",
}

MISSING = "uppgift saknas"


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind or MISSING)
