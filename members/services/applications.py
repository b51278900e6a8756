"""Writes of the applicant: their account, the draft, its documents."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from approvals.services import dossier_create

from .. import permissions
from ..models import ApplicationDocument, MembershipApplication, Organisation, Reference
from ..selectors import access_application
from ..uploads import check_upload
from .common import MembersError

# The application's own data, copied to the directory entry on approval.
ORGANISATION_FIELDS = (
    "name", "acronym", "country", "province", "city", "year_founded", "description", "website",
    "registration_number", "registration_date", "registration_authority", "no_registration_reason",
    "areas_of_intervention", "legal_representative", "contact_person", "email", "phone", "messaging", "address",
)
EDITABLE_FIELDS = ORGANISATION_FIELDS


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
    application = access_application(by, action="change", for_update=True, pk=application_id)
    if not permissions.is_applicant(application, by):
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



@transaction.atomic
def application_save(*, by=None, account: dict | None = None, application_id: int | None = None, fields: dict,
                     charter_accepted: bool = False, domains=None, target_groups=None, referees=None,
                     uploads: dict | None = None) -> MembershipApplication:
    """Save what the applicant typed, all or nothing: their account first when
    they have none yet (`account`, the fields of `applicant_account_create`;
    the new account then owns the draft), the draft (a new one, or
    `application_id`), then each uploaded document by kind."""
    if account is not None:
        by = applicant_account_create(**account)
    relations = {"domains": domains, "target_groups": target_groups, "referees": referees}
    if application_id is None:
        application = application_create(by=by, fields=fields, charter_accepted=charter_accepted, **relations)
    else:
        application = application_update(
            application_id=application_id, by=by, fields=fields, charter_accepted=charter_accepted, **relations
        )
    for kind, uploaded in (uploads or {}).items():
        application_document_add(application_id=application.pk, by=by, kind=kind, uploaded=uploaded)
    return application
