"""Governance pages: thin views over governance.services and selectors (one module per part)."""
