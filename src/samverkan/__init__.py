"""Samverkansbasen's domain package: read, validate and relate records, plan and render pages,
publish open data, index for search (ARCHITECTURE.md). Start at samverkan.build.

Nothing here knows about MkDocs; hooks/samverkansbasen.py in the repository only adapts it.
"""
