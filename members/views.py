"""Thin views: parse input, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals import selectors as approval_selectors
from approvals.access import access
from approvals.exports import csv_response, xlsx_response
from approvals.forms import TransitionForm
from approvals.refusals import Refused
from approvals.services import TransitionRefused, available_transitions, transition_label
from approvals.uploads import attachment_headers, download_name

from . import selectors, services, visibility
from .duplicates import likely_duplicates
from .forms import (
    AccountForm,
    ApplicationForm,
    DirectorySearchForm,
    DocumentsForm,
    InformationRequestForm,
    LifecycleForm,
    LinkOrganisationForm,
    ReferenceAnswerForm,
    SendToCopilForm,
)
from .models import ApplicationDocument, MembershipApplication, _is_applicant



# --- Applying ---------------------------------------------------------------------------


def apply(request):
    """The application form, for a visitor (who gets an account) or a signed-in person."""
    if request.method == "POST":
        return _save_application(request, None)
    user = request.user
    return _render_form(
        request,
        None,
        ApplicationForm(),
        DocumentsForm(),
        None if user.is_authenticated else AccountForm(prefix="account"),
        mine=selectors.applications_of(user)[:20] if user.is_authenticated else [],
    )


def _render_form(request, application, form, documents_form, account_form, *, status=200, mine=()):
    return render(
        request,
        "members/application_form.html",
        {
            "application": application,
            "form": form,
            "documents_form": documents_form,
            "account_form": account_form,
            "documents": list(application.documents.all()) if application else [],
            "mine": mine,
            "withdrawable": application is not None and "withdraw" in available_transitions(application, request.user),
        },
        status=status,
    )


def _save_application(request, application):
    """Save what was typed (a draft), then submit it if asked. A refused file
    or a wrong field never loses what else was typed: the valid fields are
    saved and the page comes back with the errors."""
    submitting = request.POST.get("action") == "submit"
    anonymous = not request.user.is_authenticated
    account_form = AccountForm(request.POST, prefix="account") if anonymous else None
    has_statutes = bool(application) and application.documents.filter(kind=ApplicationDocument.Kind.STATUTES).exists()
    form = ApplicationForm(request.POST, instance=application or MembershipApplication(), for_submission=submitting)
    documents_form = DocumentsForm(request.POST, request.FILES, statutes_needed=submitting and not has_statutes)
    form_ok = form.is_valid()
    documents_ok = documents_form.is_valid()
    account_ok = account_form is None or account_form.is_valid()
    if not account_ok or "name" not in form.cleaned_data or "country" not in form.cleaned_data:
        messages.error(request, _("Rien n'a été enregistré : corrigez les champs signalés (le nom et le pays de "
                                  "l'organisation sont nécessaires pour enregistrer un brouillon)."))
        return _render_form(request, application, form, documents_form, account_form, status=400)

    try:
        with transaction.atomic():
            user = request.user
            if anonymous:
                user = services.applicant_account_create(**account_form.cleaned_data)
            charter = form.cleaned_data.get("charter_accepted", False)
            if application is None:
                application = services.application_create(
                    by=user, fields=form.draft_data(), charter_accepted=charter, **form.relations()
                )
            else:
                application = services.application_update(
                    application_id=application.pk, by=user, fields=form.draft_data(), charter_accepted=charter,
                    **form.relations(),
                )
            for kind, uploaded in documents_form.uploads().items():
                services.application_document_add(application_id=application.pk, by=user, kind=kind, uploaded=uploaded)
    except Refused as error:
        (account_form or form).add_error(None, error.reason)
        return _render_form(request, application, form, documents_form, account_form, status=error.status)
    if anonymous:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.info(request, _("Votre compte est créé : vous pourrez revenir compléter votre demande en vous connectant."))

    application.refresh_from_db()
    if not (form_ok and documents_ok):
        messages.warning(request, _("Brouillon enregistré, sauf les éléments signalés ci-dessous : corrigez-les puis "
                                    "enregistrez à nouveau."))
        return _render_form(request, application, form, documents_form, None, status=400)
    if submitting:
        try:
            services.application_submit(
                application_id=application.pk, by=user, comment=request.POST.get("response", "")[:2000]
            )
        except TransitionRefused as error:
            form.add_error(None, error.reason)
            return _render_form(request, application, form, DocumentsForm(), None, status=error.status)
        messages.success(request, _("Votre demande %(reference)s est envoyée. Vous serez prévenu·e par e-mail de "
                                    "chaque étape.") % {"reference": application.reference})
    else:
        messages.success(request, _("Brouillon enregistré (%(reference)s). Vous pouvez y revenir à tout moment.")
                         % {"reference": application.reference})
    return redirect(application.get_absolute_url())


@login_required
def application_detail(request, reference):
    application = access(request.user, MembershipApplication, reference=reference)
    if application.is_editable and _is_applicant(application, request.user):
        if request.method == "POST":
            return _save_application(request, application)
        return _render_form(
            request, application, ApplicationForm(instance=application), DocumentsForm(), None
        )
    if request.method == "POST":
        raise PermissionDenied(_("Cette demande ne peut plus être modifiée."))
    return _render_detail(request, application)


def _render_detail(request, application, *, forms=None, status=200):
    user = request.user
    internal = application.sees_internal(user)
    screener = user.has_perm("members.screen_membershipapplication")
    names = available_transitions(application, user, generic=False)
    context = {
        "dossier": application,
        "application": application,
        "internal": internal,
        "screener": screener,
        "timeline": approval_selectors.timeline(application, internal=internal),
        "transitions": [(name, transition_label(MembershipApplication, name)) for name in available_transitions(application, user)],
        "can_request_information": "request_information" in names,
        "can_send_to_copil": "send_to_copil" in names,
        "transition_form": TransitionForm(),
        "ballots": approval_selectors.open_ballots_for_dossier(application, request.user) if internal else [],
        "committees": [],
        "documents": list(application.documents.all()),
        "references": list(application.references.select_related("organisation")),
        "duplicates": likely_duplicates(application) if internal else [],
        "information_form": InformationRequestForm(),
        "copil_form": SendToCopilForm(),
        "link_form": LinkOrganisationForm(initial={"organisation": application.organisation_id}),
        **(forms or {}),
    }
    return render(request, "members/application_detail.html", context, status=status)


def _screening_post(request, reference, form_class, form_name, call):
    application = access(request.user, MembershipApplication, reference=reference)
    form = form_class(request.POST)
    if not form.is_valid():
        return _render_detail(request, application, forms={form_name: form}, status=400)
    try:
        call(application, form.cleaned_data)
    except TransitionRefused as error:
        form.add_error(None, error.reason)
        return _render_detail(request, application, forms={form_name: form}, status=error.status)
    return redirect(application.get_absolute_url())


@login_required
@require_POST
def application_request_information(request, reference):
    def call(application, data):
        services.application_information_request(
            application_id=application.pk, by=request.user, items=data["items"], comment=data["comment"]
        )
        messages.success(request, _("La demande d'informations est envoyée au demandeur."))

    return _screening_post(request, reference, InformationRequestForm, "information_form", call)


@login_required
@require_POST
def application_send_to_copil(request, reference):
    def call(application, data):
        services.application_send_to_copil(
            application_id=application.pk, by=request.user, recommendation=data["recommendation"], reasons=data["reasons"]
        )
        messages.success(request, _("La demande est transmise au COPIL : un scrutin est ouvert."))

    return _screening_post(request, reference, SendToCopilForm, "copil_form", call)


@login_required
@require_POST
def application_link(request, reference):
    def call(application, data):
        organisation = data["organisation"]
        services.application_link_organisation(
            application_id=application.pk, by=request.user, organisation_id=organisation.pk if organisation else None
        )
        messages.success(request, _("Rapprochement enregistré."))

    return _screening_post(request, reference, LinkOrganisationForm, "link_form", call)


@login_required
def application_document(request, reference, pk):
    application = access(request.user, MembershipApplication, reference=reference)
    document = application.documents.filter(pk=pk).first()
    if document is None:
        raise Http404
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    response["Cache-Control"] = "private, no-store"
    return attachment_headers(response, download_name(document.original_name, document.extension))


@login_required
def applications_list(request):
    state = request.GET.get("etat", "")
    applications = selectors.applications_visible(request.user)
    if not request.user.has_perm("members.view_membershipapplication"):
        raise PermissionDenied(_("Cette liste est réservée au groupe Adhésion et au COPIL."))
    if state in MembershipApplication.State.values:
        applications = applications.filter(state=state)
    else:
        applications = applications.exclude(state=MembershipApplication.State.DRAFT)
    return render(
        request,
        "members/applications.html",
        {"applications": applications.order_by("-created_at")[:200], "states": MembershipApplication.State.choices, "state": state},
    )


# --- References -------------------------------------------------------------------------


@login_required
def references(request):
    return render(request, "members/references.html", {"references": selectors.references_waiting(request.user)})


@login_required
def reference_detail(request, pk):
    reference = selectors.reference_for(request.user, pk)
    form = ReferenceAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer = request.POST.get("answer")
        if answer not in ("confirm", "decline"):
            form.add_error(None, _("Choisissez : confirmer ou décliner."))
        else:
            try:
                services.reference_answer(
                    reference_id=reference.pk, by=request.user, confirm=answer == "confirm", comment=form.cleaned_data["comment"]
                )
            except TransitionRefused as error:
                form.add_error(None, error.reason)
            else:
                messages.success(request, _("Votre réponse est enregistrée. Merci."))
                return redirect("members:references")
    return render(request, "members/reference.html", {"reference": reference, "application": reference.application, "form": form},
                  status=400 if form.errors else 200)


# --- The directory ----------------------------------------------------------------------


def _reader_level(request):
    level = visibility.reader_level(request.user)
    if request.GET.get("vue") == "public":
        level = visibility.PUBLIC
    return level


def directory(request):
    level = _reader_level(request)
    search = DirectorySearchForm(request.GET or None, states=visibility.visible_states(level))
    organisations = selectors.directory(level, **search.filters())
    fields = [name for name in visibility.visible_fields(level) if name in LIST_COLUMNS]
    query = request.GET.copy()
    return render(
        request,
        "members/directory.html",
        {
            "search": search,
            "organisations": organisations,
            "columns": [(name, visibility.field_label(name)) for name in fields],
            "rows": [(organisation, [visibility.field_value(organisation, name) for name in fields]) for organisation in organisations],
            "level": level,
            "query": query.urlencode(),
            "public_view": request.GET.get("vue") == "public",
        },
    )


# What the list shows (the organisation page and the export show every visible field).
LIST_COLUMNS = ("name", "acronym", "country", "province", "domains", "status", "email", "phone")


def organisation_detail(request, pk):
    level = _reader_level(request)
    organisation = selectors.directory_entry(level, pk)
    fields = visibility.visible_fields(level)
    actions = services.lifecycle_actions_for(organisation, request.user) if request.user.is_authenticated else []
    return render(
        request,
        "members/organisation.html",
        {
            "organisation": organisation,
            "fields": [(visibility.field_label(name), visibility.field_value(organisation, name)) for name in fields],
            "level": level,
            "lifecycle_form": LifecycleForm(actions=actions) if actions else None,
            "can_see_timeline": request.user.is_authenticated and request.user.has_perm("members.view_organisation"),
        },
    )


@login_required
@require_POST
def organisation_lifecycle(request, pk):
    organisation = selectors.directory_entry(visibility.reader_level(request.user), pk)
    actions = services.lifecycle_actions_for(organisation, request.user)
    form = LifecycleForm(request.POST, actions=actions)
    if form.is_valid():
        try:
            ballot = services.organisation_lifecycle_propose(
                organisation_id=organisation.pk, by=request.user, **form.cleaned_data
            )
        except TransitionRefused as error:
            form.add_error(None, error.reason)
        else:
            messages.success(request, _("Le COPIL est saisi : un scrutin est ouvert."))
            return redirect(ballot.get_absolute_url() if approval_selectors.ballot_visible_to(request.user, ballot) else organisation.get_absolute_url())
    level = visibility.reader_level(request.user)
    return render(
        request,
        "members/organisation.html",
        {
            "organisation": organisation,
            "fields": [(visibility.field_label(name), visibility.field_value(organisation, name)) for name in visibility.visible_fields(level)],
            "level": level,
            "lifecycle_form": form,
            "can_see_timeline": request.user.has_perm("members.view_organisation"),
        },
        status=400,
    )


def _export_rows(request):
    level = _reader_level(request)
    search = DirectorySearchForm(request.GET or None, states=visibility.visible_states(level))
    organisations = selectors.directory(level, **search.filters())
    fields = visibility.visible_fields(level)
    header = [visibility.field_label(name) for name in fields]
    return header, visibility.rows(organisations, fields)


def _export_name(extension: str) -> str:
    return f"repertoire-{timezone.localdate().isoformat()}.{extension}"


def directory_csv(request):
    header, rows = _export_rows(request)
    return csv_response(_export_name("csv"), header, rows)


def directory_xlsx(request):
    header, rows = _export_rows(request)
    return xlsx_response(_export_name("xlsx"), _("Répertoire"), header, rows)
