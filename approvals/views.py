"""Thin views: parse, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import graphs, register, selectors, services
from .access import access
from .exports import csv_response, xlsx_response
from .pages import dossier_page_context
from .forms import BallotOpenForm, ConflictForm, RegisterFilterForm, TransitionForm, VoteForm
from .models import Ballot, Choice, Committee, Notification
from .refusals import Refused
from .registry import dossier_model_for_reference, dossier_models


def _dossier_for(user, reference, *, action="view"):
    model = dossier_model_for_reference(reference)
    if model is None:
        raise Http404
    return access(user, model, action=action, reference=reference)


@login_required
def dossier_detail(request, reference):
    dossier = _dossier_for(request.user, reference)
    return render(request, "approvals/dossier.html", dossier_page_context(request, dossier))


@login_required
@require_POST
def dossier_transition(request, reference, transition):
    dossier = _dossier_for(request.user, reference)
    if not services.is_generic(type(dossier), transition):
        # Its rules live in the kind's own form and service (an amount, an
        # opinion, a ballot): this page must not be a way around them.
        raise Refused(_("Cette action se fait depuis la page du dossier, avec son propre formulaire."), status=403)
    form = TransitionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    services.perform(dossier, transition, by=request.user, comment=comment)
    messages.success(request, _("C'est fait : le dossier est maintenant « %(label)s ».") % {"label": dossier.state_label_for(internal=dossier.sees_internal(request.user))})
    return redirect(dossier.get_absolute_url())


@login_required
def ballot_new(request, reference, committee):
    dossier = _dossier_for(request.user, reference)
    committee = get_object_or_404(Committee, code=committee)
    if not services.may_open_ballot(request.user, committee):
        raise PermissionDenied(_("Seule la présidence du comité peut ouvrir un scrutin."))
    initial = {
        "question": _("Approuver le dossier %(reference)s ?") % {"reference": dossier.reference},
        "threshold": committee.default_threshold,
        "quorum_percent": committee.default_quorum_percent,
        "deadline": timezone.localtime(timezone.now() + timezone.timedelta(days=committee.default_ballot_days)),
    }
    form = BallotOpenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            ballot = services.ballot_open(dossier=dossier, committee=committee, by=request.user, **form.cleaned_data)
        except services.TransitionRefused as error:
            form.add_error(None, error.reason)
        else:
            messages.success(request, _("Le scrutin est ouvert."))
            return redirect(ballot.get_absolute_url())
    return render(request, "approvals/ballot_new.html", {"dossier": dossier, "committee": committee, "form": form})


@login_required
def my_ballots(request):
    open_ballots = list(selectors.ballots_for_member(request.user))
    for ballot in open_ballots:
        ballot.my_vote_label = Choice(ballot.my_vote).label if ballot.my_vote else ""
    return render(
        request,
        "approvals/my_ballots.html",
        {
            "open_ballots": open_ballots,
            "closed_ballots": selectors.ballots_for_member(request.user, open_only=False).exclude(
                status=Ballot.Status.OPEN
            )[:20],
        },
    )


def _ballot_for(user, pk) -> Ballot:
    ballot = get_object_or_404(Ballot.objects.select_related("committee", "content_type"), pk=pk)
    if not selectors.ballot_visible_to(user, ballot):
        model = ballot.content_type.model_class()
        if getattr(model, "sensitive", False):
            raise Http404
        raise PermissionDenied(_("Ce scrutin est réservé aux membres du comité."))
    return ballot


@login_required
def ballot_detail(request, pk):
    ballot = _ballot_for(request.user, pk)
    seat = ballot.seats.filter(member=request.user).first()
    my_vote = ballot.votes.filter(member=request.user).first()
    counted = services.tally(ballot)
    chair_acts = ballot.is_open and ballot.committee.chair_id == request.user.pk
    return render(
        request,
        "approvals/ballot.html",
        {
            "ballot": ballot,
            "tally": counted,
            "certain_outcome": selectors.ballot_certain_outcome(ballot, counted) if chair_acts else None,
            "may_lapse": chair_acts and ballot.deadline <= timezone.now(),
            "chair_acts": chair_acts,
            "seats": ballot.seats.select_related("member").order_by("member__email"),
            "votes": ballot.votes.select_related("member").order_by("cast_at"),
            "decision": getattr(ballot, "decision", None),
            "seat": seat,
            "vote_form": VoteForm(initial={"choice": my_vote.choice} if my_vote else None),
            "conflict_form": ConflictForm(),
        },
    )


@login_required
@require_POST
def ballot_vote(request, pk):
    ballot = _ballot_for(request.user, pk)
    form = VoteForm(request.POST)
    if not form.is_valid():
        raise Refused(_("Choisissez une option de vote."), status=400)
    services.vote_cast(ballot_id=ballot.pk, by=request.user, **form.cleaned_data)
    messages.success(request, _("Votre vote est enregistré. Vous pouvez le modifier tant que le scrutin est ouvert."))
    return redirect(ballot.get_absolute_url())


@login_required
@require_POST
def ballot_conflict(request, pk):
    ballot = _ballot_for(request.user, pk)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        raise Refused(_("Indiquez le motif du conflit d'intérêts."), status=400)
    services.conflict_declare(ballot_id=ballot.pk, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("Vous êtes récusé·e pour ce scrutin."))
    return redirect(ballot.get_absolute_url())


@login_required
@require_POST
def ballot_close(request, pk):
    """The chair closes a ballot whose outcome is already certain."""
    ballot = _ballot_for(request.user, pk)
    decision = services.ballot_close_early(ballot_id=ballot.pk, by=request.user)
    messages.success(
        request,
        _("Le scrutin est clos : décision %(reference)s (%(outcome)s).")
        % {"reference": decision.reference, "outcome": decision.get_outcome_display()},
    )
    return redirect(ballot.get_absolute_url())


@login_required
@require_POST
def ballot_lapse(request, pk):
    """The chair records that the deadline has passed."""
    ballot = _ballot_for(request.user, pk)
    ballot = services.ballot_lapse(ballot_id=ballot.pk, by=request.user)
    if ballot.status == Ballot.Status.DECIDED:
        messages.success(request, _("Échéance passée : le scrutin est clos sur les votes exprimés."))
    else:
        messages.success(request, _("Échéance passée : le scrutin est expiré sans quorum, le dossier n'a pas changé d'état."))
    return redirect(ballot.get_absolute_url())


@login_required
def inbox(request):
    return render(request, "approvals/inbox.html", {"notifications": selectors.inbox(request.user)[:100]})


@login_required
@require_POST
def inbox_read(request, pk=None):
    items = Notification.objects.filter(recipient=request.user, read_at__isnull=True)
    if pk is not None:
        items = items.filter(pk=pk)
    items.update(read_at=timezone.now())
    return redirect("approvals:inbox")


def workflow_help(request):
    kinds = [(model.kind_key(), model._meta.verbose_name, model.reference_prefix) for model in dossier_models()]
    return render(request, "approvals/workflows.html", {"kinds": kinds})


def workflow_svg(request, kind):
    model = next((m for m in dossier_models() if m.kind_key() == kind), None)
    if model is None:
        raise Http404
    response = HttpResponse(graphs.state_graph_svg(model), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- the register of decisions (auditors, COPIL, secretariat) --------------------------------


def _register_filters(request):
    if not register.may_read_register(request.user):
        raise PermissionDenied(_("Le registre des décisions est réservé aux auditeurs, au COPIL et au secrétariat."))
    committees = list(Committee.objects.order_by("name").values_list("code", "name"))
    form = RegisterFilterForm(request.GET or None, kinds=register.kinds(), committees=committees)
    return form, register.decisions(**form.filters())


@login_required
def decision_register(request):
    form, decisions = _register_filters(request)
    page = Paginator(decisions, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "approvals/register.html",
        {
            "form": form,
            "page": page,
            "rows": [register.row(decision) for decision in page.object_list],
            "query": query.urlencode(),
        },
    )


@login_required
def decision_register_export(request, fmt):
    _form, decisions = _register_filters(request)
    name = f"registre-decisions-{timezone.localdate().isoformat()}.{fmt}"
    header, rows = register.export_header(), register.export_rows(decisions)
    if fmt == "csv":
        return csv_response(name, header, rows)
    return xlsx_response(name, _("Décisions"), header, rows)
