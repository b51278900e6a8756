"""A domain refusal is a 4xx page with its reason, never a 500: one base
exception (approvals.refusals.Refused), one handler (RefusalMiddleware).
Out-of-range or malformed ids in choice fields are form errors."""

import html

import pytest
from django.test import Client, override_settings
from django.urls import path

from approvals.letters.services import LetterError
from approvals.models import Ballot, TimelineEntry
from approvals.refusals import Refused
from approvals.services import BallotError, TransitionRefused
from casework.models import Case
from casework.services import CaseworkRefused, MoneyRefused
from members.models import MembershipApplication
from members.services import MembersError
from tests.casework.conftest import chair, emergency, officer  # noqa: F401  (fixtures)
from tests.casework.factories import FundFactory, make_case

HUGE = "99999999999999999999999999999"

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_every_domain_error_of_the_apps_is_a_refusal():
    for error in (TransitionRefused, BallotError, LetterError, MembersError, CaseworkRefused, MoneyRefused):
        assert issubclass(error, Refused), error


@pytest.mark.parametrize("status", [400, 403, 404, 409, 429])
def test_an_uncaught_refusal_is_its_status_with_its_reason(status):
    def refuse(request):
        raise CaseworkRefused("Ce cas a déjà changé d'état.", status=status)

    from config.urls import urlpatterns

    urls = type("urls", (), {"urlpatterns": [path("refuse/", refuse), *urlpatterns]})
    with override_settings(ROOT_URLCONF=urls, DEBUG=False):
        response = Client(raise_request_exception=True).get("/refuse/")
    assert response.status_code == status
    page = text(response)
    assert "Ce cas a déjà changé d'état." in page and "Rien n'a été modifié" in page
    assert "Traceback" not in page and "CaseworkRefused" not in page
    assert "no-store" in response["Cache-Control"]


def _case_in_verification(chair, officer, client_for):
    case = make_case()
    client_for(chair).post(f"/urgence/cas/{case.reference}/affecter/", {"officer": officer.pk})
    officer_client = client_for(officer)
    assert officer_client.post(f"/dossiers/{case.reference}/agir/start_verification/").status_code == 302
    response = officer_client.post(
        f"/urgence/cas/{case.reference}/evaluation/",
        {"risk_level": "high", "urgency": "standard", "risk_assessment": "Menace confirmée."},
    )
    assert response.status_code == 302
    return case


def test_a_double_submitted_proposal_is_a_409_not_a_500(emergency, chair, officer, client_for):
    # given a case under verification and a fund
    fund = FundFactory(contributions=["1000000"])
    case = _case_in_verification(chair, officer, client_for)
    chair_client = client_for(chair)
    url = f"/urgence/cas/{case.reference}/proposer/comite/"
    # when the chair's form is sent twice (a double click)
    first = chair_client.post(url, {"proposed_amount": "300000", "fund": fund.pk})
    second = chair_client.post(url, {"proposed_amount": "300000", "fund": fund.pk})
    # then the first opened the ballot and the second is refused with its reason
    assert first.status_code == 302
    assert second.status_code == 409
    assert "le dossier a peut-être déjà changé" in text(second)
    assert Ballot.objects.filter(dossier_reference=case.reference).count() == 1


@pytest.mark.parametrize("route", ["comite", "accelere", "revision"])
def test_a_stale_proposal_form_is_refused_with_its_reason(emergency, chair, officer, client_for, route):
    # given a standard case just received (the form was for another state)
    fund = FundFactory(contributions=["1000000"])
    case = make_case(urgency="standard")
    entries = TimelineEntry.objects.filter(dossier_reference=case.reference).count()
    # when the chair sends an old proposal form
    response = client_for(chair).post(
        f"/urgence/cas/{case.reference}/proposer/{route}/", {"proposed_amount": "300000", "fund": fund.pk}
    )
    # then it is a 4xx with a reason, and nothing was written
    assert response.status_code in (400, 403, 409)
    assert "Action refusée" in text(response) or "Accès refusé" in text(response)
    assert TimelineEntry.objects.filter(dossier_reference=case.reference).count() == entries
    assert not Ballot.objects.filter(dossier_reference=case.reference).exists()


def test_a_stale_refer_elsewhere_form_is_a_409(emergency, chair, officer, client_for):
    case = make_case()
    chair_client = client_for(chair)
    response = chair_client.post(f"/urgence/cas/{case.reference}/orienter-ailleurs/", {"referred_to": "Fonds ami"})
    assert response.status_code == 409
    case.refresh_from_db()
    assert case.state == Case.State.RECEIVED


def test_a_huge_fund_id_is_a_form_error(emergency, chair, officer, client_for):
    case = _case_in_verification(chair, officer, client_for)
    response = client_for(chair).post(f"/urgence/cas/{case.reference}/proposer/comite/", {"proposed_amount": "1", "fund": HUGE})
    assert response.status_code == 400
    assert not Ballot.objects.filter(dossier_reference=case.reference).exists()


@pytest.mark.parametrize("bad", [HUGE, "-" + HUGE, "1\x00", "abc", "1.5"])
def test_bad_ids_on_the_public_membership_form_are_form_errors(client, bad):
    from tests.members.test_apply_form import account_data, form_data

    response = client.post("/membres/adhesion/", {**form_data(domains=[bad], target_groups=[bad]), **account_data()})
    # a form error on the page (a draft may keep the rest of what was typed)
    assert response.status_code == 400
    if "\x00" in bad:  # refused before any view, with its reason (accounts.middleware.NulBytesRefusedMiddleware)
        assert "caractère invisible" in text(response)
    else:
        assert "n’est pas une valeur correcte" in text(response) or "n'est pas une valeur correcte" in text(response)
    application = MembershipApplication.objects.first()
    assert application is None or not application.domains.exists()


def test_a_huge_lead_organisation_id_on_a_proposal_is_a_form_error(make_user, client_for):
    user = make_user("fundraising_group")
    response = client_for(user).post("/financements/propositions/nouvelle/", {"title": "Projet", "lead_organisation": HUGE, "themes": [HUGE]})
    assert response.status_code in (200, 400)


def _int_url_patterns():
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.urls.converters import IntConverter

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                converters = {**getattr(entry.pattern, "converters", {})}
                if any(isinstance(c, IntConverter) for c in converters.values()) and "admin/" not in route[:6]:
                    yield route

    return sorted(set(walk(get_resolver().url_patterns)))


@pytest.mark.parametrize("route", _int_url_patterns())
def test_huge_ids_in_urls_are_never_a_500(route, make_user, client_for):
    import re as _re

    url = "/" + _re.sub(r"<int:[a-z_]+>", HUGE, _re.sub(r"<(str|slug):[a-z_]+>", "ADH-2026-0001", route))
    client = client_for(make_user("administrator", "copil_chair", "emergency_chair", is_staff=True, is_superuser=True))
    assert client.get(url).status_code < 500, url
    assert client.post(url, {}).status_code < 500, url
