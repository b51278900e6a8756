import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.services import dossier_create
from members.models import ApplicationDocument, MembershipApplication, Organisation, TargetGroup, Theme
from members.services import application_document_add
from tests.factories import UserFactory
from tests.uploads.samples import pdf_bytes

PDF_BYTES = pdf_bytes("Statuts")  # a real PDF: uploads are parsed


def pdf_upload(name="statuts.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A directory entry (active unless said otherwise), created as the service would."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Ligue pour la défense des droits numéro {n}")
    acronym = factory.Sequence(lambda n: f"LDD{n}")
    country = "CM"
    province = "Littoral"
    city = "Douala"
    email = factory.Sequence(lambda n: f"contact{n}@ong{n}.example.org")
    phone = factory.Sequence(lambda n: f"+237 6 70 {n:02d} {n:02d} 11")
    registration_number = factory.Sequence(lambda n: f"N° {n:04d}/RDA/J06/BAPP")
    legal_representative = "Marie Ngo"
    contact_person = "Jean Mballa"
    description = "Défense des défenseurs."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        state = kwargs.pop("state", None)
        organisation = dossier_create(model_class, by=None, grant_owner=(), **kwargs)
        if state and state != Organisation.State.ACTIVE:
            # Fixtures only: a past COPIL decision put it in this state.
            Organisation.objects.filter(pk=organisation.pk).update(state=state)
            organisation.refresh_from_db()
        return organisation

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create:
            self.domains.set(extracted if extracted is not None else Theme.objects.filter(code="civic-space"))

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create:
            self.target_groups.set(extracted if extracted is not None else TargetGroup.objects.filter(code="hrds"))

    @factory.post_generation
    def focal_points(self, create, extracted, **kwargs):
        if create and extracted:
            self.focal_points.add(*extracted)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A complete draft by an applicant (who may view and change it): ready to submit."""

    class Meta:
        model = MembershipApplication
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory, roles=["applicant"])
    name = "Action des Femmes pour la Paix"
    acronym = "AFP"
    country = "GA"
    province = "Estuaire"
    city = "Libreville"
    email = factory.Sequence(lambda n: f"afp{n}@example.org")
    phone = factory.Sequence(lambda n: f"+241 07 {n:02d} 45 67")
    legal_representative = "Clarisse Mba"
    contact_person = "Clarisse Mba"
    no_registration_reason = "Dossier déposé au ministère, récépissé non délivré."
    charter_accepted_at = factory.LazyFunction(__import__("django.utils.timezone", fromlist=["now"]).now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        owner = kwargs.pop("owner")
        return dossier_create(model_class, by=owner, grant_owner=("view", "change"), **kwargs)

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create:
            self.domains.set(extracted if extracted is not None else Theme.objects.filter(code="womens-rights"))

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create:
            self.target_groups.set(extracted if extracted is not None else TargetGroup.objects.filter(code="women"))

    @factory.post_generation
    def statutes(self, create, extracted, **kwargs):
        if create and extracted is not False:
            application_document_add(
                application_id=self.pk, by=self.owner, kind=ApplicationDocument.Kind.STATUTES, uploaded=pdf_upload()
            )


def application_post_data(application, **overrides) -> dict:
    """What the application form posts for this application as it stands."""
    from members.services import ORGANISATION_FIELDS

    data = {name: getattr(application, name) or "" for name in ORGANISATION_FIELDS}
    data["registration_date"] = application.registration_date.isoformat() if application.registration_date else ""
    data["domains"] = [str(pk) for pk in application.domains.values_list("pk", flat=True)]
    data["target_groups"] = [str(pk) for pk in application.target_groups.values_list("pk", flat=True)]
    data["referees"] = [str(pk) for pk in application.references.values_list("organisation_id", flat=True)]
    if application.charter_accepted_at:
        data["charter_accepted"] = "on"
    data["action"] = "save"
    data.update(overrides)
    return data
