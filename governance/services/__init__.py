"""Governance writes. One function per intention, keyword-only, atomic."""

from .assembly import (
    GovernanceError,
    assembly_create,
    assembly_proxy_name,
    delegate_for,
    in_good_standing,
    resolution_add,
    resolution_close,
    resolution_open,
    resolution_vote,
    voting_organisations,
)

__all__ = [
    "GovernanceError",
    "assembly_create",
    "assembly_proxy_name",
    "delegate_for",
    "in_good_standing",
    "resolution_add",
    "resolution_close",
    "resolution_open",
    "resolution_vote",
    "voting_organisations",
]
