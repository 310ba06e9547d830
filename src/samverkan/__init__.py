"""Samverkansbasen's domain core: load, validate and relate records.

Nothing here knows about MkDocs; the hooks in ../ only adapt it.
"""
