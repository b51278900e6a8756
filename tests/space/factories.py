"""Applicant dossiers of every kind, each with a document, a message and a
letter, made through the services (as the pages would)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.access import grant
from approvals.letters.services.issuing import requested_letter_issue
from approvals.services import message_post, perform
from casework.models import Case
from grants.services import proposal_create, proposal_document_add
from tests.casework.factories import make_case
from tests.factories import UserFactory
from tests.grants.factories import member_with_focal_point
from tests.uploads.samples import pdf_bytes
from tests.members.factories import ApplicationFactory

PDF_BYTES = pdf_bytes("Note")


def _letter(dossier, kind, extra=None):
    return requested_letter_issue(
        source=f"test:{dossier.reference}:{kind}",
        payload={"model": type(dossier).kind_key(), "dossier": dossier.pk, "kind": kind, "extra_context": extra or {}, "by": None},
    )


def membership_dossier(*, tag: str, handler):
    """An applicant and its submitted application (statutes attached), a message from
    the applicant, and an information-requested letter."""
    applicant = UserFactory(roles=["applicant"], email=f"{tag.lower()}@example.org", full_name=f"Personne {tag}")
    application = ApplicationFactory(owner=applicant, name=f"Association {tag} des droits", acronym=f"A{tag[:3].upper()}")
    perform(application, "submit", by=applicant)
    message_post(dossier=application, by=applicant, body=f"Message confidentiel {tag}")
    letter = _letter(application, "information_requested", {"requested_items": [f"Rapport {tag}"]})
    return {
        "user": applicant,
        "dossier": application,
        "secrets": [application.name, f"Message confidentiel {tag}", applicant.email],
        "document_url": application.documents.get().get_absolute_url(),
        "domain_urls": [application.get_absolute_url()],
        "letter": letter,
    }


def proposal_dossier(*, tag: str, handler):
    """A lead organisation's focal point and its proposal (a document, a message, a letter)."""
    organisation, focal = member_with_focal_point(email=f"{tag.lower()}@example.org", full_name=f"Personne {tag}")
    proposal = proposal_create(by=handler, title=f"Projet {tag} commun", lead_organisation_id=organisation.pk, currency="XAF")
    document = proposal_document_add(
        reference=proposal.reference, by=focal, title=f"Note {tag}",
        upload=SimpleUploadedFile(f"note-{tag}.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    message_post(dossier=proposal, by=focal, body=f"Message confidentiel {tag}")
    letter = _letter(proposal, "proposal_validated")
    return {
        "user": focal,
        "dossier": proposal,
        "secrets": [proposal.title, f"Message confidentiel {tag}", focal.email],
        "document_url": f"{proposal.get_absolute_url()}documents/{document.pk}/",
        "domain_urls": [proposal.get_absolute_url()],
        "letter": letter,
    }


def referred_case(*, tag: str, handler):
    """A member organisation's focal point and the case it referred, and a letter.
    No message: the referrer follows the status only (approvals/README.md)."""
    focal = UserFactory(roles=["member_focal_point"], email=f"{tag.lower()}@example.org", full_name=f"Personne {tag}")
    case = make_case(by=focal, code_name=f"Code-{tag}", intake=Case.Intake.REFERRAL, referred_by=focal)
    grant(focal, case, "view_status")
    letter = _letter(case, "emergency_granted")
    return {
        "user": focal,
        "dossier": case,
        "secrets": [f"Code-{tag}", f"Message confidentiel {tag}", focal.email],
        "document_url": None,
        "domain_urls": [f"/urgence/orientations/{case.reference}/", f"/urgence/cas/{case.reference}/",
                        f"/urgence/cas/{case.reference}/identite/", f"/urgence/cas/{case.reference}/lettres/{letter.pk}/"],
        "letter": letter,
    }


KINDS = {"membership": membership_dossier, "proposal": proposal_dossier, "case": referred_case}
