"""Reads on grant agreements, scoped to what the reader may see: the
fundraising group, the COPIL, auditors and the lead see everything; a
partner's focal points see their own share and transfers only."""

from django.db.models import Q
from django.http import Http404

from .models import FunderTranche, GrantAgreement, PartnerShare, PartnerTransfer
from .permissions import agreement_scope, sees_every_agreement


def mine_filter(user_ref) -> Q:
    """Agreements whose lead or one of whose partners has `user_ref` as focal point."""
    return Q(proposal__lead_organisation__focal_points=user_ref) | Q(shares__organisation__focal_points=user_ref)


def visible_agreements(user):
    base = GrantAgreement.objects.select_related("proposal", "proposal__lead_organisation", "funder")
    if not user.is_authenticated or not user.is_active:
        return base.none()
    if sees_every_agreement(user):
        return base.all()
    ids = GrantAgreement.objects.filter(mine_filter(user)).values("pk")
    return base.filter(pk__in=ids)


def access_agreement(user, pk: int) -> tuple[GrantAgreement, frozenset[int] | None]:
    """(agreement, scope): scope None means every partner's part; else the
    partner organisations whose part the user sees. 404 when not theirs."""
    agreement = visible_agreements(user).filter(pk=pk).first()
    if agreement is None:
        raise Http404
    scope = agreement_scope(user, agreement)
    if scope is not None and not scope:
        raise Http404
    return agreement, scope


def shares_in_scope(agreement: GrantAgreement, scope):
    shares = PartnerShare.objects.filter(agreement=agreement).select_related("organisation").order_by("pk")
    return shares if scope is None else shares.filter(organisation_id__in=scope)


def transfers_in_scope(agreement: GrantAgreement, scope):
    transfers = (
        PartnerTransfer.objects.filter(agreement=agreement)
        .select_related("share__organisation", "requested_by", "confirmed_by", "receipt_acknowledged_by", "agreement__proposal")
        .order_by("requested_at", "pk")
    )
    return transfers if scope is None else transfers.filter(share__organisation_id__in=scope)


def tranches_of(agreement: GrantAgreement, scope):
    """The funder's tranches: for those who see the whole agreement only."""
    if scope is not None:
        return FunderTranche.objects.none()
    return FunderTranche.objects.filter(agreement=agreement).order_by("expected_on", "received_on", "pk")


def access_transfer(user, pk: int, transfer_pk: int) -> tuple[GrantAgreement, PartnerTransfer]:
    agreement, scope = access_agreement(user, pk)
    transfer = transfers_in_scope(agreement, scope).filter(pk=transfer_pk).first()
    if transfer is None:
        raise Http404
    return agreement, transfer


def transfers_awaiting_confirmation(user):
    """Transfers a second person (this user) may confirm: not the ones they recorded."""
    if not user.is_authenticated:
        return PartnerTransfer.objects.none()
    transfers = PartnerTransfer.objects.filter(state=PartnerTransfer.State.AWAITING_CONFIRMATION).exclude(requested_by=user)
    if not user.has_perm("grants.confirm_partnertransfer"):
        transfers = transfers.filter(agreement__proposal__lead_organisation__focal_points=user)
    return transfers.select_related("agreement__proposal", "share__organisation").order_by("requested_at")
