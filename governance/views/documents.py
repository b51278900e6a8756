"""A working group's documents: write, upload versions, submit; read what is published."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from approvals.pages import dossier_page_context
from approvals.uploads import attachment_headers, download_name

from .. import selectors, services
from ..forms import DocumentForm, SubmitForm, VersionForm
from ..models import Document
from ..services.working_groups import GovernanceRefused


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for item in errors:
                form.add_error(field if field in form.fields else None, item)
    else:
        for message in error.messages:
            form.add_error(None, message)


@login_required
def document_new(request, slug):
    group = get_object_or_404(selectors.groups_for_page(), slug=slug)
    if not (request.user.is_superuser or group.is_member(request.user)):
        raise GovernanceRefused(_("Seuls les membres du groupe de travail peuvent y déposer un document."), status=403)
    form = DocumentForm(request.POST or None, group=group)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                document = services.document_create(
                    group_id=group.pk, by=request.user, kind=data["kind"], title=data["title"], summary=data["summary"],
                    audience=data["audience"], supersedes_id=data["supersedes"].pk if data["supersedes"] else None,
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Document créé : déposez-en maintenant une première version."))
                return redirect(document.get_absolute_url())
        status = 400
    return render(request, "governance/document_form.html", {"group": group, "form": form}, status=status)


def _document_page(request, document, *, version_form=None, submit_form=None, status=200):
    user = request.user
    versions = selectors.versions_for(user, document)
    if not selectors.sees_all_versions(user, document):
        # A reader of the published text: the adopted version, no workflow.
        return render(request, "governance/published_document.html", {"document": document, "versions": versions}, status=status)
    may_write = document.working_group.is_member(user) or user.is_superuser
    context = dossier_page_context(request, document, ballot_committees=False)
    context.update(
        {
            "versions": versions,
            "may_upload": may_write and document.state in Document.OPEN_STATES,
            "version_form": version_form or VersionForm(),
            "submit_form": submit_form or SubmitForm(),
            "may_submit": may_write and document.state in Document.OPEN_STATES,
        }
    )
    return render(request, "governance/document.html", context, status=status)


@require_safe
def document_detail(request, reference):
    document = selectors.access_document(request.user, reference)
    return _document_page(request, document)


@login_required
@require_POST
def version_add(request, reference):
    document = selectors.access_document(request.user, reference)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.document_version_add(
                reference=reference, by=request.user, upload=form.cleaned_data["upload"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Version %(number)d déposée.") % {"number": version.number})
            return redirect(document.get_absolute_url())
    return _document_page(request, document, version_form=form, status=400)


@login_required
@require_POST
def document_submit(request, reference):
    document = selectors.access_document(request.user, reference)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return _document_page(request, document, submit_form=form, status=400)
    services.document_submit(reference=reference, by=request.user, comment=form.cleaned_data["comment"])
    messages.success(request, _("Document soumis au COPIL : un scrutin est ouvert."))
    return redirect(document.get_absolute_url())


@require_safe
def version_download(request, reference, number):
    version = selectors.access_version(request.user, reference, number)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = PurePath(version.file.name).suffix.lstrip(".")
    response = FileResponse(handle, content_type="application/octet-stream")
    return attachment_headers(response, download_name(version.original_name, extension))


@login_required
@require_safe
def published(request):
    return render(request, "governance/published.html", {"documents": list(selectors.published_documents(request.user)), "public": False})


@require_safe
def published_public(request):
    return render(
        request, "governance/published.html", {"documents": list(selectors.published_documents(request.user, public_only=True)), "public": True}
    )
