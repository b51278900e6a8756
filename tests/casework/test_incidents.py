"""Security incidents per country; a verified severe one alerts the country's focal points."""

from approvals.models import Notification
from casework.models import Incident

from .factories import make_case

FORM = {
    "country": "CD",
    "province": "Nord-Kivu",
    "place": "Rue 14, Goma, devant le domicile de la victime",
    "occurred_on": "2026-10-02",
    "kind": "arrest",
    "victim_profile": "journalist",
    "perpetrator": "state_security",
    "source": "member",
    "severity": "high",
    "summary": "Arrestation sans mandat d'un journaliste.",
}


def test_a_verified_severe_incident_alerts_the_country_focal_points(emergency, chair, make_user, client_for, relay_outbox, mailoutbox):
    focal_cd = make_user("country_focal_point", country="CD")
    focal_cm = make_user("country_focal_point", country="CM")
    case = make_case(country="CD")
    # a focal point records an incident in their country, linked to a case they cannot see: refused
    response = client_for(focal_cd).post("/urgence/incidents/nouveau/", {**FORM, "case_references": case.reference})
    assert response.status_code == 400 and not Incident.objects.exists()
    response = client_for(focal_cd).post("/urgence/incidents/nouveau/", FORM)
    assert response.status_code == 302
    incident = Incident.objects.get()
    # the chair links the case and verifies it
    from casework.services import incident_link_cases

    incident_link_cases(incident_id=incident.pk, by=chair, case_references=[case.reference])
    assert list(incident.cases.all()) == [case]
    response = client_for(chair).post(f"/urgence/incidents/{incident.reference}/verifier/", {"verification": "verified"})
    assert response.status_code == 302
    client_for(chair).post(f"/urgence/incidents/{incident.reference}/verifier/", {"verification": "verified"})
    relay_outbox()
    alerts = Notification.objects.filter(subject__contains="Incident grave")
    assert [n.recipient for n in alerts] == [focal_cd]
    assert all("Goma" not in m.body and "Nord-Kivu" not in m.body for m in mailoutbox)
    # focal points see their own country only; the other country's sees nothing
    assert client_for(focal_cd).get(f"/urgence/incidents/{incident.reference}/").status_code == 200
    assert client_for(focal_cm).get(f"/urgence/incidents/{incident.reference}/").status_code == 404
    assert incident.reference not in client_for(focal_cm).get("/urgence/incidents/").content.decode()
    # the focal point does not see the linked case
    assert case.reference not in client_for(focal_cd).get(f"/urgence/incidents/{incident.reference}/").content.decode()


def test_a_focal_point_cannot_record_for_another_country(make_user, client_for):
    focal = make_user("country_focal_point", country="CM")
    response = client_for(focal).post("/urgence/incidents/nouveau/", FORM)
    assert response.status_code == 403
    assert not Incident.objects.exists()


def test_the_precise_place_is_encrypted(db, make_user):
    from django.db import connection

    from casework.services import incident_record

    focal = make_user("country_focal_point", country="CD")
    incident = incident_record(by=focal, data={**FORM, "occurred_on": "2026-10-02"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT place, summary, province FROM casework_incident WHERE id = %s", [incident.pk])
        place, summary, province = cursor.fetchone()
    assert "Goma" not in place and "journaliste" not in summary and province == "Nord-Kivu"


def test_incidents_to_verify_wait_on_the_home_of_the_countrys_focal_points_and_the_officers(emergency, chair, make_user, client_for):
    focal_cd = make_user("country_focal_point", country="CD")
    focal_cm = make_user("country_focal_point", country="CM")
    officer = make_user("case_officer", email="officer.inc@example.org")
    client_for(focal_cd).post("/urgence/incidents/nouveau/", FORM)
    incident = Incident.objects.get()

    for person in (focal_cd, officer):
        home = client_for(person).get("/").content.decode()
        assert f'href="{incident.get_absolute_url()}"' in home
        assert "Rue 14" not in home and "Arrestation sans mandat" not in home  # the place and account stay on its page
        assert client_for(person).get(incident.get_absolute_url()).status_code == 200
    assert incident.reference not in client_for(focal_cm).get("/").content.decode()

    client_for(chair).post(f"/urgence/incidents/{incident.reference}/verifier/", {"verification": "verified"})
    assert incident.reference not in client_for(focal_cd).get("/").content.decode()
