"""A defender applies without an account; a member organisation refers one."""

import re
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from approvals.models import Notification, StatusLink
from casework.models import Case

from .factories import LEGAL_NAME, NARRATIVE, make_case
from .test_story import _apply


def test_a_direct_application_gives_a_reference_and_a_secret_link(emergency, client):
    response = _apply(client, code_name="", urgency="high")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("no-store")
    case = Case.objects.get()
    # a code name is chosen for them; the secret is kept hashed only
    assert case.code_name and case.code_name != LEGAL_NAME
    # the link is the engine's, the one status page of every dossier
    token = response.content.decode().split(f"/suivi/{case.reference}/", 1)[1].split("/", 1)[0]
    assert f'href="http://testserver/suivi/{case.reference}/{token}/"' in response.content.decode()
    assert len(token) >= 40
    stored = StatusLink.objects.get(dossier_reference=case.reference)
    assert stored.dossier == case and stored.revoked_at is None
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    assert case.deadline_at == case.received_at + timedelta(hours=72)
    status = client.get(f"/suivi/{case.reference}/{token}/")
    assert status.status_code == 200 and "Demande reçue" in status.content.decode()
    assert status["Referrer-Policy"] == "same-origin" and status["X-Robots-Tag"].startswith("noindex")


def test_the_same_form_sent_twice_makes_one_case(emergency, client):
    _apply(client)
    again = _apply(client)
    assert again.status_code == 409
    assert "déjà été reçue" in again.content.decode()
    assert Case.objects.count() == 1


def test_bad_input_is_explained_and_changes_nothing(emergency, client):
    response = _apply(client, threat_narrative="", support_types=[])
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert 'role="alert"' in response.content.decode()


def _without_csrf(content: bytes) -> bytes:
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
    return re.sub(rb'name="next" value="[^"]+"', b"", content)


def test_wrong_reference_and_wrong_token_look_the_same_and_guessing_is_limited(emergency, client, settings):
    cache.clear()
    settings.RELAIS_STATUS_LINK_MAX_FAILURES = 3
    case = make_case()
    wrong_token = client.get(f"/suivi/{case.reference}/not-the-token/")
    wrong_reference = client.get("/suivi/URG-1999-0001/not-the-token/")
    assert wrong_token.status_code == wrong_reference.status_code == 404
    # the same page, but for the language menu (its CSRF token and the page's own address)
    assert _without_csrf(wrong_token.content) == _without_csrf(wrong_reference.content)
    # guesses at the old address count with the others
    client.get("/urgence/suivi/URG-1999-0002/x/")
    blocked = client.get(f"/suivi/{case.reference}/anything/")
    assert blocked.status_code == 429
    cache.clear()


def test_the_committee_chair_hears_of_a_new_request_without_detail(emergency, chair, client, relay_outbox, mailoutbox):
    _apply(client, urgency="standard")
    relay_outbox()
    note = Notification.objects.get(recipient=chair)
    assert Case.objects.get().reference in note.subject
    assert LEGAL_NAME not in note.body and NARRATIVE not in note.body
    assert mailoutbox and all(LEGAL_NAME not in m.body and Case.objects.get().reference not in m.subject for m in mailoutbox)


def test_a_focal_point_refers_a_defender_and_follows_the_status_only(emergency, make_user, client_for):
    referrer = make_user("member_focal_point")
    client = client_for(referrer)
    assert client.get("/urgence/orienter/").status_code == 200
    response = client.post(
        "/urgence/orienter/",
        {
            "legal_name": LEGAL_NAME, "country": "CM", "gender": "male", "age_band": "36_50", "profile": "lawyer",
            "urgency": "standard", "support_types": ["legal"], "currency": "XAF", "threat_narrative": NARRATIVE,
            "idempotency_key": "9d9c7a1e-1111-4b2b-8c8c-000000000001",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.intake == Case.Intake.REFERRAL and case.referred_by == referrer
    assert client.get("/urgence/orientations/").content.decode().count(case.reference) >= 1
    assert client.get(f"/urgence/cas/{case.reference}/").status_code == 403
    # an applicant without the focal point's role may not refer
    assert client_for(make_user("applicant")).get("/urgence/orienter/").status_code == 403


def test_overdue_cases_are_flagged_on_the_list(emergency, chair, client_for):
    late = make_case(urgency="critical", received_at=timezone.now() - timedelta(hours=30))
    on_time = make_case(urgency="standard")
    page = client_for(chair).get("/urgence/cas/").content.decode()
    assert late.is_overdue and not on_time.is_overdue
    row = page.split(late.reference, 1)[1].split("</tr>", 1)[0]
    assert "En retard" in row
    assert "En retard" not in page.split(on_time.reference, 1)[1].split("</tr>", 1)[0]
