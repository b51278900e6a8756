"""Roles are Django groups, created by a data migration.

A role's code is the group name (stable, never shown); its label is
translated. Rights on one dossier come from per-object permissions, not
from roles.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COPIL_MEMBER = "copil_member", _("Membre du COPIL")
    COPIL_CHAIR = "copil_chair", _("Présidence du COPIL")
    MEMBERSHIP_GROUP = "membership_group", _("Groupe de travail Adhésion et gouvernance")
    FUNDRAISING_GROUP = "fundraising_group", _("Groupe de travail Recherche de financement et projet")
    EMERGENCY_MEMBER = "emergency_member", _("Membre du comité d'urgence")
    EMERGENCY_CHAIR = "emergency_chair", _("Présidence du comité d'urgence")
    CASE_OFFICER = "case_officer", _("Chargé·e de dossiers")
    COUNTRY_FOCAL_POINT = "country_focal_point", _("Point focal pays")
    MEMBER_FOCAL_POINT = "member_focal_point", _("Point focal d'organisation membre")
    APPLICANT = "applicant", _("Demandeur")
    AUDITOR = "auditor", _("Auditeur / bailleur")
    ADMINISTRATOR = "administrator", _("Administrateur (secrétariat)")


# Committee members, case officers and administrators sign in with a second factor.
SECOND_FACTOR_ROLES = frozenset(
    {
        Role.COPIL_MEMBER,
        Role.COPIL_CHAIR,
        Role.MEMBERSHIP_GROUP,
        Role.FUNDRAISING_GROUP,
        Role.EMERGENCY_MEMBER,
        Role.EMERGENCY_CHAIR,
        Role.CASE_OFFICER,
        Role.ADMINISTRATOR,
    }
)

# Members of a voting committee: they have ballots ("Mes scrutins").
BALLOT_ROLES = frozenset(
    {
        Role.COPIL_MEMBER,
        Role.COPIL_CHAIR,
        Role.EMERGENCY_MEMBER,
        Role.EMERGENCY_CHAIR,
    }
)
