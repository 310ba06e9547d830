"""Maintainer tools: the samverkan command, record templates, synthetic data."""
