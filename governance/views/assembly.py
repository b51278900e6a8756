"""The General Assembly: its page (organisations in good standing and who
votes for each, proxies, resolutions and results), the chair's actions, a
focal point naming a proxy, a delegate voting."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals.models import Committee
from grants.timezones import in_reader_time_zone
from members.models import Organisation

from ..forms import AssemblyForm, ProxyForm, ResolutionForm, ResolutionVoteForm
from ..models import Assembly, Delegation, Resolution, ResolutionVote
from ..permissions import may_open_assembly
from ..services.assembly import (
    GovernanceError,
    assembly_create,
    assembly_proxy_name,
    delegate_for,
    may_run_assembly,
    resolution_add,
    resolution_close,
    resolution_open,
    resolution_vote,
    voting_organisations,
)
from ..services.meetings import meeting_quorum


def _chaired(user):
    """The General Assembly is convened by the steering committee's chair."""
    return Committee.objects.filter(chair=user, code="copil")


def _assembly_for(user, pk) -> Assembly:
    assembly = get_object_or_404(Assembly.objects.select_related("meeting__committee"), pk=pk)
    meeting = assembly.meeting
    if not may_open_assembly(user, meeting):
        raise Http404
    return assembly


@login_required
@in_reader_time_zone
def assemblies(request):
    visible = [
        assembly for assembly in Assembly.objects.select_related("meeting__committee").order_by("-meeting__date")[:50]
        if may_open_assembly(request.user, assembly.meeting)
    ]
    return render(request, "governance/assemblies.html", {"assemblies": visible, "can_create": _chaired(request.user).exists()})


@login_required
def assembly_new(request):
    committees = _chaired(request.user)
    if not committees.exists():
        raise PermissionDenied(_("Seule la présidence du comité de pilotage convoque l'assemblée générale."))
    form = AssemblyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assembly = assembly_create(
            by=request.user, committee=committees.first(), title=data["title"], starts_at=form.starts_at(),
            time_zone=data["time_zone"], duration_minutes=data["duration_minutes"], place=data["place"], link=data["link"],
            quorum_percent=data["quorum_percent"],
        )
        messages.success(request, _("L'assemblée générale est convoquée : envoyez les invitations depuis la page de la réunion."))
        return redirect(assembly.get_absolute_url())
    return render(request, "governance/assembly_new.html", {"form": form})


def _my_organisations(user, assembly):
    """The organisations in good standing this person is a focal point of (they may name a proxy)."""
    return Organisation.objects.active().filter(focal_points=user).order_by("name")


@login_required
@in_reader_time_zone
def assembly(request, pk):
    assembly = _assembly_for(request.user, pk)
    meeting = assembly.meeting
    manage = may_run_assembly(request.user, assembly)
    delegations = {d.organisation_id: d for d in Delegation.objects.filter(assembly=assembly).select_related("delegate", "named_by")}
    organisations = []
    for organisation in voting_organisations(assembly).prefetch_related("focal_points"):
        organisations.append({"organisation": organisation, "delegate": delegate_for(assembly, organisation),
                              "delegation": delegations.get(organisation.pk)})
    # Organisations this reader votes for.
    represented = [row["organisation"] for row in organisations if row["delegate"] and row["delegate"].pk == request.user.pk]
    resolutions = list(assembly.resolutions.order_by("number"))
    voted = set(ResolutionVote.objects.filter(resolution__in=resolutions).values_list("resolution_id", "organisation_id"))
    ballots = [
        {"resolution": r, "to_vote": [org for org in represented if (r.pk, org.pk) not in voted] if r.status == "open" else []}
        for r in resolutions
    ]
    mine = _my_organisations(request.user, assembly)
    return render(request, "governance/assembly.html", {
        "assembly": assembly,
        "meeting": meeting,
        "manage": manage,
        "organisations": organisations,
        "ballots": ballots,
        "vote_form": ResolutionVoteForm(),
        "proxy_form": ProxyForm(organisations=mine) if mine.exists() or manage else None,
        "resolution_form": ResolutionForm() if manage else None,
        "quorum": meeting_quorum(meeting),
    })


def _refused(request, assembly, error: GovernanceError):
    messages.error(request, error.reason)
    return redirect(assembly.get_absolute_url())


@login_required
@require_POST
def assembly_proxy(request, pk):
    assembly = _assembly_for(request.user, pk)
    manage = may_run_assembly(request.user, assembly)
    organisations = voting_organisations(assembly) if manage else _my_organisations(request.user, assembly)
    form = ProxyForm(request.POST, organisations=organisations)
    if not form.is_valid():
        messages.error(request, _("La procuration n'a pas été enregistrée : vérifiez l'organisation et l'adresse."))
        return redirect(assembly.get_absolute_url())
    proxy = get_user_model().objects.filter(email__iexact=form.cleaned_data["proxy"], is_active=True).first()
    if proxy is None:
        messages.error(request, _("Aucun compte actif à cette adresse : la personne mandatée doit avoir un compte Relais."))
        return redirect(assembly.get_absolute_url())
    try:
        assembly_proxy_name(assembly_id=assembly.pk, organisation_id=form.cleaned_data["organisation"], proxy_id=proxy.pk, by=request.user)
    except GovernanceError as error:
        return _refused(request, assembly, error)
    messages.success(request, _("Procuration enregistrée."))
    return redirect(assembly.get_absolute_url())


@login_required
@require_POST
def assembly_resolution_add(request, pk):
    assembly = _assembly_for(request.user, pk)
    if not may_run_assembly(request.user, assembly):
        raise PermissionDenied(_("Seule la présidence de l'assemblée propose les résolutions."))
    form = ResolutionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("La résolution n'a pas été ajoutée : vérifiez son intitulé."))
        return redirect(assembly.get_absolute_url())
    resolution_add(assembly_id=assembly.pk, by=request.user, **form.cleaned_data)
    messages.success(request, _("Résolution ajoutée."))
    return redirect(assembly.get_absolute_url())


def _resolution_for(user, pk) -> Resolution:
    resolution = get_object_or_404(Resolution, pk=pk)
    _assembly_for(user, resolution.assembly_id)
    return resolution


@login_required
@require_POST
def resolution_start(request, pk):
    resolution = _resolution_for(request.user, pk)
    resolution_open(resolution_id=resolution.pk, by=request.user)
    messages.success(request, _("Le vote est ouvert."))
    return redirect("governance:assembly", pk=resolution.assembly_id)


@login_required
@require_POST
def resolution_end(request, pk):
    resolution = _resolution_for(request.user, pk)
    resolution = resolution_close(resolution_id=resolution.pk, by=request.user)
    messages.success(request, _("Vote clos : %(outcome)s.") % {"outcome": resolution.get_outcome_display()})
    return redirect("governance:assembly", pk=resolution.assembly_id)


@login_required
@require_POST
def resolution_cast(request, pk):
    resolution = _resolution_for(request.user, pk)
    form = ResolutionVoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un vote."))
        return redirect("governance:assembly", pk=resolution.assembly_id)
    resolution_vote(
        resolution_id=resolution.pk, by=request.user, organisation_id=form.cleaned_data["organisation"],
        choice=form.cleaned_data["choice"],
    )
    messages.success(request, _("Vote enregistré : une organisation, une voix."))
    return redirect("governance:assembly", pk=resolution.assembly_id)
