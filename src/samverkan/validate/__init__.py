"""Stage 2: check records against the schema and the rules; no side effects."""
