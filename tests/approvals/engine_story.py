"""One membership application's steps through perform(), told the same way
on any database (tests/approvals/test_engine_on_both_databases.py runs it on
PostgreSQL in the suite's process and on SQLite in a child process)."""

from approvals.models import OutboxMessage, TimelineEntry
from approvals.services import perform
from approvals.services.writes import one_statement_possible
from members.models import MembershipApplication
from members.services import application_update
from tests.factories import UserFactory
from tests.members.factories import ApplicationFactory


def story() -> dict:
    """Submit, screen, ask for information, change the phone, resubmit, and
    a second screener's refused attempt: what each step wrote."""
    screener = UserFactory(roles=["membership_group"], email="adhesion@example.org", full_name="Paul Nzé")
    application = ApplicationFactory(name="Association Lumière", phone="+241 01 00 00 00", city="Libreville")
    applicant = application.owner
    outbox_before = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    perform(application, "submit", by=applicant)
    perform(application, "start_screening", by=screener)
    perform(application, "request_information", by=screener, items=["Votre numéro de téléphone"])
    application_update(application_id=application.pk, by=applicant, fields={"phone": "+241 07 77 77 77"})
    perform(application, "resubmit", by=applicant)
    refused = ""
    try:
        perform(application, "submit", by=applicant)
    except Exception as refusal:  # noqa: BLE001  (its words are the outcome)
        refused = type(refusal).__name__
    application = MembershipApplication.objects.get(pk=application.pk)
    steps = TimelineEntry.objects.filter(dossier_reference=application.reference).order_by("created_at", "id")
    people = {applicant.pk: "applicant", screener.pk: "screener"}
    return {
        "one_statement": one_statement_possible(application, TimelineEntry(), OutboxMessage()),
        "state": application.state,
        "requested_items": list(application.requested_items),
        "refused": refused,
        "steps": [
            {
                "kind": step.kind, "from": step.from_state, "to": step.to_state,
                "actor": people.get(step.actor_id, step.actor_id), "public_label": step.public_label,
                "snapshot": sorted(step.snapshot or {}),
                "phone": (step.snapshot or {}).get("phone", {}).get("value"),
                "themes": (step.snapshot or {}).get("domains", {}).get("value"),
                "changes": step.changes,
            }
            for step in steps
        ],
        "notifications": sorted(
            (people.get(message.payload["recipient"], "someone else"), message.payload["params"]["state"], message.payload["params"]["public"])
            for message in OutboxMessage.objects.filter(pk__gt=outbox_before, topic="notify")
            if message.payload["params"].get("reference") == application.reference
        ),
    }
