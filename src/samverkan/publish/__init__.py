"""Stage 5: what the site publishes besides pages: open data, feed, JSON-LD, pictures."""
