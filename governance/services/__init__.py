"""Writes of governance: one function per intention (keyword-only, atomic)."""

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
    "document_create",
    "document_submit",
    "document_version_add",
    "document_withdraw",
    "open_copil_ballot",
    "working_group_lead_set",
    "working_group_member_add",
    "working_group_member_remove",
]
