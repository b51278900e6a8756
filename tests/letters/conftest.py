import pytest
from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy

from approvals.models import Ballot, Decision
from approvals.services import dossier_create, perform, relay, vote_cast
from tests.dossiers.models import Club, Petition

# A PDF good enough for tests that are not about the PDF (LibreOffice takes seconds).
FAKE_PDF = b"%PDF-1.4\n% test stand-in\n%%EOF\n"


@pytest.fixture(autouse=True)
def quick_pdf(request, monkeypatch):
    """Tests that ask for `real_pdf` run LibreOffice; the others get a stand-in."""
    if "real_pdf" not in request.fixturenames:
        monkeypatch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: FAKE_PDF)
        monkeypatch.setattr("approvals.letters.services.issuing.to_pdf_many", lambda docxs, **kwargs: [FAKE_PDF] * len(docxs))


@pytest.fixture
def real_pdf():
    """Marker fixture: this test converts with the real LibreOffice."""
    return True


@pytest.fixture
def petition_letters(monkeypatch):
    """Petition plays a membership application for letters: the members app
    brings the real one; here the test dossier kind borrows its contract."""

    def letter_kind(self, decision):
        if decision is None:
            return None
        return {"approve": "membership_approved", "reject": "membership_rejected"}.get(decision.outcome)

    def letter_context(self, decision):
        return {
            "recipient_name": str(self.owner),
            "dossier_reference": self.reference,
            "dossier_title": self.title,
            "organisation_name": self.club.name if self.club_id else self.title,
            "organisation_acronym": "ADJ",
            "country": gettext_lazy("Cameroun"),
        }

    monkeypatch.setattr(Petition, "letter_kind", letter_kind, raising=False)
    monkeypatch.setattr(Petition, "letter_context", letter_context, raising=False)


@pytest.fixture
def copil(seat_committee):
    return seat_committee("copil", members=4, chair_email="chair@example.org", chair_name="Marie Ngo")


@pytest.fixture
def reviewer(db, make_user, copil):
    user = make_user("membership_group", email="reviewer@example.org")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["review_petition", "view_petition"]))
    return user


@pytest.fixture
def club(db):
    return Club.objects.create(name="Association des juristes")


@pytest.fixture
def make_petition(db, make_user):
    def make(*, owner=None, title="Adhésion", **fields):
        owner = owner or make_user("applicant")
        return dossier_create(Petition, by=owner, grant_owner=("view", "change"), title=title, **fields)

    return make


@pytest.fixture
def decide(copil, reviewer):
    """Take a petition through the COPIL: submitted, sent, voted, decided."""

    def run(petition, outcome="approve", *, amount=None, currency="", conditions=""):
        perform(petition, "submit", by=petition.owner)
        perform(petition, "send_to_committee", by=reviewer)
        ballot = Ballot.objects.get(dossier_reference=petition.reference, status=Ballot.Status.OPEN)
        if amount is not None or conditions:
            Ballot.objects.filter(pk=ballot.pk).update(proposed_amount=amount, currency=currency, conditions=conditions)
        voters = list(copil.members.order_by("email"))
        for member in voters[: len(voters) // 2 + 1]:
            vote_cast(ballot_id=ballot.pk, by=member, choice=outcome)
        return Decision.objects.get(ballot=ballot)

    return run


@pytest.fixture
def relay_outbox():
    """Deliver what the outbox holds, as the worker would."""
    return relay


@pytest.fixture(autouse=True)
def site_language_afterwards():
    """Requests by English readers activate English in this thread; later
    tests (in any app) expect the site's language."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(scope="session")
def huge_docx():
    """A letter LibreOffice needs minutes for: one paragraph of 8 million characters."""
    from .helpers import docx_with

    return docx_with("mot " * 2_000_000)
