"""Elections: thin views (parse, call one service or selector, render)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals.models import Committee
from approvals.refusals import Refused

from .. import election_selectors as selectors
from .. import permissions, services
from ..election_forms import CandidacyForm, ElectionForm, MinutesForm, VoteForm
from ..models import Election

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _election_for(user, pk) -> Election:
    """The election, for the network's members and for whoever votes in it
    (a proxy named for the General Assembly may hold no role of the network)."""
    election = Election.objects.select_related("committee", "assembly__meeting").filter(pk=pk).first()
    if permissions.may_see_elections(user):
        if election is None:
            raise Http404
        return election
    if election is not None and election.assembly_id and services.organisations_voted_by(user, election).exists():
        return election
    raise PermissionDenied(_("Les élections sont réservées aux membres du réseau."))


def _managed_committees(user):
    if user.is_superuser or user.has_role("administrator"):
        return Committee.objects.filter(kind=Committee.Kind.COMMITTEE).order_by("name")
    return Committee.objects.filter(chair=user).order_by("name")


@login_required
def election_list(request):
    if not permissions.may_see_elections(request.user):
        raise PermissionDenied(_("Les élections sont réservées aux membres du réseau."))
    return render(
        request,
        "governance/elections/list.html",
        {"elections": selectors.elections()[:100], "can_create": permissions.may_manage_elections(request.user)},
    )


@login_required
def election_new(request):
    committees = _managed_committees(request.user)
    if not committees.exists():
        raise PermissionDenied(_("Seuls la présidence d'un comité et le secrétariat organisent ses élections."))
    form = ElectionForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        try:
            election = services.election_create(by=request.user, **form.cleaned_data)
        except Refused as refused:
            form.add_error(None, refused.reason)
        else:
            messages.success(request, _("L'élection est créée : les candidatures sont ouvertes."))
            return redirect(election.get_absolute_url())
    return render(request, "governance/elections/new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def election_detail(request, pk):
    election = _election_for(request.user, pk)
    manage = permissions.may_manage_election(request.user, election.committee)
    context = selectors.election_page(election, user=request.user, manage=manage)
    context["minutes_form"] = MinutesForm(initial={"language": request.user.preferred_language})
    return render(request, "governance/elections/detail.html", context)


def _candidacy_organisations(user, election):
    if permissions.may_manage_election(user, election.committee):
        return services.election_voting_organisations(election)
    return services.organisations_voted_by(user, election)


@login_required
def candidacy_new(request, pk):
    election = _election_for(request.user, pk)
    organisations = _candidacy_organisations(request.user, election)
    if election.state != Election.State.CANDIDACIES:
        raise Refused(_("Les candidatures sont closes pour cette élection."))
    if not organisations.exists():
        raise PermissionDenied(_("Seul un point focal d'une organisation membre en règle peut présenter une candidature."))
    form = CandidacyForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.candidacy_submit(
                election_id=election.pk,
                organisation_id=data["organisation"].pk,
                person=data["person"],
                gender=data["gender"],
                statement=data["statement"],
                by=request.user,
            )
        except Refused as refused:
            form.add_error(None, refused.reason)
        else:
            messages.success(request, _("La candidature est enregistrée."))
            return redirect(election.get_absolute_url())
    return render(
        request, "governance/elections/candidacy.html", {"election": election, "form": form}, status=400 if form.errors else 200
    )


@login_required
def vote(request, pk):
    election = _election_for(request.user, pk)
    organisations = selectors.organisations_yet_to_vote(request.user, election)
    if election.state != Election.State.VOTING:
        raise Refused(_("Le vote n'est pas ouvert pour cette élection."))
    if not services.organisations_voted_by(request.user, election).exists():
        raise PermissionDenied(_("Vous ne votez pour aucune organisation à cette élection."))
    form = VoteForm(request.POST or None, election=election, organisations=services.organisations_voted_by(request.user, election))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.election_vote(
                election_id=election.pk,
                organisation_id=form.cleaned_data["organisation"].pk,
                by=request.user,
                candidacy_ids=[c.pk for c in form.cleaned_data["candidacies"]],
            )
        except Refused as refused:
            if refused.status == 403:
                raise
            form.add_error(None, refused.reason)
            status = refused.status
        else:
            # The message names the organisation, never the choice.
            messages.success(
                request, _("Le vote de %(organisation)s est enregistré. Il est secret et ne peut plus être modifié.")
                % {"organisation": form.cleaned_data["organisation"]}
            )
            return redirect(election.get_absolute_url())
    return render(
        request,
        "governance/elections/vote.html",
        {"election": election, "form": form, "yet_to_vote": organisations},
        status=status if status != 200 else (400 if form.errors else 200),
    )


@login_required
@require_POST
def election_open(request, pk):
    election = _election_for(request.user, pk)
    services.election_open(election_id=election.pk, by=request.user)
    messages.success(request, _("Le vote est ouvert ; les candidatures sont closes."))
    return redirect(election.get_absolute_url())


@login_required
@require_POST
def election_close(request, pk):
    election = _election_for(request.user, pk)
    services.election_close(election_id=election.pk, by=request.user, language=request.user.preferred_language)
    messages.success(request, _("Le vote est clos et dépouillé ; le procès-verbal est en préparation."))
    return redirect(election.get_absolute_url())


@login_required
@require_POST
def election_minutes(request, pk):
    election = _election_for(request.user, pk)
    if not permissions.may_manage_election(request.user, election.committee):
        raise PermissionDenied(_("Seuls la présidence du comité et le secrétariat produisent le procès-verbal."))
    form = MinutesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez la langue du procès-verbal."))
        return redirect(election.get_absolute_url())
    queued = services.election_minutes_request(election_id=election.pk, by=request.user, language=form.cleaned_data["language"])
    if queued:
        messages.success(request, _("Le procès-verbal est en préparation ; il apparaîtra sur cette page."))
    else:
        messages.info(request, _("Le procès-verbal est déjà en préparation."))
    return redirect(election.get_absolute_url())


@login_required
def election_minutes_download(request, pk):
    """The procès-verbal (.docx), shared with everyone of the network."""
    election = _election_for(request.user, pk)
    letter = services.minutes_letter(election)
    if letter is None or not letter.file:
        raise Http404
    response = FileResponse(letter.file.open("rb"), as_attachment=True, filename=f"{letter.reference}.docx", content_type=DOCX_TYPE)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
