"""The website, without a framework: pages, URLs, view models and HTML bodies.

Only hooks/samverkansbasen.py knows MkDocs; this package takes a Catalog and
gives back a list of pages and the HTML body of each, so another generator
could use it unchanged.
"""
from samverkan.pages.pages import PageSpec, Rendered, Site

__all__ = ["PageSpec", "Rendered", "Site"]
