"""Writes for members: one function per intention.

Every state change goes through `approvals.services.perform`; the domain's
consequences of a change (asking referees, opening the COPIL ballot,
creating the directory entry) run in `application_transitioned`, inside the
same transaction.
"""

import importlib.util
import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from approvals.access import access, grant
from approvals.models import Ballot, Committee
from approvals.services import (
    TransitionRefused,
    ballot_open,
    dossier_create,
    notify,
    open_ballots_cancel,
    perform,
    record_event,
)
from approvals.services.transitions import transitions_of

from .models import ApplicationDocument, MembershipApplication, Organisation, Reference, _is_applicant
from .uploads import check_upload

log = logging.getLogger(__name__)

# The application's own data, copied to the directory entry on approval.
ORGANISATION_FIELDS = (
    "name", "acronym", "country", "province", "city", "year_founded", "description", "website",
    "registration_number", "registration_date", "registration_authority", "no_registration_reason",
    "areas_of_intervention", "legal_representative", "contact_person", "email", "phone", "messaging", "address",
)
EDITABLE_FIELDS = ORGANISATION_FIELDS


class MembersError(TransitionRefused):
    """A members action that may not happen; nothing was changed."""


# --- Accounts for applicants ---------------------------------------------------------------


@transaction.atomic
def applicant_account_create(*, email: str, password: str, full_name: str = "", preferred_language: str = "fr",
                             phone: str = "", country: str = ""):
    """The account of a person applying for their organisation (role "applicant")."""
    User = get_user_model()
    email = (email or "").strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise MembersError(
            _("Un compte existe déjà avec cette adresse e-mail : connectez-vous pour continuer votre demande."),
            status=400,
        )
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name.strip(), preferred_language=preferred_language,
        phone=phone, country=country,
    )
    user.groups.add(Group.objects.get(name=Role.APPLICANT))
    return user


# --- Drafting ---------------------------------------------------------------------------


def _set_relations(application, *, domains=None, target_groups=None, referees=None):
    if domains is not None:
        application.domains.set(domains)
    if target_groups is not None:
        application.target_groups.set(target_groups)
    if referees is not None:
        wanted = {organisation.pk for organisation in referees if organisation.state == Organisation.State.ACTIVE}
        Reference.objects.filter(application=application).exclude(organisation_id__in=wanted).delete()
        existing = set(Reference.objects.filter(application=application).values_list("organisation_id", flat=True))
        Reference.objects.bulk_create(
            [Reference(application=application, organisation_id=pk) for pk in sorted(wanted - existing)]
        )


@transaction.atomic
def application_create(*, by, fields: dict, domains=None, target_groups=None, referees=None,
                       charter_accepted: bool = False) -> MembershipApplication:
    """A new draft application owned by `by`, who may view and change it."""
    data = {name: value for name, value in fields.items() if name in EDITABLE_FIELDS}
    application = dossier_create(
        MembershipApplication, by=by, grant_owner=("view", "change"),
        charter_accepted_at=timezone.now() if charter_accepted else None, **data,
    )
    _set_relations(application, domains=domains, target_groups=target_groups, referees=referees)
    return application


def _editable(application_id: int, by) -> MembershipApplication:
    application = access(by, MembershipApplication, action="change", for_update=True, pk=application_id)
    if not _is_applicant(application, by):
        raise MembersError(_("Seul le demandeur peut modifier sa demande."), status=403)
    if not application.is_editable:
        raise MembersError(
            _("Cette demande ne peut plus être modifiée (état : %(state)s).") % {"state": application.public_state}
        )
    return application


@transaction.atomic
def application_update(*, application_id: int, by, fields: dict, domains=None, target_groups=None, referees=None,
                       charter_accepted: bool | None = None) -> MembershipApplication:
    """Save what the applicant typed (a draft, or an application being completed)."""
    application = _editable(application_id, by)
    changed = []
    for name, value in fields.items():
        if name in EDITABLE_FIELDS and getattr(application, name) != value:
            setattr(application, name, value)
            changed.append(name)
    if charter_accepted is not None:
        accepted = application.charter_accepted_at is not None
        if charter_accepted and not accepted:
            application.charter_accepted_at = timezone.now()
            changed.append("charter_accepted_at")
        elif not charter_accepted and accepted:
            application.charter_accepted_at = None
            changed.append("charter_accepted_at")
    application.save(update_fields=[*changed, "updated_at"])
    _set_relations(application, domains=domains, target_groups=target_groups, referees=referees)
    return application


@transaction.atomic
def application_document_add(*, application_id: int, by, kind: str, uploaded) -> ApplicationDocument:
    """Attach (or replace) one document; its size and its type, read from its
    content, are checked first. Raises ValidationError with the reason."""
    if kind not in ApplicationDocument.Kind.values:
        raise ValidationError(_("Type de document inconnu."))
    checked = check_upload(uploaded)
    application = _editable(application_id, by)
    previous = list(ApplicationDocument.objects.filter(application=application, kind=kind))
    old_names = [document.file.name for document in previous]
    ApplicationDocument.objects.filter(pk__in=[document.pk for document in previous]).delete()
    document = ApplicationDocument(
        application=application,
        kind=kind,
        original_name=checked.download_name[-200:],
        content_type=checked.content_type,
        extension=checked.extension,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    # What is stored is what was checked (an image re-encoded, without what it hid).
    document.file.save("upload", ContentFile(checked.content), save=False)
    stored_name = document.file.name
    # If the transaction rolls back, the new file goes; once it commits, the old ones do.
    transaction.on_commit(lambda: [ApplicationDocument.file.field.storage.delete(name) for name in old_names])
    try:
        document.save()
    except Exception:
        ApplicationDocument.file.field.storage.delete(stored_name)
        raise
    return document


# --- The workflow -------------------------------------------------------------------------


@transaction.atomic
def application_submit(*, application_id: int, by, comment: str = "") -> MembershipApplication:
    """Submit a draft, or send back an application completed after a request
    for information. Refused, with what is missing, when it is incomplete."""
    application = access(by, MembershipApplication, action="change", pk=application_id)
    transition = "resubmit" if application.state == MembershipApplication.State.INFORMATION_REQUESTED else "submit"
    if application.is_editable and not application.is_complete():
        raise MembersError(
            _("Il manque encore : %(missing)s.") % {"missing": " ; ".join(application.missing_for_submission())},
            status=400,
        )
    perform(application, transition, by=by, comment=comment)
    return application


@transaction.atomic
def application_screening_start(*, application_id: int, by, comment: str = "") -> MembershipApplication:
    application = access(by, MembershipApplication, pk=application_id)
    perform(application, "start_screening", by=by, comment=comment)
    return application


@transaction.atomic
def application_information_request(*, application_id: int, by, items, comment: str = "") -> MembershipApplication:
    """Ask the applicant for what is missing (one item per line); they complete and resubmit."""
    application = access(by, MembershipApplication, pk=application_id)
    perform(application, "request_information", by=by, comment=comment, items=items)
    return application


@transaction.atomic
def application_send_to_copil(*, application_id: int, by, recommendation: str, reasons: str = "") -> MembershipApplication:
    """The working group's opinion goes with the application to a COPIL ballot."""
    application = access(by, MembershipApplication, pk=application_id)
    if recommendation not in MembershipApplication.Recommendation.values:
        raise MembersError(_("Indiquez l'avis du groupe de travail (favorable ou défavorable)."), status=400)
    perform(application, "send_to_copil", by=by, comment=reasons, recommendation=recommendation, reasons=reasons)
    return application


@transaction.atomic
def application_link_organisation(*, application_id: int, by, organisation_id: int | None) -> MembershipApplication:
    """Screening found that the applicant is (or was) already in the directory:
    approval will update and reactivate that entry instead of creating one."""
    application = access(by, MembershipApplication, for_update=True, pk=application_id)
    if not by.has_perm("members.screen_membershipapplication"):
        raise MembersError(_("Seul le groupe Adhésion peut rapprocher une demande du répertoire."), status=403)
    if application.state not in (MembershipApplication.State.SUBMITTED, MembershipApplication.State.SCREENING):
        raise MembersError(_("Le rapprochement se fait pendant l'examen de la demande."))
    organisation = Organisation.objects.get(pk=organisation_id) if organisation_id else None
    application.organisation = organisation
    application.save(update_fields=["organisation", "updated_at"])
    if organisation is not None:
        comment = _("Rapprochée de l'entrée du répertoire %(reference)s (%(name)s).") % {
            "reference": organisation.reference, "name": organisation.name,
        }
    else:
        comment = _("Rapprochement avec le répertoire annulé.")
    record_event(application, by=by, comment=comment)
    return application


@transaction.atomic
def application_withdraw(*, application_id: int, by, comment: str = "") -> MembershipApplication:
    application = access(by, MembershipApplication, pk=application_id)
    perform(application, "withdraw", by=by, comment=comment)
    return application


# --- References -----------------------------------------------------------------------


@transaction.atomic
def reference_answer(*, reference_id: int, by, confirm: bool, comment: str = "") -> Reference:
    """A focal point of the named member organisation confirms or declines."""
    reference = Reference.objects.select_for_update().select_related("organisation").get(pk=reference_id)
    organisation = reference.organisation
    if not organisation.focal_points.filter(pk=by.pk).exists() or organisation.state != Organisation.State.ACTIVE:
        raise MembersError(_("Seuls les points focaux de l'organisation référente peuvent répondre."), status=403)
    application = MembershipApplication.objects.get(pk=reference.application_id)
    if application.state not in MembershipApplication.OPEN_STATES or reference.requested_at is None:
        raise MembersError(_("Cette demande n'attend plus de référence."))
    if reference.status != Reference.Status.PENDING:
        raise MembersError(_("Votre organisation a déjà répondu à cette demande de référence."))
    reference.status = Reference.Status.CONFIRMED if confirm else Reference.Status.DECLINED
    reference.comment = (comment or "").strip()
    reference.answered_by = by
    reference.answered_at = timezone.now()
    reference.save(update_fields=["status", "comment", "answered_by", "answered_at"])
    message = _("Référence de %(organisation)s : %(answer)s.") % {
        "organisation": organisation.display_name, "answer": reference.get_status_display().lower(),
    }
    record_event(application, by=by, comment=f"{message} {reference.comment}".strip())
    return reference


def _request_references(application):
    pending = list(
        Reference.objects.filter(application=application, requested_at__isnull=True).select_related("organisation")
    )
    if not pending:
        return
    Reference.objects.filter(pk__in=[reference.pk for reference in pending]).update(requested_at=timezone.now())
    focal_points = set(
        Organisation.focal_points.through.objects.filter(
            organisation_id__in=[reference.organisation_id for reference in pending]
        ).values_list("user_id", flat=True)
    )
    notify(
        focal_points,
        "members.reference_requested",
        {"reference": application.reference, "organisation": application.name},
        url=reverse("members:references"),
    )


# --- Consequences of a state change (run by perform, in its transaction) --------------------


def _letter_request(application, kind: str, *, extra_context=None, by=None):
    """Ask the letters engine for a letter outside a decision, if it is installed."""
    if importlib.util.find_spec("approvals.letters") is None:
        return None
    if importlib.util.find_spec("approvals.letters.services") is None:
        return None
    from approvals.letters import services as letters

    letter_request = getattr(letters, "letter_request", None)
    if letter_request is None:
        return None
    return letter_request(dossier=application, kind=kind, extra_context=extra_context, by=by)


def application_transitioned(*, application: MembershipApplication, entry) -> None:
    State = MembershipApplication.State
    if entry.to_state == State.SUBMITTED or (entry.to_state == State.SCREENING and entry.from_state == State.INFORMATION_REQUESTED):
        _request_references(application)
    elif entry.to_state == State.INFORMATION_REQUESTED:
        _letter_request(
            application, "information_requested",
            extra_context={"requested_items": list(application.requested_items)}, by=entry.actor,
        )
    elif entry.to_state == State.COPIL_REVIEW:
        _open_copil_ballot(application)
    elif entry.to_state == State.APPROVED:
        organisation_from_application(application=application, decision=entry_decision(entry))
    elif entry.to_state == State.WITHDRAWN and entry.from_state == State.COPIL_REVIEW:
        open_ballots_cancel(dossier=application, reason=_("Demande retirée par le demandeur."))


def entry_decision(entry):
    """The decision behind a transition fired by a ballot (the latest for this dossier)."""
    from approvals.models import Decision

    return Decision.objects.filter(dossier_reference=entry.dossier_reference).order_by("-decided_at", "-pk").first()


def _copil() -> Committee:
    committee = Committee.objects.filter(code="copil").first()
    if committee is None:
        raise MembersError(_("Le COPIL n'est pas configuré : demandez au secrétariat de le créer."))
    return committee


def _open_copil_ballot(application):
    opinion = application.get_recommendation_display() if application.recommendation else _("non précisé")
    question = _("Approuver l'adhésion de %(name)s (%(reference)s) ? Avis du groupe Adhésion : %(opinion)s.") % {
        "name": application.name, "reference": application.reference, "opinion": str(opinion).lower(),
    }
    ballot_open(dossier=application, committee=_copil(), question=question[:300])


def _add_focal_points(organisation, user_ids):
    User = get_user_model()
    users = list(User.objects.filter(pk__in=user_ids, is_active=True))
    organisation.focal_points.add(*users)
    group = Group.objects.get(name=Role.MEMBER_FOCAL_POINT)
    for user in users:
        user.groups.add(group)
        grant(user, organisation, "view")


def organisation_from_application(*, application: MembershipApplication, decision=None) -> Organisation:
    """Approval: create the directory entry, or update and reactivate the
    one the applicant already had; the applicant's people become its focal points."""
    data = {name: getattr(application, name) for name in ORGANISATION_FIELDS}
    organisation = application.organisation
    if organisation is None and application.registration_number:
        organisation = Organisation.objects.filter(
            country=application.country, registration_number=application.registration_number
        ).first()
    where = decision.reference if decision is not None else application.reference
    comment = _("Adhésion approuvée : demande %(application)s, décision %(decision)s.") % {
        "application": application.reference, "decision": where,
    }
    if organisation is None:
        organisation = dossier_create(
            Organisation, by=None, owner=application.owner, grant_owner=("view",),
            joined_on=timezone.localdate(), **data,
        )
        record_event(organisation, comment=comment)
    else:
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        clash = (
            Organisation.objects.filter(country=data["country"], registration_number=data["registration_number"])
            .exclude(pk=organisation.pk)
            .exists()
        )
        if not data["registration_number"] or clash:
            # Never trade a known number for none, nor take another member's.
            for name in ("registration_number", "registration_date", "registration_authority"):
                data.pop(name)
        for name, value in data.items():
            setattr(organisation, name, value)
        if organisation.joined_on is None or organisation.state != Organisation.State.ACTIVE:
            organisation.joined_on = timezone.localdate()
        organisation.save(update_fields=[*data.keys(), "joined_on", "updated_at"])
        if organisation.state != Organisation.State.ACTIVE:
            perform(organisation, "reactivate", by=None, system=True, comment=comment)
        else:
            record_event(organisation, comment=comment)
    organisation.domains.set(application.domains.all())
    organisation.target_groups.set(application.target_groups.all())
    _add_focal_points(organisation, application.applicant_user_ids())
    application.organisation = organisation
    application.save(update_fields=["organisation"])
    return organisation


# --- Member lifecycle (each step by a COPIL ballot) ----------------------------------------


def organisation_transitioned(*, organisation: Organisation, entry) -> None:
    """A member that leaves the network (withdrawn, excluded) no longer makes
    its focal points members: they keep the role only through another member."""
    if entry.to_state not in (Organisation.State.WITHDRAWN, Organisation.State.EXCLUDED):
        return
    group = Group.objects.get(name=Role.MEMBER_FOCAL_POINT)
    for user in organisation.focal_points.all():
        still_member = Organisation.objects.in_network().filter(focal_points=user).exclude(pk=organisation.pk).exists()
        if not still_member:
            user.groups.remove(group)


LIFECYCLE_ACTIONS = ("suspend", "reinstate", "withdraw", "exclude")


def lifecycle_question(organisation, action: str) -> str:
    questions = {
        "suspend": _("Suspendre l'organisation membre %(name)s (%(reference)s) ?"),
        "reinstate": _("Lever la suspension de %(name)s (%(reference)s) ?"),
        "withdraw": _("Prendre acte du retrait de %(name)s (%(reference)s) du réseau ?"),
        "exclude": _("Exclure %(name)s (%(reference)s) du réseau ?"),
    }
    return questions[action] % {"name": organisation.display_name, "reference": organisation.reference}


def lifecycle_actions_for(organisation, user) -> list[str]:
    """The lifecycle steps this user may put to the COPIL for this organisation now."""
    if not user.is_authenticated:
        return []
    manages = user.has_perm("members.manage_directory")
    own = organisation.focal_points.filter(pk=user.pk).exists()
    found = transitions_of(Organisation)
    return [
        action
        for action in LIFECYCLE_ACTIONS
        if found[action].has_transition(organisation.state) and (manages or (own and action == "withdraw"))
    ]


@transaction.atomic
def organisation_lifecycle_propose(*, organisation_id: int, by, action: str, reason: str) -> Ballot:
    """Put a lifecycle step (suspend, reinstate, withdraw, exclude) to a COPIL
    ballot; approved, it moves the organisation by itself."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    if action not in LIFECYCLE_ACTIONS:
        raise MembersError(_("Action inconnue."), status=400)
    if action not in lifecycle_actions_for(organisation, by):
        if by.has_perm("members.manage_directory"):
            raise MembersError(
                _("Impossible depuis le statut « %(state)s ».") % {"state": organisation.get_state_display()}
            )
        raise MembersError(_("Vous n'avez pas le droit de proposer ce changement."), status=403)
    reason = (reason or "").strip()
    if not reason:
        raise MembersError(_("Indiquez le motif : il sera lu par le COPIL."), status=400)
    record_event(organisation, by=by, comment=reason)
    return ballot_open(
        dossier=organisation,
        committee=_copil(),
        question=lifecycle_question(organisation, action)[:300],
        decision_transitions={"approve": action},
    )
