"""Governance pages: one module per part (elections)."""
