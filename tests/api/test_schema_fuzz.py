"""Fuzzing against the schema (schemathesis, over WSGI in this process):
every operation, as every role and anonymously, with generated values and
with real references; 0 responses with status 500, every response valid
against the schema (status documented, content type, body)."""

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from approvals.models import Ballot

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 6
SEEN = []  # (operation, status) of every request made
ROLES = ("applicant", "copil_member", "membership_group", "fundraising_group", "auditor", "administrator")


@pytest.fixture
def api_schema(db):
    """The schema as drf-spectacular writes it, called through Django's WSGI
    handler in this process, inside the test's transaction (so, as Django's
    test client does, a request must not close the connection)."""
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections
    from drf_spectacular.generators import SchemaGenerator

    handler = get_wsgi_application()

    def app(environ, start_response):
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            response = handler(environ, start_response)
            body = b"".join(response)
            response.close()
            return [body]
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)

    raw = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = app
    return schema


@pytest.fixture
def world(make_petition, client_for, reviewer, copil, make_user, api_for, settings):
    settings.RELAIS_API_TOKEN_RATE = "1000000/600"
    settings.RELAIS_API_ANONYMOUS_RATE = "1000000/600"
    petition = make_petition()
    client_for(petition.owner).post(f"/dossiers/{petition.reference}/agir/submit/")
    client_for(reviewer).post(f"/dossiers/{petition.reference}/agir/send_to_committee/")
    ballot = Ballot.objects.get(dossier_reference=petition.reference)
    people = {"owner": petition.owner, "reviewer": reviewer, "chair": copil.chair}
    people |= {role: make_user(role) for role in ROLES}
    headers = {name: api_for(person).headers["HTTP_AUTHORIZATION"] for name, person in people.items()}
    headers["anonymous"] = None
    return {"headers": headers, "params": {"reference": petition.reference, "pk": ballot.pk, "transition": "submit", "fmt": "docx"}}


def _fuzz(operation, *, authorization, path_parameters=None):
    strategy = operation.as_strategy(
        # identity: the in-process client does not inflate gzip as a real one does
        headers={"Accept-Encoding": "identity", **({"Authorization": authorization} if authorization else {})},
        path_parameters=path_parameters,
    )

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        response = case.call_and_validate(checks=CHECKS)
        SEEN.append((operation.label, response.status_code))

    run()


def test_every_operation_as_every_role(api_schema, world):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 11
    SEEN.clear()
    for operation in operations:
        names = {p.name for p in operation.path_parameters}
        real = {k: v for k, v in world["params"].items() if k in names}
        for who, authorization in world["headers"].items():
            _fuzz(operation, authorization=authorization)
            if real:
                _fuzz(operation, authorization=authorization, path_parameters=real)
    # every operation was called, some successfully, and nothing answered 500
    assert {label for label, _status in SEEN} == {operation.label for operation in operations}
    # (no letter exists in this world: tests/api/test_dossiers_api.py downloads one)
    readable = {o.label for o in operations if o.method.upper() == "GET" and "/letters/{" not in o.label}
    assert {label for label, status in SEEN if status < 300} >= readable
    assert not [row for row in SEEN if row[1] >= 500]
    print(f"schema fuzz: {len(operations)} operations, {len(SEEN)} requests, "
          f"{sum(1 for _label, status in SEEN if status < 300)} answered 2xx, 0 answered 5xx")
