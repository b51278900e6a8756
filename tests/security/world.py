"""One world for the authorization matrix and the form fuzz: the demo data
(every dossier kind in every state, made through the services) plus the
people and objects whose relationship to a dossier matters (the owner,
another applicant, the lead and a partner organisation's focal points, the
referrer, an assigned and an unassigned case officer), letters, documents,
messages, status links and a meeting.

`build_world()` returns a `World`: `people` (principal name -> user or None
for anonymous) and `samples` (sample name -> object or value) used to fill
URL patterns.
"""

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from accounts.demo import demo_user
from accounts.roles import Role
from approvals.access import grant
from approvals.letters.services.issuing import requested_letter_issue
from approvals.models import Ballot, Committee, Decision, LetterTemplate, Meeting
from approvals.services import message_post, perform, status_link_issue
from tests.casework.factories import make_case
from tests.factories import UserFactory
from tests.uploads.samples import pdf_bytes

STAND_IN_PDF = b"%PDF-1.4\n% test stand-in\n%%EOF\n"
PDF_BYTES = pdf_bytes("Note")  # a real PDF: uploads are parsed (approvals/uploads/)

# Principals, in the order the matrix prints them.
PRINCIPALS = [
    "anonymous",
    "owner",  # the applicant who owns the ADH sample
    "other_applicant",  # an applicant with a dossier of its own
    "lead_focal",  # focal point of the PRJ sample's lead organisation
    "partner_focal",  # focal point of a partner organisation of the PRJ sample
    "referrer",  # the member focal point who referred the URG sample
    "officer_assigned",  # case officer assigned to the URG sample
    "officer_unassigned",  # case officer not assigned to it
    "copil_member",
    "copil_chair",
    "emergency_member",
    "emergency_chair",
    "membership_group",
    "fundraising_group",
    "country_focal",
    "auditor",
    "administrator",  # the secretariat: staff, no superuser
    "superuser",
]


@dataclass
class World:
    people: dict = field(default_factory=dict)
    samples: dict = field(default_factory=dict)


def _letter(dossier, kind, extra=None):
    return requested_letter_issue(
        source=f"matrix:{dossier.reference}:{kind}",
        payload={"model": type(dossier).kind_key(), "dossier": dossier.pk, "kind": kind, "extra_context": extra or {}, "by": None},
    )


def build_world() -> World:
    from casework.models import Case, CaseDocument, Disbursement, Fund, Incident, WellbeingCheck
    from casework.services import case_assign, document_add
    from grants.models import BudgetLine, ExchangeRate, Funder, FunderContact, JointProposal, LogframeItem, Opportunity
    from grants.services import proposal_document_add
    from indicators.models import Indicator, IndicatorValue
    from members.models import MembershipApplication, Organisation, Reference

    # The demo's letters get a stand-in PDF: LibreOffice is proven in tests/letters.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("approvals.letters.services.issuing.to_pdf", lambda docx, **kwargs: STAND_IN_PDF)
        patch.setattr("approvals.letters.services.issuing.to_pdf_many", lambda docxs, **kwargs: [STAND_IN_PDF for _ in docxs])
        call_command("load_demo", stdout=io.StringIO())
    world = World()
    p = world.people
    s = world.samples
    p["anonymous"] = None
    for name, role in [
        ("copil_member", Role.COPIL_MEMBER),
        ("copil_chair", Role.COPIL_CHAIR),
        ("emergency_member", Role.EMERGENCY_MEMBER),
        ("emergency_chair", Role.EMERGENCY_CHAIR),
        ("membership_group", Role.MEMBERSHIP_GROUP),
        ("fundraising_group", Role.FUNDRAISING_GROUP),
        ("country_focal", Role.COUNTRY_FOCAL_POINT),
        ("auditor", Role.AUDITOR),
        ("administrator", Role.ADMINISTRATOR),
        ("officer_assigned", Role.CASE_OFFICER),
    ]:
        p[name] = demo_user(role)
    p["officer_unassigned"] = UserFactory(roles=[Role.CASE_OFFICER], email="officer.libre@example.org")
    p["superuser"] = UserFactory(roles=[Role.ADMINISTRATOR], email="root@example.org", is_staff=True, is_superuser=True)

    # ADH: an application in screening, its owner; another applicant's own application.
    adh = MembershipApplication.objects.filter(state="screening").order_by("pk").first()
    s["adh"] = adh
    p["owner"] = adh.owner
    other = MembershipApplication.objects.exclude(owner=adh.owner).filter(state="submitted").order_by("pk").first()
    s["adh_other"] = other
    p["other_applicant"] = other.owner
    s["adh_copil"] = MembershipApplication.objects.filter(state="copil_review").order_by("pk").first()
    s["adh_document"] = adh.documents.order_by("pk").first()
    s["reference"] = Reference.objects.order_by("pk").first()
    s["org"] = Organisation.objects.filter(state="active").order_by("pk").first()

    # OPP, PRJ.
    s["opp"] = Opportunity.objects.order_by("pk").first()
    prj = JointProposal.objects.filter(partners__confirmed_at__isnull=False).order_by("pk").first()
    s["prj"] = prj
    p["lead_focal"] = prj.lead_organisation.focal_points.order_by("pk").first()
    partner = prj.partners.filter(confirmed_at__isnull=False).order_by("pk").first()
    s["prj_partner"] = partner
    p["partner_focal"] = partner.organisation.focal_points.order_by("pk").first()
    s["prj_budget"] = BudgetLine.objects.filter(proposal=prj).order_by("pk").first()
    s["prj_logframe"] = LogframeItem.objects.filter(proposal=prj).order_by("-pk").first()
    s["prj_document"] = proposal_document_add(
        reference=prj.reference, by=p["lead_focal"], title="Note conceptuelle",
        upload=SimpleUploadedFile("note.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    s["funder"] = Funder.objects.order_by("pk").first()
    s["funder_contact"] = FunderContact.objects.filter(funder=s["funder"]).order_by("pk").first() or FunderContact.objects.order_by("pk").first()
    s["funder_of_contact"] = s["funder_contact"].funder
    # AGR: the demo's grant agreement, led by PRJ's lead with PRJ's partner among its
    # partners; a transfer to that partner (confirmed) and one to another (awaiting).
    from grants.models import GrantAgreement, PartnerTransfer

    s["agreement"] = GrantAgreement.objects.order_by("pk").first()
    transfers = PartnerTransfer.objects.filter(agreement=s["agreement"])
    s["transfer_own"] = transfers.filter(share__organisation=partner.organisation).order_by("pk").first()
    s["transfer_other"] = transfers.exclude(share__organisation=partner.organisation).order_by("pk").first()
    assert s["agreement"].proposal.lead_organisation_id == prj.lead_organisation_id
    # Its reports to the donor: one for PRJ's partner ("own"), one for the whole
    # agreement (the lead's), each with a generated version; a result of that partner and another's.
    from grants.models import DonorReport, IndicatorResult
    from grants.services.grant_reports import report_generate

    reports = DonorReport.objects.filter(agreement=s["agreement"]).order_by("pk")
    s["report_own"] = reports.filter(organisation=partner.organisation).first()
    s["report_whole"] = reports.filter(organisation__isnull=True, versions__isnull=False).first()
    s["report_own_version"] = report_generate(report_id=s["report_own"].pk, by=p["lead_focal"])
    s["report_whole_version"] = s["report_whole"].versions.order_by("pk").first()
    results = IndicatorResult.objects.filter(agreement=s["agreement"]).order_by("pk")
    s["result_own"] = results.filter(organisation=partner.organisation).first()
    s["result_other"] = results.exclude(organisation=partner.organisation).first()
    assert s["report_own"] and s["report_whole"] and s["result_own"] and s["result_other"]

    # URG: a case referred by a member organisation's focal point (status only),
    # assigned to the demo officer and under verification.
    p["referrer"] = UserFactory(roles=[Role.MEMBER_FOCAL_POINT], email="referent@example.org")
    urg = make_case(by=p["referrer"], code_name="Matrice-1", intake=Case.Intake.REFERRAL, referred_by=p["referrer"])
    grant(p["referrer"], urg, "view_status")
    case_assign(case_id=urg.pk, officer=p["officer_assigned"], by=p["emergency_chair"])
    perform(urg, "start_verification", by=p["officer_assigned"])
    urg.refresh_from_db()
    s["urg"] = urg
    s["urg_other"] = Case.objects.filter(state="received", referred_by__isnull=True).order_by("pk").first()
    s["urg_document"] = document_add(
        case_id=urg.pk, by=p["officer_assigned"], kind=CaseDocument.Kind.values[0],
        upload=SimpleUploadedFile("piece.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    s["wellbeing"] = WellbeingCheck.objects.order_by("pk").first()
    s["disbursement"] = Disbursement.objects.order_by("pk").first()
    s["fund"] = Fund.objects.order_by("pk").first()
    s["incident"] = Incident.objects.order_by("pk").first()

    # Messages, letters, status links.
    message_post(dossier=adh, by=p["owner"], body="Message du demandeur")
    message_post(dossier=prj, by=p["lead_focal"], body="Message de la cheffe de file")
    s["adh_letter"] = _letter(adh, "information_requested", {"requested_items": ["Rapport"]})
    s["prj_letter"] = _letter(prj, "proposal_validated")
    s["urg_letter"] = _letter(urg, "emergency_granted")
    s["adh_status_token"] = status_link_issue(dossier=adh, by=p["membership_group"])
    s["urg_status_token"] = status_link_issue(dossier=urg, by=p["officer_assigned"])

    # Ballots, meetings, templates.
    s["ballot_open"] = Ballot.objects.filter(status=Ballot.Status.OPEN, committee__code="copil").order_by("pk").first()
    s["ballot_closed"] = Ballot.objects.exclude(status=Ballot.Status.OPEN).filter(committee__code="copil").order_by("pk").first()
    s["ballot_emergency"] = Ballot.objects.filter(committee__code="emergency").order_by("pk").first()
    from approvals.letters.services.meetings import meeting_create

    s["meeting"] = meeting_create(by=p["copil_chair"], committee=Committee.objects.get(code="copil"), title="Session ordinaire",
                                  kind=Meeting.Kind.values[0], date=date(2026, 12, 1))
    from approvals.letters.services import meeting_agenda_item_add
    from governance.services import assembly_create, resolution_add

    s["meeting_item"] = meeting_agenda_item_add(meeting_id=s["meeting"].pk, by=p["copil_chair"], label="Questions diverses")
    s["assembly"] = assembly_create(by=p["copil_chair"], committee=Committee.objects.get(code="copil"), title="Assemblée générale",
                                    starts_at=timezone.now() + timedelta(days=30), time_zone="Africa/Douala")
    s["resolution"] = resolution_add(assembly_id=s["assembly"].pk, by=p["copil_chair"], title="Rapport moral")
    s["template"] = LetterTemplate.objects.order_by("pk").first()
    s["exchange_rate"] = ExchangeRate.objects.order_by("pk").first()
    s["decision"] = Decision.objects.order_by("pk").first()
    # The action plan (indicators' demo): an indicator entered by the membership group, a computed one, a piece of evidence.
    s["plan_indicator"] = Indicator.objects.get(code="personnes-formees")
    s["plan_computed"] = Indicator.objects.get(code="reunions-copil")
    s["plan_evidence"] = IndicatorValue.objects.exclude(evidence="").order_by("pk").first()

    # Governance: the demo's adopted document (published to members), and a draft of the
    # group Adhésion et gouvernance (whose role the membership_group principal holds).
    from governance.models import Document
    from governance.services import document_create, document_version_add

    s["doc_adopted"] = Document.objects.filter(state=Document.State.ADOPTED).order_by("pk").first()
    s["doc_draft"] = document_create(group_id=s["doc_adopted"].working_group_id, by=p["membership_group"], kind="budget",
                                     title="Budget du groupe", summary="Résumé", audience="members")
    document_version_add(reference=s["doc_draft"].reference, by=p["membership_group"],
                         upload=SimpleUploadedFile("budget.pdf", PDF_BYTES, content_type="application/pdf"))

    from governance.models import Election

    s["election"] = Election.objects.order_by("pk").first()  # the demo's, its vote open
    assert len({user.pk for user in p.values() if user is not None}) == len(p) - 1, "each principal is a different person"
    return world
