"""Generator adapters' shared, generator-free part: what both the MkDocs hook
(hooks/samverkansbasen.py) and the Zensical stager (samverkan.adapters.zensical) hand to the
theme, so the two builds cannot drift apart.

    material   Material's widget classes, the start page's overview marker, the page metadata
               (page.meta.sv_*) both generators pass to the shared overrides/
    zensical   stage the site as Markdown files with front matter, run `zensical build`,
               check that no page is missing, index it with Pagefind

Nothing here imports a generator: Zensical runs as a child process. This is the one folder of
the package that may name Material's classes (md-*), since both adapters lay pages out with
Material's templates (tests/test_architecture.py).
"""
