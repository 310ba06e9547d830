"""Stage 1: files into records (strict YAML, dates, where things are)."""
