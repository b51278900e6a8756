"""Who may do what in members, as plain predicates.

Role-level rights are model permissions of the role groups (migration 0004):
screening applications, managing the directory, reading every application.
Rights on one application are guardian object permissions: the applicant's
people hold "change" on it. Object predicates take (object, user), the
signature django-fsm gives a transition's `permission`.

What each page may offer is decided here, once: `application_actions`,
`reference_actions` and `lifecycle_actions` give the set of actions the
reader may take now; views pass it on and templates only test membership.
The services check the same predicates before they write.

Which directory fields a reader sees is the table in `members.visibility`;
which level a reader reads at is `directory_level` here.

The models import this module (for transition permissions), so it reads the
engine's services only when a function is called.
"""

from accounts.roles import Role
from approvals.access import holds_on_object

from .visibility import COMMITTEE, MEMBERS, PUBLIC, Level

# Roles that read the directory at committee level (every field, every entry).
COMMITTEE_ROLES = (Role.COPIL_MEMBER, Role.COPIL_CHAIR, Role.MEMBERSHIP_GROUP, Role.ADMINISTRATOR)
# Roles that do not make a person part of the network: applicants (not yet
# members) and auditors (outside it) read the public directory, unless they
# act for a member organisation.
NON_MEMBER_ROLES = (Role.APPLICANT, Role.AUDITOR)

# The member lifecycle steps a person may put to the COPIL.
LIFECYCLE_ACTIONS = ("suspend", "reinstate", "withdraw", "exclude")


# --- Applications -------------------------------------------------------------------------


def is_applicant(application, user) -> bool:
    """The applicant's own people (object-level right), not reviewers (role-level)."""
    return holds_on_object(user, "members.change_membershipapplication", application)


def may_screen(user) -> bool:
    """The membership working group examines applications."""
    return user.is_authenticated and user.has_perm("members.screen_membershipapplication")


def may_list_applications(user) -> bool:
    return user.is_authenticated and user.has_perm("members.view_membershipapplication")


def may_edit_application(application, user) -> bool:
    """The applicant changes a draft, or an application they were asked to complete."""
    return application.is_editable and is_applicant(application, user)


def may_link_organisation(application, user) -> bool:
    """While it is screened, the group may tie an application to a directory entry."""
    return may_screen(user) and application.state in application.SCREENING_STATES


def application_actions(application, user) -> frozenset[str]:
    """What the reader may do with this application now: the transitions they
    may fire (`approvals.services.available_transitions`, the kind's forms
    included), plus "edit" and "link". The applicant's form always offers
    its submission ("submit" or "resubmit") while it is editable: refused,
    it says what is still missing."""
    from approvals.services import available_transitions

    actions = set(available_transitions(application, user, generic=False))
    if may_edit_application(application, user):
        actions.add("edit")
        actions.add("resubmit" if application.state == application.State.INFORMATION_REQUESTED else "submit")
    if may_link_organisation(application, user):
        actions.add("link")
    return frozenset(actions)


# --- References ---------------------------------------------------------------------------


def is_referee_focal_point(reference, user) -> bool:
    """A focal point of the named organisation, while it is an active member."""
    organisation = reference.organisation
    return (
        user.is_authenticated
        and organisation.state == organisation.State.ACTIVE
        and organisation.focal_points.filter(pk=user.pk).exists()
    )


def may_answer_reference(reference, user) -> bool:
    return reference.awaits_answer and is_referee_focal_point(reference, user)


def reference_actions(reference, user) -> frozenset[str]:
    return frozenset({"answer"}) if may_answer_reference(reference, user) else frozenset()


# --- The directory ------------------------------------------------------------------------


def directory_level(user) -> Level:
    """The level at which a person reads the directory: the committee roles
    see everything; the network (any other role, or a focal point of an
    active member) sees member fields; everyone else, public fields."""
    if user is None or not user.is_authenticated or not user.is_active:
        return PUBLIC
    if user.is_superuser or user.has_role(*COMMITTEE_ROLES):
        return COMMITTEE
    if user.role_codes - set(NON_MEMBER_ROLES):
        return MEMBERS
    if user.organisations.active().exists():
        return MEMBERS
    return PUBLIC


def may_manage_directory(user) -> bool:
    return user.is_authenticated and user.has_perm("members.manage_directory")


def may_see_organisation_timeline(user) -> bool:
    return user.is_authenticated and user.has_perm("members.view_organisation")


def lifecycle_actions(organisation, user) -> list[str]:
    """The lifecycle steps this user may put to the COPIL for this organisation
    now: the directory managers any step the state allows, the organisation's
    own focal points its withdrawal."""
    if not user.is_authenticated:
        return []
    from approvals.services.transitions import transitions_of

    manages = may_manage_directory(user)
    own = organisation.focal_points.filter(pk=user.pk).exists()
    found = transitions_of(type(organisation))
    return [
        action
        for action in LIFECYCLE_ACTIONS
        if found[action].has_transition(organisation.state) and (manages or (own and action == "withdraw"))
    ]
