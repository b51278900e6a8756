"""Personal tokens: created after the second factor, shown once, stored
hashed, scoped, revocable, last use shown, rate limited per token."""

import re

from api.models import ApiToken


def test_creating_a_token_needs_the_second_factor(make_user, client):
    applicant = make_user("applicant")
    client.force_login(applicant)
    response = client.get("/compte/jetons/")
    assert response.status_code == 403 and "second facteur" in response.content.decode()
    assert client.post("/compte/jetons/", {"name": "site", "scope": "read"}).status_code == 403
    assert not ApiToken.objects.exists()
    # nor is the page offered to them
    assert "/compte/jetons/" not in client.get("/").content.decode()


def test_a_token_is_shown_once_stored_hashed_and_used(make_user, client_for):
    member = make_user("copil_member")
    browser = client_for(member)
    page = browser.post("/compte/jetons/", {"name": "Mon tableur", "scope": "read"}).content.decode()
    text = re.search(r"rls_[0-9a-f]{12}_[A-Za-z0-9_-]+", page).group(0)
    token = ApiToken.objects.get(user=member)
    assert token.name == "Mon tableur" and token.scope == "read" and token.last_used_at is None
    secret = text.split("_", 2)[2]
    assert secret not in token.secret_hash and secret not in page.replace(text, "")
    # shown once: the list never shows it again
    assert text not in browser.get("/compte/jetons/").content.decode()

    response = browser.get("/api/v1/ballots/", HTTP_AUTHORIZATION=f"Bearer {text}")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert "jamais" not in browser.get("/compte/jetons/").content.decode().split("Mon tableur")[1][:400]


def test_a_revoked_or_wrong_token_opens_nothing(make_user, client_for, api_for):
    member = make_user("copil_member")
    api = api_for(member)
    assert api.get("/api/v1/ballots/").status_code == 200
    token = ApiToken.objects.get(user=member)

    assert client_for(member).post(f"/compte/jetons/{token.pk}/revoquer/").status_code == 302
    response = api.get("/api/v1/ballots/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] and response.json()["status"] == 401

    wrong = api.headers["HTTP_AUTHORIZATION"][:-3] + "abc"
    assert api.client.get("/api/v1/ballots/", HTTP_AUTHORIZATION=wrong).status_code == 401


def test_someone_elses_token_cannot_be_revoked(make_user, client_for, api_for):
    owner, other = make_user("copil_member"), make_user("copil_member")
    api_for(owner)
    token = ApiToken.objects.get(user=owner)
    assert client_for(other).post(f"/compte/jetons/{token.pk}/revoquer/").status_code == 404
    token.refresh_from_db()
    assert token.active


def test_a_read_token_cannot_write(make_user, api_for, make_petition, club):
    member = make_user("copil_member")
    api = api_for(member, scope="read")
    response = api.post("/api/v1/ballots/1/vote/", {"choice": "approve"})
    assert response.status_code == 403
    assert response.json()["title"] and "lecture" in response.json()["detail"]


def test_requests_are_limited_per_token(make_user, api_for, settings):
    settings.RELAIS_API_TOKEN_RATE = "3/600"
    member = make_user("copil_member")
    first, second = api_for(member), api_for(member)
    assert [first.get("/api/v1/ballots/").status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get("/api/v1/ballots/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 500
    assert refused.json()["status"] == 429
    # another token of the same person counts apart
    assert second.get("/api/v1/ballots/").status_code == 200


def test_at_most_ten_active_tokens(make_user, client_for):
    member = make_user("copil_member")
    browser = client_for(member)
    for i in range(10):
        assert browser.post("/compte/jetons/", {"name": f"outil {i}", "scope": "read"}).status_code == 200
    response = browser.post("/compte/jetons/", {"name": "un de trop", "scope": "read"})
    assert response.status_code == 409
    assert ApiToken.objects.filter(user=member).count() == 10
