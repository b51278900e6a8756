"""Writes of governance: one function per intention (keyword-only, atomic).

`voting_organisations(assembly)` and `delegate_for(assembly, organisation)`
are the General Assembly's; an election asks `election_voting_organisations`
and `may_vote_for` (governance/services/voters.py), which follow them when
the election is held at an assembly.
"""

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
from .election_minutes import election_minutes_issue, election_minutes_request, minutes_letter
from .elections import (
    ElectionError,
    candidacy_submit,
    election_close,
    election_create,
    election_open,
    election_vote,
    eligibility_problems,
    has_voted,
)
from .terms import election_install, election_install_due
from .voters import may_vote_for, organisations_voted_by
from .voters import voting_organisations as election_voting_organisations
from .working_groups import working_group_lead_set, working_group_member_add, working_group_member_remove

__all__ = [
    "DOCUMENT_UPLOAD",
    "ElectionError",
    "GovernanceError",
    "assembly_create",
    "assembly_proxy_name",
    "candidacy_submit",
    "delegate_for",
    "document_create",
    "document_submit",
    "document_version_add",
    "document_withdraw",
    "election_close",
    "election_create",
    "election_install",
    "election_install_due",
    "election_minutes_issue",
    "election_minutes_request",
    "election_open",
    "election_vote",
    "election_voting_organisations",
    "eligibility_problems",
    "has_voted",
    "in_good_standing",
    "may_vote_for",
    "minutes_letter",
    "open_copil_ballot",
    "organisations_voted_by",
    "resolution_add",
    "resolution_close",
    "resolution_open",
    "resolution_vote",
    "voting_organisations",
    "working_group_lead_set",
    "working_group_member_add",
    "working_group_member_remove",
]
