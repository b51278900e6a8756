import pytest

from approvals.models import Outcome, Threshold
from approvals.tallies import Counts, certain_outcome, outcome, quorum_needed


def test_quorum_is_a_share_of_eligible_members_rounded_up():
    assert quorum_needed(6, 50) == 3
    assert quorum_needed(7, 50) == 4
    assert quorum_needed(1, 10) == 1


@pytest.mark.parametrize(
    "counts, threshold, expected",
    [
        (Counts(approve=4, reject=2), Threshold.SIMPLE_MAJORITY, Outcome.APPROVED),
        (Counts(approve=3, reject=3), Threshold.SIMPLE_MAJORITY, Outcome.REJECTED),
        (Counts(approve=4, reject=2), Threshold.TWO_THIRDS, Outcome.APPROVED),
        (Counts(approve=3, reject=2), Threshold.TWO_THIRDS, Outcome.REJECTED),
        (Counts(approve=5, reject=1), Threshold.UNANIMITY, Outcome.REJECTED),
        (Counts(approve=5, abstain=1), Threshold.UNANIMITY, Outcome.APPROVED),
        (Counts(approve=2, reject=1, request_changes=3), Threshold.SIMPLE_MAJORITY, Outcome.CHANGES_REQUESTED),
    ],
)
def test_outcome_by_threshold(counts, threshold, expected):
    assert outcome(counts, eligible=6, threshold=threshold, quorum_percent=50) == expected


def test_no_outcome_without_quorum():
    assert outcome(Counts(approve=2), eligible=6, threshold=Threshold.SIMPLE_MAJORITY, quorum_percent=50) is None


def test_outcome_is_certain_only_when_remaining_votes_cannot_change_it():
    rule = {"eligible": 6, "threshold": Threshold.SIMPLE_MAJORITY, "quorum_percent": 50}
    assert certain_outcome(Counts(approve=3), **rule) is None  # three more could reject
    assert certain_outcome(Counts(approve=4), **rule) == Outcome.APPROVED
    assert certain_outcome(Counts(reject=2, approve=1), **rule) is None  # 4 against 2 remains possible
    assert certain_outcome(Counts(reject=3, approve=1), **rule) == Outcome.REJECTED  # at best 3 against 3
    assert certain_outcome(Counts(reject=4), **rule) == Outcome.REJECTED


def test_single_approver_follows_the_first_expressed_vote():
    assert (
        certain_outcome(Counts(reject=1), eligible=1, threshold=Threshold.SINGLE_APPROVER, quorum_percent=100, first_expressed="reject")
        == Outcome.REJECTED
    )
