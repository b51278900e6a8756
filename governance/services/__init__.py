"""Governance: the writes (see each module's docstring for its rules)."""

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
from .minutes import election_minutes_issue, election_minutes_request, minutes_letter
from .terms import election_install, election_install_due
from .voters import may_vote_for, organisations_voted_by, voting_organisations

__all__ = [
    "ElectionError",
    "candidacy_submit",
    "election_close",
    "election_create",
    "election_install",
    "election_install_due",
    "election_minutes_issue",
    "election_minutes_request",
    "election_open",
    "election_vote",
    "eligibility_problems",
    "has_voted",
    "may_vote_for",
    "minutes_letter",
    "organisations_voted_by",
    "voting_organisations",
]
