"""The one front door: everything a site needs, built from one Settings.

    settings = Settings.from_env(root)
    built = build(settings)          # read -> validate -> catalog -> pages + publication
    built.site.pages(), built.site.render(spec), built.publication.files()
    built.index_search(site_dir)     # after the generator has written the HTML

The MkDocs hook, the CLI, the tests and the benchmarks all come in here; a generator adapter
only lays the pages out and writes the files.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from samverkan.catalog.catalog import Catalog, ValidationFailed, load_catalog
from samverkan.catalog.changes import record_changes
from samverkan.pages import Site, urls
from samverkan.publish.publication import DOWNLOADS_PAGE, Publication, Publisher
from samverkan.settings import Settings

__all__ = ["Built", "PathTaken", "ValidationFailed", "build", "load"]


class PathTaken(ValueError):
    """A file under docs/ has the path of a generated page or file; the message is Swedish."""


@dataclass
class Built:
    settings: Settings
    catalog: Catalog
    site: Site
    publication: Publication
    notes: list[str] = field(default_factory=list)  # for the build log (Swedish)

    def index_search(self, site_dir: Path):
        """Index a written site with Pagefind; the report, or None when search is off."""
        from samverkan.search import index

        if not self.settings.search:
            return None
        return index.build_search_index(Path(site_dir))

    def check_free(self, taken: Callable[[str], bool], published: Iterable[str]) -> None:
        """Raise PathTaken when a hand-written file (`taken(path)` is true for one under docs/) has
        the path of a generated page, the "Ladda ner data" page or a published file (`published`,
        the paths of publication.files(), which the adapter already holds)."""
        for spec in self.site.pages():
            if taken(spec.src_uri):
                raise PathTaken(f"docs/{spec.src_uri} krockar med en genererad sida ({spec.url}); byt namn på filen")
        if taken(DOWNLOADS_PAGE):
            raise PathTaken(f"docs/{DOWNLOADS_PAGE} krockar med en genererad sida ({urls.DOWNLOADS}); byt namn på filen")
        for path in published:
            if taken(path):
                raise PathTaken(f"docs/{path} krockar med en genererad fil; byt namn på filen")


def load(settings: Settings, notes: list[str] | None = None) -> Catalog:
    """Validate every record and relate them; raises ValidationFailed with the report.

    Each record's last-changed date comes from the git history of its file (one `git log`);
    `notes` gets what the build log should say about records that fall back to `added`.
    """
    from samverkan.read.gitdates import last_changed

    project = settings.project
    if not project.data_dir.is_dir():
        raise FileNotFoundError(f"mappen med poster finns inte: {project.data_dir} (se SAMVERKAN_DATA_DIR)")
    catalog = load_catalog(project, settings.build_date)
    catalog.changed, said = record_changes(catalog.records, last_changed(project.data_dir))
    if notes is not None:
        notes.extend(said)
    return catalog


def build(settings: Settings, repo_url: str | None = None, edit_uri: str | None = None,
          ui: dict[str, str] | None = None) -> Built:
    """The catalog, the page plan and the publication of one data set; `ui`: the theme's widget classes.

    The pages' edit links use the settings' repo_url and edit_uri; `repo_url`/`edit_uri`, when given,
    replace them for the edit links only (tests build pages without edit links with "")."""
    notes: list[str] = []
    catalog = load(settings, notes)
    site = Site(catalog, settings.project, settings.repo_url if repo_url is None else repo_url,
                settings.edit_uri if edit_uri is None else edit_uri, ui=ui)
    return Built(settings, catalog, site, Publication(catalog, settings.project, settings.site_url,
                                                     Publisher.from_settings(settings)), notes)
