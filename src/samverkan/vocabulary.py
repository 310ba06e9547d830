"""The project's vocabulary: the codes records use and the Swedish words for them, each defined once.

Records keep short ASCII codes (agreement, lok, sjalvstandighet); a reader sees these words
instead (site, CLI, open data, feed, JSON-LD, pictures). The schema's enums
(data/schema/record.schema.json) must list the same codes: tests/test_vocabulary.py ties them.
A new kind needs a line in KINDS, KIND_LABELS and KIND_SHORT, and one in the schema.
"""
from __future__ import annotations

# The kinds of each record type, in the order they are offered and listed.
KINDS = {
    "agreement": ["iop", "lok", "regional", "national", "samverkansavtal"],
    "consultation": ["samrad", "sakrad", "dialogmote", "konferens"],
    "report": ["rapport", "minnesanteckningar", "utredning", "remissvar"],
    "document": ["skriftlig-fraga", "motion", "interpellation", "kommittedirektiv"],
    "organisation": ["civilsamhalle", "offentlig", "natverk"],
}

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

# Lower-case forms for running text and CSV cells.
TYPE_LABELS = {t: label.lower() for t, label in TYPE_SINGULAR.items()}
TYPE_LABELS_PLURAL = {t: label.lower() for t, label in TYPE_PLURAL.items()}
# JSON-LD and the feed spell the two common acronyms out.
KIND_LONG_LABELS = {
    **KIND_SHORT,
    "iop": "IOP, idéburet offentligt partnerskap",
    "lok": "LÖK, lokal överenskommelse",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind or MISSING)


def kinds_in_words(rtype: str) -> str:
    """'iop, lok, regional, national eller samverkansavtal': the kinds of a type, for help texts."""
    kinds = KINDS[rtype]
    return ", ".join(kinds[:-1]) + " eller " + kinds[-1] if len(kinds) > 1 else kinds[0]


# Swedish alphabetical order: ... x y z å ä ö (æ and ø as ä and ö, é as e, ü as y).
_SV_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y", "æ": "|", "ø": "}"})


def sort_key(text: str) -> str:
    """The one Swedish sort key, for every list the project sorts by name."""
    return text.casefold().translate(_SV_ORDER)


# -- Codes in addresses ------------------------------------------------------
# What the site writes in ?typ= on Sök and Bläddra, in Swedish. A type is named as its section's
# address (/overenskommelser/ -> overenskommelser); a kind by its code, which is Swedish already
# except "national". Records keep their English codes; addresses from before, with the English
# codes (?typ=agreement), still work: the browse rows carry both, and OLD_ADDRESS_CODES maps them.
TYPE_CODES = {
    "agreement": "overenskommelser",
    "consultation": "samrad-och-moten",
    "report": "rapporter",
    "document": "dokument",
    "organisation": "organisationer",
}
KIND_CODES = {"national": "nationell"}
# An older code an address may carry -> the code the site writes now.
OLD_ADDRESS_CODES = {**TYPE_CODES, **KIND_CODES}


def type_code(rtype: str) -> str:
    """The Swedish code of a record type in addresses: 'agreement' -> 'overenskommelser'."""
    return TYPE_CODES.get(rtype, rtype)


def kind_code(kind: str) -> str:
    """The Swedish code of a kind in addresses: 'national' -> 'nationell', 'lok' -> 'lok'."""
    return KIND_CODES.get(kind, kind)


def coverage_sentences(lok: int, iop: int, none: int, municipalities: int) -> str:
    """How many of a län's kommuner have a known LÖK or IOP, in natural Swedish: never
    "0 av 1 kommuner"; a län with one kommun (Gotland) speaks of that kommun."""
    n = municipalities
    if n == 1:
        text = (f"Länets enda kommun har {'en känd LÖK' if lok else 'ingen känd LÖK'} och "
                f"{'ett känt IOP' if iop else 'inget känt IOP'}.")
        return text
    def share(k: int) -> str:
        return f"Ingen av de {n} kommunerna" if k == 0 else f"{k} av {n} kommuner"
    return (f"{share(lok)} har en känd LÖK. {share(iop)} har ett känt IOP. "
            f"{share(none) if none else 'Alla ' + str(n) + ' kommuner'} "
            f"{'har ingen känd LÖK eller IOP' if none else 'har en känd LÖK eller ett känt IOP'}.")


def party_note(role: str | None) -> str:
    """What a party's role adds under the heading "Parter": nothing for "part" (every party is
    one), the part in brackets for "part (genom socialnämnden)", the role itself otherwise."""
    role = (role or "").strip()
    if role == "part":
        return ""
    if role.startswith("part (") and role.endswith(")"):
        return role[len("part ("):-1].strip()
    return role
