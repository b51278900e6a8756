"""Counting an election: the ranking and the rules, as one pure function.

The rule, in the order it is applied (the procès-verbal says it too):

1. Candidates are ranked by votes, most first. Equal votes are ordered by a
   lot drawn when the count starts: the SHA-256 of "<seed>:<candidacy id>",
   smallest first; the seed is kept on the election and printed in the
   procès-verbal, so anyone can redo the draw.
2. Seats are given down the ranking. A candidate is passed over when
   - they received no vote;
   - their country already has `max_per_country` elected (the cap is
     absolute: a seat stays vacant rather than break it);
   - they are not a woman and the seats left are no more than the women
     still needed to reach `min_women`, counting only the women further
     down the ranking who can still sit (the minimum is met as far as the
     candidates allow).
   The next eligible candidate takes the seat.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

WOMAN = "woman"

NO_VOTE = "no_vote"
COUNTRY_CAP = "country_cap"
WOMEN_MINIMUM = "women_minimum"
BELOW = "below"


@dataclass
class Standing:
    key: int  # the candidacy's id
    votes: int
    country: str
    gender: str
    rank: int = 0
    elected: bool = False
    passed_over: str = ""  # NO_VOTE, COUNTRY_CAP, WOMEN_MINIMUM or BELOW (not reached)
    tie_broken: bool = False
    lot: str = field(default="", repr=False)


def lot(seed: str, key: int) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()


def count(standings: list[Standing], *, seats: int, seed: str, max_per_country=None, min_women=None) -> list[Standing]:
    """Rank `standings` and say who is elected; returns them in rank order."""
    for standing in standings:
        standing.lot = lot(seed, standing.key)
    ranked = sorted(standings, key=lambda s: (-s.votes, s.lot))
    elected_count, women, per_country = 0, 0, Counter()

    def cannot_sit(candidate) -> str:
        if candidate.votes <= 0:
            return NO_VOTE
        if max_per_country and per_country[candidate.country] >= max_per_country:
            return COUNTRY_CAP
        return ""

    for index, standing in enumerate(ranked, 1):
        standing.rank = index
        if elected_count >= seats:
            standing.passed_over = BELOW
            continue
        reason = cannot_sit(standing)
        if not reason and min_women and standing.gender != WOMAN:
            # Seats kept for the women still needed, as many as can still sit.
            later_women = sum(1 for c in ranked[index:] if c.gender == WOMAN and not cannot_sit(c))
            needed = min(min_women - women, later_women)
            if needed > 0 and seats - elected_count <= needed:
                reason = WOMEN_MINIMUM
        if reason:
            standing.passed_over = reason
            continue
        standing.elected = True
        elected_count += 1
        per_country[standing.country] += 1
        women += standing.gender == WOMAN

    # A tie mattered where candidates with the same votes ended on both sides.
    by_votes: dict[int, list[Standing]] = {}
    for standing in ranked:
        by_votes.setdefault(standing.votes, []).append(standing)
    for group in by_votes.values():
        if len(group) > 1 and len({s.elected for s in group}) > 1:
            for standing in group:
                standing.tie_broken = True
    return ranked
