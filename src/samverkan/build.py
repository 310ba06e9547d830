"""The one front door: everything a site needs, built from one Settings.

    settings = Settings.from_env(root)
    built = build(settings)          # read -> validate -> catalog -> pages + publication
    built.site.pages(), built.site.render(spec), built.publication.files()
    built.index_search(site_dir)     # after the generator has written the HTML

The MkDocs hook, the CLI, the tests and the benchmarks all come in here; a generator adapter
only lays the pages out and writes the files.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from samverkan.catalog.catalog import Catalog, ValidationFailed, load_catalog
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

    def index_search(self, site_dir: Path):
        """Index a written site with Pagefind; the report, or None when search is off."""
        from samverkan.search import index

        if not self.settings.search:
            return None
        return index.build_search_index(Path(site_dir))


def load(settings: Settings) -> Catalog:
    """Validate every record and relate them; raises ValidationFailed with the report."""
    project = settings.project
    if not project.data_dir.is_dir():
        raise FileNotFoundError(f"mappen med poster finns inte: {project.data_dir} (se SAMVERKAN_DATA_DIR)")
    return load_catalog(project, settings.build_date)


def build(settings: Settings, repo_url: str = "", edit_uri: str = "", ui: dict[str, str] | None = None) -> Built:
    """The catalog, the page plan and the publication of one data set; `ui`: the theme's widget classes."""
    catalog = load(settings)
    site = Site(catalog, settings.project, repo_url, edit_uri, ui=ui)
    return Built(settings, catalog, site, Publication(catalog, settings.project, settings.site_url))
