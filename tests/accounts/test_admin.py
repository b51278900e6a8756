from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.roles import Role


def test_secretariat_manages_people_and_roles_in_french(make_user, client_for):
    # given the secretariat, signed in with their second factor
    admin = make_user(Role.ADMINISTRATOR, is_staff=True)
    client = client_for(admin)
    # the people list is in French and shows roles by their label
    make_user(Role.COPIL_MEMBER, email="awa@example.org")
    listing = client.get("/admin/accounts/user/").content.decode()
    assert "Sélectionnez l’objet utilisateur à changer" in listing or "utilisateur" in listing
    assert "awa@example.org" in listing
    assert "Membre du COPIL" in listing
    # when they add a person by email, then give them a role
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "paul@example.org",
            "full_name": "Paul Nzé",
            "country": "GA",
            "preferred_language": "fr",
            "usable_password": "true",
            "password1": "une-phrase-bien-longue-7",
            "password2": "une-phrase-bien-longue-7",
        },
    )
    assert response.status_code == 302, response.content.decode()
    paul = User.objects.get(email="paul@example.org")
    change = client.get(f"/admin/accounts/user/{paul.pk}/change/").content.decode()
    assert "Groupe de travail Adhésion et gouvernance" in change
    assert 'name="is_superuser"' not in change  # only a superuser hands that out


def test_secretariat_resets_a_lost_second_factor(make_user, client_for):
    admin = make_user(Role.ADMINISTRATOR, is_staff=True)
    member = make_user(Role.COPIL_MEMBER)
    TOTPDevice.objects.create(user=member, name="authenticator", confirmed=True)
    client = client_for(admin)

    response = client.post(
        "/admin/accounts/user/",
        {"action": "reset_second_factor", "_selected_action": [member.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Second facteur réinitialisé pour 1 compte" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=member).exists()


def test_administrator_role_has_the_people_permissions(db):
    group = Group.objects.get(name=Role.ADMINISTRATOR)

    assert set(group.permissions.values_list("codename", flat=True)) >= {"view_user", "add_user", "change_user"}
