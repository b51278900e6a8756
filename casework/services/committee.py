from approvals.models import Committee

EMERGENCY_COMMITTEE = "emergency"


def emergency_committee() -> Committee:
    """The emergency committee (seeded by approvals' data migration)."""
    return Committee.objects.get(code=EMERGENCY_COMMITTEE)


def committee_member_ids(committee: Committee) -> set[int]:
    ids = set(committee.members.values_list("pk", flat=True))
    if committee.chair_id:
        ids.add(committee.chair_id)
    return ids
