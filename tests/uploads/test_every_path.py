"""Bombs and polyglots are refused on EVERY upload path, through its page.

`PATHS` below is the one list of upload paths. It is checked against the
policies declared with approvals.uploads.upload_policy and against every
FileField of every form of Relais: a new upload path (a new form with a file
field, or a new policy) without a line here fails
`test_every_upload_path_is_listed_here`.

The time and memory bound is measured in a child process (a fork, so that it
starts from what the server process holds) running the path's check:
`test_each_bomb_is_refused_in_under_a_second_without_growing_the_process_100_mb`.
"""

import html
import multiprocessing
import resource
import time
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Callable

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver
from django.utils import timezone

from approvals.models import Ballot, LetterTemplate
from approvals.services import vote_cast
from approvals.uploads import UPLOAD_POLICIES, inspect_upload
from casework.models import CaseDocument, Disbursement
from casework.services import case_assign, case_fast_track
from governance.models import DocumentVersion
from governance.services import document_create, working_group_member_add
from grants.models import DonorReportVersion, ExpenseSheet, GrantAgreement, OpportunitySheet, PartnerTransfer, ProposalDocument
from grants.services import proposal_create, tranche_receive
from indicators.models import Axis, Indicator, IndicatorValue
from members.models import ApplicationDocument, TargetGroup, Theme
from tests.casework.factories import FundFactory, make_case
from tests.factories import UserFactory
from tests.grants.agreement_world import awarded
from tests.grants.factories import member_with_focal_point

from . import samples

HOSTILE = samples.hostile_files()


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _files(root: Path) -> list:
    return [p for p in Path(root).rglob("*") if p.is_file()] if Path(root).exists() else []


# --- the upload paths: how to reach each through its page ---------------------------------------


def _membership(ctx, name, content):
    """The public membership form, sent by a visitor with no account (a new one each time)."""
    data = {
        "name": "Réseau des Juristes pour la Justice", "acronym": "RJJ", "country": "CF", "province": "Bangui",
        "city": "Bangui", "year_founded": "2012", "description": "Assistance juridique.", "registration_number": "",
        "no_registration_reason": "Récépissé en cours.",
        "domains": [str(Theme.objects.get(code="torture-prevention").pk)],
        "target_groups": [str(TargetGroup.objects.get(code="detainees").pk)],
        "email": "contact@rjj.example.org", "phone": "+236 70 00 00 00", "charter": "",
        "statutes": SimpleUploadedFile(name, content),
    }
    account = {"full_name": "Didier Yakité", "email": f"{uuid.uuid4().hex[:10]}@rjj.example.org",
               "password": "Bangui-2026-justice", "preferred_language": "fr"}
    data.update({f"account-{key}": value for key, value in account.items()})
    ctx.client.logout()
    return ctx.client.post("/membres/adhesion/", data)


def _case_document(ctx, name, content):
    return ctx.client_for(ctx.officer).post(
        f"/urgence/cas/{ctx.case.reference}/documents/", {"kind": "receipt", "file": SimpleUploadedFile(name, content)}
    )


def _disbursement_proof(ctx, name, content):
    form = {"amount": "100000", "channel": "mobile_money", "reference": "MM-9", "idempotency_key": str(uuid.uuid4()),
            "proof": SimpleUploadedFile(name, content)}
    return ctx.client_for(ctx.officer).post(f"/urgence/cas/{ctx.approved.reference}/decaissements/nouveau/", form)


def _proposal_document(ctx, name, content):
    return ctx.client_for(ctx.focal).post(
        f"{ctx.proposal.get_absolute_url()}documents/",
        {"title": "Statuts", "organisation": ctx.organisation.pk, "upload": SimpleUploadedFile(name, content)},
    )


def _governance_document(ctx, name, content):
    return ctx.client_for(ctx.group_lead).post(
        f"/gouvernance/documents/{ctx.group_document.reference}/versions/", {"upload": SimpleUploadedFile(name, content)}
    )


def _letter_template(ctx, name, content):
    return ctx.client_for(ctx.administrator).post(
        "/admin/approvals/lettertemplate/add/",
        {"kind": "membership_approved", "language": "fr", "note": "essai", "file": SimpleUploadedFile(name, content)},
    )


def _indicator_evidence(ctx, name, content):
    return ctx.client_for(ctx.trainer).post(
        f"/indicateurs/plan/{ctx.indicator.code}/",
        {"periode": str(timezone.localdate().year), "value": "12", "evidence": SimpleUploadedFile(name, content)},
    )


def _opportunity_sheet(ctx, name, content):
    return ctx.client_for(ctx.fundraiser).post("/financements/import/", {"sheet": SimpleUploadedFile(name, content)})


def _agreement_document(ctx, name, content):
    form = {"amount": "10 000 000", "currency": "XAF", "starts_on": "2027-01-01", "ends_on": "2027-12-31",
            "signed_document": SimpleUploadedFile(name, content)}
    return ctx.client_for(ctx.world.lead_focal).post(f"/financements/accords/{ctx.world.agreement.pk}/modifier/", form)


def _transfer_proof(ctx, name, content):
    form = {"share": ctx.world.share(ctx.world.first).pk, "amount": "1000", "sent_on": "2027-01-20",
            "idempotency_key": str(uuid.uuid4()), "proof": SimpleUploadedFile(name, content)}
    return ctx.client_for(ctx.world.lead_focal).post(f"/financements/accords/{ctx.world.agreement.pk}/transferts/nouveau/", form)


def _agreement_report(ctx):
    """An agreement on the proposal (the lead's budget line, one report to the donor)."""
    from grants.models import BudgetLine, DonorReport

    agreement, created = GrantAgreement.objects.get_or_create(proposal=ctx.proposal, defaults={"currency": "XAF", "state": "active"})
    if created:
        BudgetLine.objects.create(proposal=ctx.proposal, organisation=ctx.organisation, category="staff", description="Coordination",
                                  amount=Decimal("1000000"), currency="XAF")
        DonorReport.objects.create(agreement=agreement, kind="narrative", due_on="2026-12-31")
    return agreement, agreement.donor_reports.get()


def _expense_sheet(ctx, name, content):
    agreement, _report = _agreement_report(ctx)
    return ctx.client_for(ctx.focal).post(
        f"/financements/accords/{agreement.pk}/depenses/import/", {"sheet": SimpleUploadedFile(name, content)}
    )


def _report_version(ctx, name, content):
    agreement, report = _agreement_report(ctx)
    return ctx.client_for(ctx.focal).post(
        f"/financements/accords/{agreement.pk}/rapports/{report.pk}/", {"upload": SimpleUploadedFile(name, content)}
    )


@dataclass(frozen=True)
class UploadPath:
    policy: str
    post: Callable
    stored: Callable  # how many were stored
    refused_status: int
    form_fields: tuple  # (form class path, field name) reaching this path


PATHS = {
    "membership form": UploadPath(
        "membership_document", _membership, lambda: ApplicationDocument.objects.count(), 400,
        (("members.forms.DocumentsForm", "statutes"), ("members.forms.DocumentsForm", "receipt"),
         ("members.forms.DocumentsForm", "activity_report")),
    ),
    "case document": UploadPath(
        "case_document", _case_document, lambda: CaseDocument.objects.count(), 400,
        (("casework.forms.DocumentForm", "file"),),
    ),
    "disbursement proof": UploadPath(
        "case_document", _disbursement_proof, lambda: CaseDocument.objects.count() + Disbursement.objects.count(), 400,
        (("casework.forms.DisbursementForm", "proof"),),
    ),
    "proposal document": UploadPath(
        "proposal_document", _proposal_document, lambda: ProposalDocument.objects.count(), 400,
        (("grants.forms.DocumentForm", "upload"),),
    ),
    "grant agreement": UploadPath(
        "proposal_document", _agreement_document, lambda: GrantAgreement.objects.exclude(signed_document="").count(), 400,
        (("grants.agreement_forms.AgreementForm", "signed_document"),),
    ),
    "transfer proof": UploadPath(
        "proposal_document", _transfer_proof, lambda: PartnerTransfer.objects.count(), 400,
        (("grants.agreement_forms.TransferForm", "proof"),),
    ),
    "working group document": UploadPath(
        "governance_document", _governance_document, lambda: DocumentVersion.objects.count(), 400,
        (("governance.forms.VersionForm", "upload"),),
    ),
    "letter template": UploadPath(
        "letter_template", _letter_template, lambda: LetterTemplate.objects.count(), 200,
        (("approvals.letters.forms.LetterTemplateUploadForm", "file"),),
    ),
    "indicator evidence": UploadPath(
        "indicator_evidence", _indicator_evidence, lambda: IndicatorValue.objects.count(), 400,
        (("indicators.plan.forms.ValueForm", "evidence"),),
    ),
    "opportunity sheet": UploadPath(
        "opportunity_sheet", _opportunity_sheet, lambda: OpportunitySheet.objects.count(), 400,
        (("grants.forms.SheetUploadForm", "sheet"),),
    ),
    "expense sheet": UploadPath(
        "expense_sheet", _expense_sheet, lambda: ExpenseSheet.objects.count(), 400,
        (("grants.report_forms.ExpenseSheetForm", "sheet"),),
    ),
    "donor report version": UploadPath(
        "donor_report_version", _report_version, lambda: DonorReportVersion.objects.count(), 400,
        (("grants.report_forms.ReportUploadForm", "upload"),),
    ),
}

# File fields whose file is never opened nor kept: only hashed, size-capped by the form.
NOT_OPENED = {
    ("approvals.letters.forms.VerifyForm", "file"): "the public letter check hashes the file and forgets it",
}


def _all_form_classes():
    get_resolver().url_patterns  # imports every view, hence every form
    from django.contrib import admin

    admin.autodiscover()
    seen, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    ours = ("members.", "grants.", "casework.", "approvals.", "accounts.", "governance.", "indicators.")
    return [cls for cls in seen if cls.__module__.startswith(ours)]


def test_every_upload_path_is_listed_here():
    found = set()
    for cls in _all_form_classes():
        for field_name, field in cls.base_fields.items():
            if isinstance(field, forms.FileField):
                found.add((f"{cls.__module__}.{cls.__qualname__}", field_name))
    listed = {pair for path in PATHS.values() for pair in path.form_fields} | set(NOT_OPENED)
    assert found == listed, "a file field without its upload path here (or a stale line)"
    assert {path.policy for path in PATHS.values()} == set(UPLOAD_POLICIES), "an upload policy without a tested path"


# --- the world each path needs -------------------------------------------------------------------


@pytest.fixture
def ctx(db, client, client_for, officer, chair, fundraiser, administrator):
    class Ctx:
        pass

    world = Ctx()
    world.client, world.client_for, world.officer, world.fundraiser, world.administrator = (
        client, client_for, officer, fundraiser, administrator,
    )
    world.case = make_case(urgency="high")
    case_assign(case_id=world.case.pk, officer=officer, by=chair)
    fund = FundFactory(contributions=["1000000"])
    approved = make_case(urgency="critical", requested_amount=Decimal("400000"))
    case_assign(case_id=approved.pk, officer=officer, by=chair)
    case_fast_track(case_id=approved.pk, by=chair, proposed_amount=Decimal("300000"), fund_id=fund.pk)
    vote_cast(ballot_id=Ballot.objects.get(dossier_reference=approved.reference, status="open").pk, by=chair, choice="approve")
    world.approved = approved
    world.organisation, world.focal = member_with_focal_point(email="lead@example.org")
    world.trainer = UserFactory(roles=["membership_group"])
    axis = Axis.objects.create(code="adhesion", title="Adhésion et gouvernance")
    world.indicator = Indicator.objects.create(axis=axis, code="formes", title="20 personnes formées", target=20, responsible_role="membership_group")
    world.proposal = proposal_create(by=fundraiser, title="Projet commun", lead_organisation_id=world.organisation.pk,
                                     currency="XAF")
    world.world = awarded(fundraiser, prefix="agr-")
    tranche_receive(agreement_id=world.world.agreement.pk, by=fundraiser, received_on=date(2027, 1, 15),
                    amount=Decimal("3000000"), currency="XAF", idempotency_key=uuid.uuid4())
    from governance.models import WorkingGroup

    group = WorkingGroup.objects.get(slug="suivi-evaluation")
    world.group_lead = world.focal
    working_group_member_add(group_id=group.pk, user=world.group_lead, by=administrator)
    world.group_document = document_create(group_id=group.pk, by=world.group_lead, kind="action_plan", title="Plan",
                                           summary="Résumé", audience="members")
    return world


def _expected_message(path: UploadPath, name: str, content: bytes) -> str:
    if path.policy == "letter_template":
        from approvals.letters.rendering import TemplateRefused
        from approvals.letters.services.issuing import letter_template_inspect

        with pytest.raises(TemplateRefused) as refused:
            letter_template_inspect(content, name=name)
        return refused.value.errors[0]
    with pytest.raises(ValidationError) as refused:
        inspect_upload(content, accept=UPLOAD_POLICIES[path.policy], name=name)
    return refused.value.messages[0]


@pytest.mark.parametrize("path_name", list(PATHS))
def test_bombs_and_polyglots_are_refused_through_the_page_with_the_reason_and_nothing_stored(path_name, ctx, private_storage):
    path = PATHS[path_name]
    before = path.stored()
    files_before = _files(private_storage)
    problems = []
    for label, (name, content) in HOSTILE.items():
        expected = _expected_message(path, name, content)
        response = path.post(ctx, name, content)
        page = _text(response)
        if response.status_code != path.refused_status:
            problems.append(f"{label}: status {response.status_code}")
        elif expected not in page:
            problems.append(f"{label}: the reason is not shown ({expected!r})")
        if path.stored() != before:
            problems.append(f"{label}: something was stored")
    assert _files(private_storage) == files_before
    assert problems == []


@pytest.mark.parametrize("path_name", list(PATHS))
def test_an_honest_file_still_goes_through_each_path(path_name, ctx):
    path = PATHS[path_name]
    honest = {
        "membership_document": ("statuts.pdf", samples.pdf_bytes()),
        "case_document": ("photo.jpg", samples.jpeg_bytes()),
        "proposal_document": ("budget.xlsx", samples.office_file("xlsx")),
        "indicator_evidence": ("presences.pdf", samples.pdf_bytes()),
        "governance_document": ("plan.pdf", samples.pdf_bytes()),
        "opportunity_sheet": ("veille.csv", "Bailleur;Titre\nFondation Horizon;Appel 2027\n".encode()),
        "expense_sheet": ("depenses.csv", "Ligne budgétaire;Date;Libellé;Montant\nCoordination;01/03/2026;Salaire;5000\n".encode()),
        "donor_report_version": ("rapport.pdf", samples.pdf_bytes()),
    }
    if path.policy == "letter_template":
        from tests.letters.helpers import docx_with

        name, content = "modele.docx", docx_with("Bonjour {{ organisation_name }}")
    else:
        name, content = honest[path.policy]
    before = path.stored()
    response = path.post(ctx, name, content)
    assert response.status_code == 302, _text(response)[:2000]
    assert path.stored() > before


# --- time and memory, measured in a child process -----------------------------------------------


def _check_in_child(policy_name, name, content, pipe):
    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        inspect_upload(content, accept=UPLOAD_POLICIES[policy_name], name=name)
        outcome = "accepted"
    except ValidationError as error:
        outcome = error.code
    elapsed = time.perf_counter() - start
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_rss
    pipe.send((outcome, elapsed, grown_kib))
    pipe.close()


def measure(policy_name: str, name: str, content: bytes) -> tuple[str, float, int]:
    """(outcome, seconds, KiB the child's peak memory grew) for one check, run in a forked child."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_check_in_child, args=(policy_name, name, content, child))
    process.start()
    child.close()
    try:
        if not parent.poll(60):
            raise AssertionError(f"{policy_name}/{name}: no answer in 60 s")
        return parent.recv()
    finally:
        process.join(10)
        if process.is_alive():
            process.kill()


@pytest.mark.parametrize("policy_name", sorted({path.policy for path in PATHS.values()}))
def test_each_bomb_is_refused_in_under_a_second_without_growing_the_process_100_mb(policy_name):
    # The django settings and the translation catalogues are loaded in the parent,
    # as in a running server; the child only runs the check.
    inspect_upload(samples.pdf_bytes(), accept=UPLOAD_POLICIES["membership_document"], name="warm.pdf")
    figures = {}
    for label, (name, content) in HOSTILE.items():
        figures[label] = measure(policy_name, name, content)
    for label, (outcome, elapsed, grown_kib) in figures.items():
        print(f"{policy_name:20} {label:24} {outcome:16} {elapsed * 1000:8.1f} ms  +{grown_kib / 1024:6.1f} MiB")
    assert [label for label, (outcome, _s, _k) in figures.items() if outcome == "accepted"] == []
    assert [label for label, (_o, elapsed, _k) in figures.items() if elapsed >= 1.0] == []
    assert [label for label, (_o, _s, grown_kib) in figures.items() if grown_kib >= 100 * 1024] == []
