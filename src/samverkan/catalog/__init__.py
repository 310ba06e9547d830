"""Stage 3: relate validated records: places, taxonomies, status, coverage."""
