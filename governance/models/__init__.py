"""Governance: the network's bodies between and at General Assemblies.

- elections: COPIL elections (seats and rules, candidacies, the secret
  ballot's register and urn, results) and the committee's terms (its
  composition per term, kept as history).
"""

from .elections import (
    Candidacy,
    CommitteeTerm,
    CommitteeTermSeat,
    Election,
    ElectionBallot,
    ElectionVoter,
)

__all__ = [
    "Candidacy",
    "CommitteeTerm",
    "CommitteeTermSeat",
    "Election",
    "ElectionBallot",
    "ElectionVoter",
]
