import pytest

from accounts.home import register_section, unregister_section
from accounts.roles import Role


@pytest.fixture
def section_provider(accounts_home_only):
    """Register a provider for one test only (other apps' providers set aside)."""
    registered = []

    def register(provider):
        registered.append(register_section(provider))
        return provider

    yield register
    for provider in registered:
        unregister_section(provider)


def test_apps_contribute_sections_rendered_in_order(make_user, client_for, section_provider):
    # given two apps contributing to the home page, one for COPIL members only
    def ballots(request):
        if not request.user.has_role(Role.COPIL_MEMBER):
            return None
        return [
            {
                "title": "Scrutins à voter",
                "items": [
                    {"label": "ADH-2026-0007 : admission", "url": "/scrutins/7/", "meta": "avant le 3 mars", "overdue": True},
                    {"label": "PRJ-2026-0002 : validation", "url": "/scrutins/9/"},
                ],
                "empty_text": "Aucun scrutin.",
                "role": Role.COPIL_MEMBER,
            }
        ]

    def letters(request):
        return [{"title": "Lettres à télécharger", "items": [], "empty_text": "Aucune lettre pour l'instant."}]

    section_provider(ballots)
    section_provider(letters)
    # when a COPIL member who also screens applications opens their home
    content = client_for(make_user(Role.COPIL_MEMBER, Role.MEMBERSHIP_GROUP)).get("/").content.decode()
    # then the contributed sections come first, in order, with an overdue badge
    assert content.index("Scrutins à voter") < content.index("Lettres à télécharger")
    assert '<a href="/scrutins/7/">ADH-2026-0007 : admission</a>' in content
    assert '<span class="overdue">En retard</span>' in content
    assert "avant le 3 mars" in content
    assert "Aucune lettre pour l&#x27;instant." in content
    # the COPIL role's own empty state gives way to the contributed section,
    # the other role keeps its kind empty state
    assert "aucun scrutin du COPIL n&#x27;attend votre vote" not in content
    assert "aucune demande d&#x27;adhésion à examiner" in content


def test_a_provider_returning_none_adds_nothing(make_user, client_for, section_provider):
    section_provider(lambda request: None)

    content = client_for(make_user(Role.APPLICANT)).get("/").content.decode()

    assert content.count('<section class="card"') == 1


def test_registering_twice_is_harmless(section_provider):
    from accounts import home

    def provider(request):
        return []

    section_provider(provider)
    register_section(provider)

    assert home._providers.count(provider) == 1


def test_a_section_may_claim_several_roles(make_user, client_for, section_provider):
    section_provider(
        lambda request: [
            {"title": "Scrutins", "items": [], "empty_text": "Aucun scrutin.", "roles": [Role.COPIL_MEMBER, Role.COPIL_CHAIR]}
        ]
    )

    content = client_for(make_user(Role.COPIL_MEMBER, Role.COPIL_CHAIR)).get("/").content.decode()

    assert content.count('<section class="card"') == 1
    assert "Aucun scrutin." in content


def test_the_navigation_shows_each_role_its_apps(make_user, client_for):
    applicant = client_for(make_user("applicant")).get("/").content.decode()
    fundraiser = client_for(make_user("fundraising_group")).get("/").content.decode()
    officer = client_for(make_user("case_officer")).get("/").content.decode()
    assert 'href="/membres/repertoire/"' in applicant
    assert 'href="/financements/"' not in applicant and 'href="/urgence/cas/"' not in applicant
    assert 'href="/financements/"' in fundraiser and 'href="/urgence/cas/"' not in fundraiser
    assert 'href="/urgence/cas/"' in officer and 'href="/financements/"' not in officer
