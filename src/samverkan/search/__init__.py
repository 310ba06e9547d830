"""Stage 6: the Pagefind search index over the built site."""
