import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.uploads.samples import pdf_bytes


@pytest.fixture
def copil(seat_committee):
    """The COPIL: a chair and four members (quorum 3 of 5)."""
    return seat_committee("copil", members=4)


@pytest.fixture
def group(db, make_user):
    """The working group "Communication et plaidoyer" (no role): a lead and one more member."""
    from datetime import date

    from governance.models import WorkingGroup
    from governance.services import working_group_lead_set, working_group_member_add

    secretariat = make_user("administrator", is_staff=True)
    group = WorkingGroup.objects.get(slug="communication-plaidoyer")
    lead = make_user("member_focal_point", email="lead@example.org", full_name="Aline Lead")
    member = make_user("member_focal_point", email="member@example.org", full_name="Bruno Membre")
    for person in (lead, member):
        working_group_member_add(group_id=group.pk, user=person, by=secretariat)
    working_group_lead_set(group_id=group.pk, lead=lead, term_start=date(2026, 1, 1), term_end=date(2027, 12, 31), by=secretariat)
    group.refresh_from_db()
    group.secretariat = secretariat
    group.member = member
    return group


def pdf_upload(name="plan.pdf", text="Plan"):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")
