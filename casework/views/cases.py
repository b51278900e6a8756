"""The committee's and the case officer's pages about cases."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from approvals.services import transition_label
from approvals.selectors import ballots_for_dossier
from approvals.uploads import attachment_headers

from .. import permissions, selectors, services
from ..forms import (
    AssessmentForm,
    AssignForm,
    CaseFilterForm,
    DocumentForm,
    IntakeForm,
    ProposalForm,
    RefuseForm,
    ReferElsewhereForm,
    RequestAssessmentForm,
    WellbeingForm,
)
from ..models import Case, CaseAccessLog
from .common import access_log_record, no_store

Part = CaseAccessLog.Part


@never_cache
@login_required
def case_list(request):
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.case_list(
        request.user,
        state=filters.get("state", ""),
        country=filters.get("country", ""),
        urgency=filters.get("urgency", ""),
        search=filters.get("q", ""),
        overdue=filters.get("overdue", False),
    )
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    return no_store(render(request, "casework/case_list.html", {"page": page, "form": form}))


def _case_context(request, case) -> dict:
    """The case page: what the reader may do (permissions.case_actions) and
    only the forms those actions need."""
    actions = permissions.case_actions(request.user, case)
    context = {
        "case": case,
        "actions": actions,
        "buttons": [(name, transition_label(Case, name)) for name in sorted(actions & Case.generic_transitions)],
        "supports": case.support_types.order_by("kind"),
        "disbursements": selectors.case_disbursements(case),
        "documents": case.documents.select_related("uploaded_by"),
        "wellbeing_checks": case.wellbeing_checks.all(),
        "ballots": ballots_for_dossier(case, request.user),
        "incidents": case.incidents.defer("place", "summary").order_by("-occurred_on"),
        "letters": selectors.case_letters(case),
    }
    if actions & {"send_to_committee", "fast_track", "revise_proposal"}:
        context["proposal_form"] = ProposalForm(case=case)
    if "refer_elsewhere" in actions:
        context["refer_form"] = ReferElsewhereForm()
    if "request_assessment" in actions:
        context["request_assessment_form"] = RequestAssessmentForm(case=case)
    if "add_document" in actions:
        context["document_form"] = DocumentForm()
    if "record_wellbeing" in actions:
        context["wellbeing_form"] = WellbeingForm()
    if "confirm_disbursement" in actions:
        context["refuse_form"] = RefuseForm()
    if "assign" in actions:
        context["assign_form"] = AssignForm(initial={"officer": case.officer_id})
    return context


@never_cache
@login_required
def case_detail(request, reference):
    case = selectors.access_case(request.user, reference)
    access_log_record(user=request.user, case=case, part=Part.SUMMARY, request=request)
    return no_store(render(request, "casework/case_detail.html", _case_context(request, case)))


@never_cache
@login_required
def case_identity(request, reference):
    """Who, how to reach them, where, and what threatens them: one click
    away from the summary, and logged on its own."""
    case = selectors.access_case(request.user, reference)
    access_log_record(user=request.user, case=case, part=Part.IDENTITY, request=request)
    return no_store(render(request, "casework/case_identity.html", {"case": case}))


@never_cache
@login_required
def case_assessment(request, reference):
    """The risk assessment, by the officer or an asked country focal point."""
    case = selectors.access_case_to_assess(request.user, reference)
    initial = {"risk_level": case.risk_level, "urgency": case.urgency, "requested_amount": case.requested_amount}
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.case_assess(case_id=case.pk, by=request.user, **form.cleaned_data)
        messages.success(request, _("L'évaluation du risque est enregistrée."))
        if permissions.may_see_case(request.user, case):
            return redirect(case.get_absolute_url())
        return redirect("home")
    access_log_record(user=request.user, case=case, part=Part.ASSESSMENT, request=request)
    return no_store(render(request, "casework/case_assessment.html", {"case": case, "form": form}))


@login_required
@require_POST
def case_assign(request, reference):
    case = selectors.access_case(request.user, reference)
    form = AssignForm(request.POST)
    if not form.is_valid():
        raise services.CaseworkRefused(_("Choisissez un·e chargé·e de dossier."), status=400)
    services.case_assign(case_id=case.pk, officer=form.cleaned_data["officer"], by=request.user)
    messages.success(request, _("Le cas est confié à %(person)s.") % {"person": form.cleaned_data["officer"]})
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def case_request_assessment(request, reference):
    case = selectors.access_case(request.user, reference, action="change")
    form = RequestAssessmentForm(request.POST, case=case)
    if not form.is_valid():
        raise services.CaseworkRefused(_("Choisissez un point focal du pays du cas."), status=400)
    services.case_request_assessment(case_id=case.pk, focal_point=form.cleaned_data["focal_point"], by=request.user)
    messages.success(request, _("L'évaluation est demandée."))
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def case_propose(request, reference, route):
    """Send to the committee, or (the chair, critical cases) decide alone."""
    case = selectors.access_case(request.user, reference)
    form = ProposalForm(request.POST, case=case)
    if not form.is_valid():
        raise services.CaseworkRefused(_("Indiquez un montant et un fonds valides."), status=400)
    service = {
        "accelere": services.case_fast_track,
        "revision": services.case_revise_proposal,
    }.get(route, services.case_send_to_committee)
    service(case_id=case.pk, by=request.user, proposed_amount=form.cleaned_data["proposed_amount"], fund_id=form.cleaned_data["fund"].pk)
    messages.success(request, _("Le scrutin est ouvert."))
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def case_refer_elsewhere(request, reference):
    case = selectors.access_case(request.user, reference)
    form = ReferElsewhereForm(request.POST)
    if not form.is_valid():
        raise services.CaseworkRefused(_("Indiquez vers quel fonds ou quel partenaire le cas est orienté."), status=400)
    services.case_refer_elsewhere(case_id=case.pk, by=request.user, referred_to=form.cleaned_data["referred_to"])
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def document_upload(request, reference):
    case = selectors.access_case(request.user, reference, action="change")
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        raise services.CaseworkRefused(_("Choisissez un type et un fichier."), status=400)
    services.document_add(case_id=case.pk, by=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"])
    messages.success(request, _("Le document est enregistré."))
    return redirect(case.get_absolute_url() + "#documents")


@never_cache
@login_required
def document_download(request, reference, pk):
    case = selectors.access_case(request.user, reference)
    document = selectors.access_case_document(case, pk)
    access_log_record(user=request.user, case=case, part=Part.DOCUMENT, request=request, detail=f"document {document.pk}")
    response = HttpResponse(services.document_bytes(document), content_type=document.content_type)
    attachment_headers(response, f"{case.reference}-{document.kind}-{document.pk}.{document.extension}")
    return no_store(response)


@never_cache
@login_required
def letter_download(request, reference, pk):
    case = selectors.access_case(request.user, reference)
    letter = selectors.access_case_letter(case, pk)
    access_log_record(user=request.user, case=case, part=Part.LETTER, request=request, detail=f"letter {letter.pk}")
    with letter.file.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="{letter.reference}.docx"'
    return no_store(response)


@login_required
@require_POST
def wellbeing_record(request, reference, pk):
    case = selectors.access_case(request.user, reference, action="change")
    check = get_object_or_404(case.wellbeing_checks, pk=pk)
    form = WellbeingForm(request.POST)
    if not form.is_valid():
        raise services.CaseworkRefused(_("Écrivez une note de suivi."), status=400)
    services.wellbeing_check_record(check_id=check.pk, by=request.user, note=form.cleaned_data["note"])
    return redirect(case.get_absolute_url() + "#suivi")


@never_cache
@login_required
def refer(request):
    """A member organisation's focal point refers a defender."""
    if not permissions.may_refer_cases(request.user):
        raise PermissionDenied(_("Seuls les points focaux des organisations membres peuvent orienter un cas."))
    form = IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = services.case_refer(by=request.user, data=form.data_for_service(), intake_key=form.cleaned_data["idempotency_key"])
        messages.success(request, _("Le cas %(reference)s est transmis au comité d'urgence.") % {"reference": case.reference})
        return redirect("casework:referral", reference=case.reference)
    return no_store(render(request, "casework/refer.html", {"form": form}, status=400 if form.errors else 200))


@never_cache
@login_required
def referrals(request):
    return no_store(render(request, "casework/referrals.html", {"cases": selectors.my_referrals(request.user)[:200]}))


@never_cache
@login_required
def referral(request, reference):
    """The referrer sees the public state of the case, nothing more."""
    case = selectors.access_referred_case(request.user, reference)
    return no_store(render(request, "casework/referral.html", {"case": case}))


