"""Thin views: parse input, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals.exports import csv_response, xlsx_response
from approvals.fsm import TransitionRefused
from approvals.pages import dossier_page_context
from approvals.refusals import Refused
from approvals.selectors import ballot_visible_to
from approvals.uploads import attachment_headers, download_name

from . import permissions, selectors, services, visibility
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
from .models import ApplicationDocument, MembershipApplication


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
    documents = list(application.documents.all()) if application else []
    has_statutes = any(document.kind == ApplicationDocument.Kind.STATUTES for document in documents)
    steps = form.progress(has_statutes=has_statutes)
    return render(
        request,
        "members/application_form.html",
        {
            "application": application,
            "form": form,
            "steps": steps,
            "steps_done": sum(step["done"] for step in steps),
            "documents_form": documents_form,
            "account_form": account_form,
            "documents": documents,
            "mine": mine,
            "actions": permissions.application_actions(application, request.user) if application else frozenset(),
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
        application = services.application_save(
            by=None if anonymous else request.user,
            account=account_form.cleaned_data if anonymous else None,
            application_id=application.pk if application else None,
            fields=form.draft_data(),
            charter_accepted=form.cleaned_data.get("charter_accepted", False),
            uploads=documents_form.uploads(),
            **form.relations(),
        )
    except Refused as error:
        (account_form or form).add_error(None, error.reason)
        return _render_form(request, application, form, documents_form, account_form, status=error.status)
    user = application.owner if anonymous else request.user
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
        # "Save and go on" at the end of a step: back to the next step of the saved draft.
        step = request.POST.get("action", "").removeprefix("save:")
        if step.startswith("etape-") and step[6:].isdigit():
            return redirect(f"{application.get_absolute_url()}#{step}")
    return redirect(application.get_absolute_url())


@login_required
def application_detail(request, reference):
    application = selectors.access_application(request.user, reference=reference)
    if permissions.may_edit_application(application, request.user):
        if request.method == "POST":
            return _save_application(request, application)
        return _render_form(
            request, application, ApplicationForm(instance=application), DocumentsForm(), None
        )
    if request.method == "POST":
        raise PermissionDenied(_("Cette demande ne peut plus être modifiée."))
    return _render_detail(request, application)


def _render_detail(request, application, *, forms=None, status=200):
    context = dossier_page_context(request, application, ballot_committees=False)
    internal = context["internal"]
    context |= {
        "application": application,
        "actions": permissions.application_actions(application, request.user),
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
    application = selectors.access_application(request.user, reference=reference)
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
    document = selectors.access_document(request.user, reference=reference, pk=pk)
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    response["Cache-Control"] = "private, no-store"
    return attachment_headers(response, download_name(document.original_name, document.extension))


@login_required
def applications_list(request):
    if not permissions.may_list_applications(request.user):
        raise PermissionDenied(_("Cette liste est réservée au groupe Adhésion et au COPIL."))
    state = request.GET.get("etat", "")
    context = {
        "applications": selectors.applications_listed(request.user, state=state)[:200],
        "states": MembershipApplication.State.choices,
        "state": state,
    }
    return render(request, "members/applications.html", context)


# --- References -------------------------------------------------------------------------


@login_required
def references(request):
    return render(request, "members/references.html", {"references": selectors.references_waiting(request.user)})


@login_required
def reference_detail(request, pk):
    reference = selectors.access_reference(request.user, pk)
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
    context = {
        "reference": reference,
        "application": reference.application,
        "form": form,
        "actions": permissions.reference_actions(reference, request.user),
    }
    return render(request, "members/reference.html", context, status=400 if form.errors else 200)


# --- The directory ----------------------------------------------------------------------


def _reader_level(request):
    """The reader's level, or the public one when they preview the public directory."""
    if request.GET.get("vue") == "public":
        return visibility.PUBLIC
    return permissions.directory_level(request.user)


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
    organisation = selectors.access_organisation(request.user, pk, level=level)
    actions = permissions.lifecycle_actions(organisation, request.user)
    return _render_organisation(request, organisation, level, LifecycleForm(actions=actions) if actions else None)


@login_required
@require_POST
def organisation_lifecycle(request, pk):
    organisation = selectors.access_organisation(request.user, pk)
    form = LifecycleForm(request.POST, actions=permissions.lifecycle_actions(organisation, request.user))
    if form.is_valid():
        try:
            ballot = services.organisation_lifecycle_propose(
                organisation_id=organisation.pk, by=request.user, **form.cleaned_data
            )
        except TransitionRefused as error:
            form.add_error(None, error.reason)
        else:
            messages.success(request, _("Le COPIL est saisi : un scrutin est ouvert."))
            visible = ballot_visible_to(request.user, ballot)
            return redirect(ballot.get_absolute_url() if visible else organisation.get_absolute_url())
    level = permissions.directory_level(request.user)
    return _render_organisation(request, organisation, level, form, status=400)


def _render_organisation(request, organisation, level, lifecycle_form, *, status=200):
    fields = visibility.visible_fields(level)
    context = {
        "organisation": organisation,
        "fields": [(visibility.field_label(name), visibility.field_value(organisation, name)) for name in fields],
        "level": level,
        "lifecycle_form": lifecycle_form,
        "can_see_timeline": permissions.may_see_organisation_timeline(request.user),
    }
    return render(request, "members/organisation.html", context, status=status)


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
