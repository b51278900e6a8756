"""Thin views: parse, call one service or selector, render."""


from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.http import client_ip

from .. import ratelimit
from ..access import access
from ..models import Committee, Letter, LetterBatch, LetterTemplate, Meeting
from ..registry import dossier_model_for_reference
from . import permissions, selectors, services
from .forms import MeetingForm, MeetingRecordForm, MinutesForm, VerifyForm

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _private_file(file, *, filename: str, content_type: str) -> FileResponse:
    response = FileResponse(file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- letters ---------------------------------------------------------------------------------


def letter_file_for(request, pk, fmt):
    """(file, filename, content type) of a letter its reader may download,
    else Http404 / PermissionDenied. The one rule for the page and the API."""
    if fmt not in ("docx", "pdf"):
        raise Http404
    letter = Letter.objects.select_related("decision__committee", "meeting__committee").filter(pk=pk).first()
    if letter is None:
        raise Http404
    verdict = permissions.letter_access(request.user, letter)
    if verdict == permissions.HIDDEN:
        raise Http404
    if verdict == permissions.FORBIDDEN:
        raise PermissionDenied(_("Cette lettre est réservée à son destinataire, au comité et au secrétariat."))
    if letter.dossier is not None:
        letter.dossier.viewed(request, "letter")  # sensitive kinds log the read
    if not letter.file:  # its render failed before it ever had a file
        raise Http404
    if fmt == "pdf":
        if letter.pdf_status != Letter.PdfStatus.DONE or not letter.pdf_file:
            raise Http404
        return letter.pdf_file, f"{letter.reference}.pdf", "application/pdf"
    return letter.file, f"{letter.reference}.docx", DOCX_TYPE


@login_required
def letter_download(request, pk, fmt):
    file, filename, content_type = letter_file_for(request, pk, fmt)
    return _private_file(file, filename=filename, content_type=content_type)


def dossier_letters_for(request, reference):
    """(dossier, the letters of it its reader may open), else Http404; the
    read is logged for sensitive kinds. The one rule for the page and the API."""
    model = dossier_model_for_reference(reference)
    if model is None:
        raise Http404
    dossier = access(request.user, model, reference=reference)
    if model.sensitive and not dossier.sees_internal(request.user):
        raise Http404
    dossier.viewed(request, "letters")
    letters = [
        letter
        for letter in selectors.letters_for_dossier(dossier)
        if permissions.letter_access(request.user, letter) == permissions.ALLOWED
    ]
    return dossier, letters


@login_required
def dossier_letters(request, reference):
    dossier, letters = dossier_letters_for(request, reference)
    return render(
        request,
        "approvals/letters/dossier_letters.html",
        {"dossier": dossier, "letters": letters, "is_admin": request.user.has_perm("approvals.view_letter")},
    )


@login_required
def template_download(request, pk):
    """Administrators take a template version as the starting point of the next."""
    if not request.user.has_perm("approvals.view_lettertemplate"):
        raise PermissionDenied
    template = get_object_or_404(LetterTemplate, pk=pk)
    response = HttpResponse(bytes(template.content), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{template.kind}-{template.language}-v{template.version}.docx"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- public verification ---------------------------------------------------------------------


def _over_rate_limit(request) -> bool:
    """A fixed window per client address (20 checks per 10 minutes by default)."""
    limit, window = ratelimit.parse_rate(getattr(settings, "RELAIS_VERIFY_RATE", None), "20/600")
    return ratelimit.hit("verify", client_ip(request), window_seconds=window) > limit


@never_cache
def verify(request):
    """Anyone, signed in or not: is this letter authentic, and is this file it?"""
    checking = request.method == "POST" or bool(request.GET.get("code"))
    if checking and _over_rate_limit(request):
        return render(
            request,
            "approvals/verify.html",
            {"form": VerifyForm(), "limited": True},
            status=429,
        )
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
    elif checking:
        form = VerifyForm({"code": request.GET.get("code", "")})
    else:
        form = VerifyForm()
    result = None
    if checking and form.is_valid():
        result = services.letter_verify(code=form.cleaned_data["code"], upload=form.cleaned_data.get("file"))
    return render(request, "approvals/verify.html", {"form": form, "result": result}, status=200)


# --- regeneration by the chair ---------------------------------------------------------------------


@login_required
def letter_decisions(request):
    decisions = selectors.decisions_for_letters(request.user)
    if request.method == "POST":
        try:
            batch = services.letter_batch_create(by=request.user, decision_ids=request.POST.getlist("decision"))
        except services.LetterError as error:
            messages.error(request, error.reason)
            return redirect("letters:decisions")
        return redirect(batch.get_absolute_url())
    page = Paginator(decisions, 50).get_page(request.GET.get("page"))
    return render(request, "approvals/letters/decisions.html", {"page": page})


@login_required
def letter_batch(request, pk):
    batch = get_object_or_404(LetterBatch, pk=pk, created_by=request.user)
    progress = selectors.batch_progress(batch)
    items = batch.items.select_related("decision", "letter").order_by("id")[:200]
    return render(request, "approvals/letters/batch.html", {"batch": batch, "progress": progress, "items": items})


# --- meetings ----------------------------------------------------------------------------------------


def _chaired(user):
    return Committee.objects.filter(chair=user).order_by("name")


@login_required
def meetings(request):
    return render(
        request,
        "approvals/letters/meetings.html",
        {"meetings": selectors.meetings_for(request.user)[:100], "can_create": _chaired(request.user).exists()},
    )


@login_required
def meeting_new(request):
    committees = _chaired(request.user)
    if not committees.exists():
        raise PermissionDenied(_("Seule la présidence d'un comité peut organiser ses réunions."))
    form = MeetingForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(by=request.user, **form.meeting_fields())
        messages.success(request, _("La réunion est créée ; son ordre du jour est compilé."))
        return redirect(meeting.get_absolute_url())
    return render(request, "approvals/letters/meeting_new.html", {"form": form})


def _meeting_for(user, pk) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    if not permissions.may_see_meeting(user, meeting):
        raise Http404
    return meeting


@login_required
def meeting_detail(request, pk):
    meeting = _meeting_for(request.user, pk)
    manage = permissions.may_run_meetings(request.user, meeting.committee)
    record_form = MeetingRecordForm(
        initial={"attendees": meeting.attendees.all(), "decisions": meeting.decisions.all(), "notes": meeting.notes},
        members=selectors.meeting_member_choices(meeting),
        decisions=selectors.meeting_decision_choices(meeting),
    )
    minutes = meeting.letters.order_by("-id").first()
    return render(
        request,
        "approvals/letters/meeting.html",
        {
            "meeting": meeting,
            "manage": manage,
            "record_form": record_form if manage else None,
            "minutes_form": MinutesForm(initial={"language": request.user.preferred_language}),
            "minutes": minutes,
            "attendees": meeting.attendees.order_by("full_name", "email"),
            "decisions": meeting.decisions.order_by("decided_at", "id"),
            "open_ballots": selectors.meeting_open_ballots(meeting, user=request.user),
            "records": selectors.meeting_records(meeting).filter(confirmed_at__isnull=False),
        },
    )


@login_required
@require_POST
def meeting_record(request, pk):
    meeting = _meeting_for(request.user, pk)
    form = MeetingRecordForm(
        request.POST,
        members=selectors.meeting_member_choices(meeting),
        decisions=selectors.meeting_decision_choices(meeting),
    )
    if not form.is_valid():
        messages.error(request, _("La feuille de présence n'a pas été enregistrée : vérifiez les cases cochées."))
        return redirect(meeting.get_absolute_url())
    services.meeting_record(
        meeting_id=meeting.pk,
        by=request.user,
        attendee_ids=[user.pk for user in form.cleaned_data["attendees"]],
        decision_ids=[decision.pk for decision in form.cleaned_data["decisions"]],
        notes=form.cleaned_data["notes"],
    )
    messages.success(request, _("Présences et décisions enregistrées."))
    return redirect(meeting.get_absolute_url())


@login_required
@require_POST
def meeting_agenda_refresh(request, pk):
    meeting = _meeting_for(request.user, pk)
    services.meeting_agenda_refresh(meeting_id=meeting.pk, by=request.user)
    messages.success(request, _("L'ordre du jour est compilé à nouveau."))
    return redirect(meeting.get_absolute_url())


@login_required
@require_POST
def meeting_minutes(request, pk):
    meeting = _meeting_for(request.user, pk)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez la langue du procès-verbal."))
        return redirect(meeting.get_absolute_url())
    queued = services.meeting_minutes_request(meeting_id=meeting.pk, by=request.user, language=form.cleaned_data["language"])
    if queued:
        messages.success(request, _("Le procès-verbal est en préparation : il apparaîtra ici dans un instant."))
    else:
        messages.info(request, _("Le procès-verbal est déjà en préparation."))
    return redirect(meeting.get_absolute_url())
