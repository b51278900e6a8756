"""Ballot rules as pure functions over vote counts.

- Quorum: at least `quorum_percent` of eligible (non-recused) members cast
  a vote; an abstention counts toward quorum.
- Threshold, over expressed votes (approve, reject, request changes):
  simple majority (more than half), two thirds (at least two thirds),
  unanimity (every expressed vote approves), single approver (the first
  expressed vote decides).
- When approval does not reach the threshold, the outcome is "request
  changes" if more members asked for changes than rejected, else "reject".
- A ballot may close early once its outcome is certain: every way the
  members who have not voted yet could vote (or not vote) gives the same
  outcome.
"""

import math
from dataclasses import dataclass

from .models import Choice, Outcome, Threshold


@dataclass(frozen=True)
class Counts:
    approve: int = 0
    reject: int = 0
    request_changes: int = 0
    abstain: int = 0

    @property
    def cast(self) -> int:
        return self.approve + self.reject + self.request_changes + self.abstain

    @property
    def expressed(self) -> int:
        return self.approve + self.reject + self.request_changes

    @classmethod
    def of(cls, choices) -> "Counts":
        choices = list(choices)
        return cls(
            approve=choices.count(Choice.APPROVE),
            reject=choices.count(Choice.REJECT),
            request_changes=choices.count(Choice.REQUEST_CHANGES),
            abstain=choices.count(Choice.ABSTAIN),
        )


def quorum_needed(eligible: int, quorum_percent: int) -> int:
    return max(1, math.ceil(eligible * quorum_percent / 100))


def outcome(counts: Counts, *, eligible: int, threshold: str, quorum_percent: int, first_expressed: str | None = None):
    """The outcome if the ballot closed now, or None without quorum."""
    if threshold == Threshold.SINGLE_APPROVER:
        return Outcome(first_expressed) if first_expressed else None
    if counts.cast < quorum_needed(eligible, quorum_percent):
        return None
    expressed = counts.expressed
    approved = False
    if expressed:
        if threshold == Threshold.SIMPLE_MAJORITY:
            approved = counts.approve * 2 > expressed
        elif threshold == Threshold.TWO_THIRDS:
            approved = counts.approve * 3 >= expressed * 2
        elif threshold == Threshold.UNANIMITY:
            approved = counts.approve == expressed
    if approved:
        return Outcome.APPROVED
    if counts.request_changes > counts.reject:
        return Outcome.CHANGES_REQUESTED
    return Outcome.REJECTED


def certain_outcome(counts: Counts, *, eligible: int, threshold: str, quorum_percent: int, first_expressed=None):
    """The outcome if no remaining vote can change it, else None."""
    if threshold == Threshold.SINGLE_APPROVER:
        return Outcome(first_expressed) if first_expressed else None
    remaining = max(0, eligible - counts.cast)
    if counts.cast < quorum_needed(eligible, quorum_percent):
        return None
    seen = set()
    for a in range(remaining + 1):
        for r in range(remaining - a + 1):
            for c in range(remaining - a - r + 1):
                # Abstentions and absences both leave expressed votes as they
                # are and quorum is already met: one case covers them.
                future = Counts(counts.approve + a, counts.reject + r, counts.request_changes + c, counts.abstain)
                seen.add(outcome(future, eligible=eligible, threshold=threshold, quorum_percent=quorum_percent))
                if len(seen) > 1:
                    return None
    return seen.pop() if seen else None
