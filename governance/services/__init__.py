"""Writes of governance: one function per intention (keyword-only, atomic)."""

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
from .documents import (
    DOCUMENT_UPLOAD,
    document_create,
    document_submit,
    document_version_add,
    document_withdraw,
    open_copil_ballot,
)
from .working_groups import working_group_lead_set, working_group_member_add, working_group_member_remove

__all__ = [
    "DOCUMENT_UPLOAD",
    "GovernanceError",
    "assembly_create",
    "assembly_proxy_name",
    "delegate_for",
    "document_create",
    "document_submit",
    "document_version_add",
    "document_withdraw",
    "in_good_standing",
    "open_copil_ballot",
    "resolution_add",
    "resolution_close",
    "resolution_open",
    "resolution_vote",
    "voting_organisations",
    "working_group_lead_set",
    "working_group_member_add",
    "working_group_member_remove",
]
