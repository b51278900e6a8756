"""Factories for grants' tests: funders, member organisations with focal
points, opportunities (created through the service, as dossiers)."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from approvals.services import dossier_create
from grants.models import Funder, Opportunity
from members.models import Organisation, Theme
from tests.factories import UserFactory


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    name = factory.Sequence(lambda n: f"Fondation Horizon {n}")
    kind = Funder.Kind.FOUNDATION
    currency = "EUR"
    usual_grant_min = Decimal("20000")
    usual_grant_max = Decimal("200000")


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An active member organisation; `focal_points=[user, …]` sets who acts for it."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Association des défenseurs n° {n}")
    acronym = factory.Sequence(lambda n: f"ADD{n}")
    country = "CM"

    @factory.post_generation
    def focal_points(self, create, extracted, **kwargs):
        if create and extracted:
            self.focal_points.add(*extracted)


def member_with_focal_point(*, roles=("member_focal_point",), country="CM", **user_fields):
    """(organisation, its focal point)."""
    user = UserFactory(roles=list(roles), country=country, **user_fields)
    organisation = OrganisationFactory(country=country, focal_points=[user])
    return organisation, user


def make_opportunity(*, by, funder=None, title=None, days_left=60, concept_days_left=None, themes=(), **fields):
    """A spotted call, created as the service does (reference, timeline, timer)."""
    funder = funder or FunderFactory()
    now = timezone.now()
    opportunity = dossier_create(
        Opportunity,
        by=by,
        funder=funder,
        title=title or f"Appel {Opportunity.objects.count() + 1}",
        full_proposal_deadline=now + timedelta(days=days_left) if days_left is not None else None,
        concept_note_deadline=now + timedelta(days=concept_days_left) if concept_days_left is not None else None,
        **fields,
    )
    if themes:
        opportunity.themes.set(Theme.objects.filter(code__in=themes))
    return opportunity
