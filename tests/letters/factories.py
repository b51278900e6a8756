import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from approvals.models import Committee, Decision
from approvals.services import dossier_create
from tests.dossiers.models import Petition
from tests.factories import UserFactory


class PetitionFactory(factory.django.DjangoModelFactory):
    """A petition created the engine's way (reference, timeline, owner's rights)."""

    class Meta:
        model = Petition

    title = factory.Sequence(lambda n: f"Pétition {n}")
    owner = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, owner=None, **kwargs):
        return dossier_create(model_class, by=owner, grant_owner=("view", "change"), **kwargs)


class DecisionFactory(factory.django.DjangoModelFactory):
    """A decision recorded on a petition, without going through a ballot."""

    class Meta:
        model = Decision

    reference = factory.Sequence(lambda n: f"COPIL-2026-{n + 500:03d}")
    committee = factory.LazyFunction(lambda: Committee.objects.get(code="copil"))
    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Petition))
    object_id = factory.LazyAttribute(lambda o: o.petition.pk)
    dossier_reference = factory.LazyAttribute(lambda o: o.petition.reference)
    outcome = "approve"
    decided_at = factory.LazyFunction(timezone.now)

    class Params:
        petition = factory.SubFactory(PetitionFactory)
