"""Every applicant-facing page reads on a 360-px-wide screen: no horizontal scroll."""

import pytest

from approvals.services import message_post, perform, status_link_issue
from tests.members.factories import ApplicationFactory

pytestmark = pytest.mark.e2e


def test_applicant_pages_fit_a_360_px_screen(live_server, page, sign_in, make_user, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    reviewer = make_user("membership_group", email="adhesion@example.org")
    applicant = make_user("applicant", email="applicant@example.org")
    application = ApplicationFactory(owner=applicant, name="Association pour la défense des droits des populations riveraines")
    perform(application, "submit", by=applicant)
    perform(application, "start_screening", by=reviewer)
    message_post(dossier=application, by=applicant, body="Un message assez long " * 20 + "https://exemple.org/" + "x" * 80)
    token = status_link_issue(dossier=application, by=reviewer)
    ref = application.reference
    assert page.viewport_size["width"] == 360

    public = ["/membres/adhesion/", "/urgence/demande/", "/verify/", "/compte/connexion/", f"/suivi/{ref}/{token}/"]
    for path in public:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path

    sign_in(page, applicant, next_path="/mon-espace/")
    for path in ["/mon-espace/", application.get_absolute_url(), f"/dossiers/{ref}/", f"/dossiers/{ref}/messages/", f"/dossiers/{ref}/lettres/"]:
        page.goto(f"{live_server.url}{path}")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
