"""The one front door: everything a site needs, built from one Settings.

    settings = Settings.from_env(root)
    built = build(settings)          # read -> validate -> catalog -> pages + publication
    built.site.pages(), built.site.render(spec), built.publication.files()
    built.index_search(site_dir)     # after the generator has written the HTML

The MkDocs hook, the CLI, the tests and the benchmarks all come in here; a generator adapter
only lays the pages out and writes the files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from samverkan.catalog.catalog import Catalog, ValidationFailed, load_catalog
from samverkan.catalog.changes import record_changes
from samverkan.pages import Site
from samverkan.publish.publication import Publication
from samverkan.settings import Settings

__all__ = ["Built", "ValidationFailed", "build", "load"]


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


def build(settings: Settings, repo_url: str = "", edit_uri: str = "", ui: dict[str, str] | None = None) -> Built:
    """The catalog, the page plan and the publication of one data set; `ui`: the theme's widget classes."""
    notes: list[str] = []
    catalog = load(settings, notes)
    site = Site(catalog, settings.project, repo_url, edit_uri, ui=ui)
    return Built(settings, catalog, site, Publication(catalog, settings.project, settings.site_url), notes)
