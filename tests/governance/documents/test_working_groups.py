"""The six working groups as data the secretariat changes: members, one lead with a term."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from accounts.roles import Role
from approvals.models import Committee
from approvals.refusals import Refused
from governance.models import WorkingGroup
from governance.services import working_group_lead_set, working_group_member_add, working_group_member_remove

pytestmark = pytest.mark.django_db


def test_the_six_groups_of_the_action_plan_keep_the_two_existing_committees_and_roles():
    groups = list(WorkingGroup.objects.select_related("committee"))
    assert len(groups) == 6
    assert WorkingGroup.objects.get(role=Role.MEMBERSHIP_GROUP).committee == Committee.objects.get(code="membership_group")
    assert WorkingGroup.objects.get(role=Role.FUNDRAISING_GROUP).committee == Committee.objects.get(code="fundraising_group")
    assert all(group.committee.kind == Committee.Kind.WORKING_GROUP for group in groups)


def test_the_role_holders_are_members_and_adding_a_member_gives_the_role(make_user):
    secretariat = make_user("administrator", is_staff=True)
    group = WorkingGroup.objects.get(role=Role.MEMBERSHIP_GROUP)
    holder = make_user("membership_group")
    assert group.is_member(holder)
    newcomer = make_user("member_focal_point")
    working_group_member_add(group_id=group.pk, user=newcomer, by=secretariat)
    newcomer = type(newcomer).objects.get(pk=newcomer.pk)
    assert newcomer.has_role(Role.MEMBERSHIP_GROUP) and group.is_member(newcomer)
    working_group_member_remove(group_id=group.pk, user=newcomer, by=secretariat)
    newcomer = type(newcomer).objects.get(pk=newcomer.pk)
    assert not newcomer.has_role(Role.MEMBERSHIP_GROUP) and not group.is_member(newcomer)


def test_only_the_secretariat_changes_a_group_and_the_lead_is_a_member_with_a_term(make_user):
    secretariat = make_user("administrator", is_staff=True)
    group = WorkingGroup.objects.get(slug="suivi-evaluation")
    person = make_user("member_focal_point")
    with pytest.raises(Refused) as refused:
        working_group_member_add(group_id=group.pk, user=person, by=make_user("copil_chair"))
    assert refused.value.status == 403
    with pytest.raises(Refused):  # not a member yet
        working_group_lead_set(group_id=group.pk, lead=person, term_start=date(2026, 1, 1), by=secretariat)
    working_group_member_add(group_id=group.pk, user=person, by=secretariat)
    with pytest.raises(Refused):  # a term ends after it starts
        working_group_lead_set(group_id=group.pk, lead=person, term_start=date(2026, 1, 1), term_end=date(2025, 1, 1), by=secretariat)
    working_group_lead_set(group_id=group.pk, lead=person, term_start=date(2026, 1, 1), term_end=date(2027, 12, 31), by=secretariat)
    group.refresh_from_db()
    assert group.lead == person and group.lead_term_end == date(2027, 12, 31)
    with pytest.raises(Refused):  # the lead is replaced before leaving
        working_group_member_remove(group_id=group.pk, user=person, by=secretariat)
    # the database keeps one lead per group, with a term
    with transaction.atomic(), pytest.raises(IntegrityError):
        WorkingGroup.objects.filter(pk=group.pk).update(lead_term_start=None)


def test_the_secretariat_edits_members_and_lead_in_the_admin(make_user, client_for):
    secretariat = make_user("administrator", is_staff=True)
    group = WorkingGroup.objects.get(slug="formation-capacites")
    person = make_user("member_focal_point")
    client = client_for(secretariat)
    page = client.get(f"/admin/governance/workinggroup/{group.pk}/change/")
    assert page.status_code == 200
    response = client.post(
        f"/admin/governance/workinggroup/{group.pk}/change/",
        {"committee": group.committee_id, "slug": group.slug, "mandate": "Former", "role": "", "position": 5,
         "lead": person.pk, "lead_term_start": "2026-01-01", "lead_term_end": "", "members": [person.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    group.refresh_from_db()
    assert group.lead == person and group.is_member(person)
    assert "Formation et renforcement" in client.get(f"/gouvernance/groupes/{group.slug}/").content.decode()
