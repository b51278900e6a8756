"""Who may see and act on a dossier, read in one query on guardian's direct
tables: the same answers as guardian's own checks, through a person's own
rows, their groups' rows and their roles."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from guardian.shortcuts import assign_perm, get_objects_for_user

from approvals.access import can, grant, revoke, visible
from approvals.services import TransitionRefused, perform
from tests.dossiers.models import Petition


def _people(make_user, make_petition):
    owner = make_user("applicant")
    petitions = [make_petition(owner=owner) for _ in range(4)]
    club = Group.objects.create(name="club-juristes")
    in_club = make_user("applicant")
    in_club.groups.add(club)
    assign_perm("dossiers.view_petition", club, petitions[1])
    assign_perm("dossiers.change_petition", club, petitions[2])
    direct = make_user("applicant")
    grant(direct, petitions[3], "view")
    role = make_user("membership_group")
    role.user_permissions.add(Permission.objects.get(codename="view_petition"))
    return {
        "owner": owner,
        "in_club": in_club,
        "direct": direct,
        "role": role,
        "stranger": make_user("applicant"),
        "superuser": make_user(is_superuser=True, is_staff=True),
        "inactive": make_user("applicant", is_active=False),
    }, petitions, club


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_the_visible_dossiers_are_those_guardian_finds(make_user, make_petition):
    people, petitions, _club = _people(make_user, make_petition)
    for name, person in people.items():
        person = _fresh(person)
        ours = set(visible(person, Petition).values_list("pk", flat=True))
        theirs = set(
            get_objects_for_user(person, "dossiers.view_petition", Petition.objects.all()).values_list("pk", flat=True)
        ) if person.is_active else set()
        assert ours == theirs, name
    assert set(visible(_fresh(people["in_club"]), Petition).values_list("pk", flat=True)) == {petitions[1].pk}
    assert visible(_fresh(people["direct"]), Petition.objects.all()).count() == 1
    assert visible(_fresh(people["role"]), Petition).count() == len(petitions)
    assert visible(_fresh(people["inactive"]), Petition).count() == 0


def test_can_answers_as_django_and_guardian_do(make_user, make_petition):
    people, petitions, _club = _people(make_user, make_petition)
    for name, person in people.items():
        for petition in petitions:
            for action in ("view", "change"):
                person = _fresh(person)
                perm = f"dossiers.{action}_petition"
                expected = person.is_active and (person.has_perm(perm) or _fresh(person).has_perm(perm, petition))
                assert can(_fresh(person), action, Petition.objects.get(pk=petition.pk)) == expected, (name, petition.pk, action)


def test_a_right_held_through_a_group_lets_its_members_act(make_user, make_petition):
    people, petitions, club = _people(make_user, make_petition)
    petition = petitions[2]
    # the owner's right goes, the group's stays: a member of the group may submit
    revoke(people["owner"], petition, "change")
    entry = perform(petition, "submit", by=_fresh(people["in_club"]))
    assert entry.to_state == Petition.State.SUBMITTED
    # someone outside the group may not
    other = make_petition(owner=people["owner"])
    revoke(people["owner"], other, "change")
    with pytest.raises(TransitionRefused) as refused:
        perform(other, "submit", by=_fresh(people["stranger"]))
    assert refused.value.status == 403
    other.refresh_from_db()
    assert other.state == Petition.State.DRAFT


def test_granting_or_revoking_is_seen_at_once_on_the_same_instance(make_user, make_petition):
    owner = make_user("applicant")
    petition = make_petition(owner=owner)
    helper = _fresh(make_user("applicant"))
    assert not can(helper, "change", petition)
    grant(helper, petition, "change")
    assert can(helper, "change", petition)
    revoke(helper, petition, "change")
    assert not can(helper, "change", petition)


def test_postgresql_connections_run_without_jit(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_role_rights_are_read_in_one_query_and_answer_as_django_does(make_user, django_assert_num_queries):
    from django.contrib.auth.backends import ModelBackend

    person = make_user("membership_group", "applicant")
    person.user_permissions.add(Permission.objects.get(codename="review_petition"))
    expected = ModelBackend().get_all_permissions(_fresh(person))
    assert "dossiers.review_petition" in expected and "members.screen_membershipapplication" in expected
    person = _fresh(person)
    with django_assert_num_queries(1):  # the person's groups (roles) and every right, at once
        assert person.get_all_permissions() == expected
        assert person.has_perm("dossiers.review_petition")
        assert not person.has_perm("casework.add_case")
    assert person.get_user_permissions() == {"dossiers.review_petition"}
    assert "dossiers.review_petition" not in person.get_group_permissions()
    superuser = _fresh(make_user(is_superuser=True))
    assert superuser.get_all_permissions() == ModelBackend().get_all_permissions(_fresh(superuser))
