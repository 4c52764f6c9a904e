"""The OpenAPI schema (/api/schema/), its docs page (/api/docs/), and the API
checked against the schema by schemathesis."""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis.auths import AuthStorage
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from assessment import services
from config.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES = 20  # per operation and mode (valid, invalid): about 10 s in all
# Not asked here: whether every schema-valid request is accepted (business
# rules such as "target not below current" answer 400 to some), and whether
# every schema-violating one is refused (DRF reads "2" as 2 and "?page=" as
# the first page). Invalid requests are still sent, to look for 5xx.
LENIENT = [positive_data_acceptance, negative_data_rejection]


@pytest.fixture
def token(world):
    return Token.objects.create(user=world.owner).key


@pytest.fixture
def schema(world):
    # As Django's test client does: closing "old" connections after each
    # request would end the test's transaction on PostgreSQL.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_schema_builds_without_warnings(tmp_path):
    # Warnings mean guessed types or clashing names: fix them, do not ignore them.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yaml")
    assert "/api/assessments/{id}/answers/{code}/" in (tmp_path / "s.yaml").read_text()


def test_schema_is_public_openapi_3():
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_docs_are_served_from_static_without_a_cdn():
    response = APIClient().get("/api/docs/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page
    # Nothing inline, for the Content-Security-Policy: the start-up script
    # comes from its own address, the page style from static/.
    assert "<script>" not in page and "<style>" not in page
    assert '<script src="/api/docs/?script="></script>' in page
    script = APIClient().get("/api/docs/?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()


@pytest.mark.schemathesis
def test_every_operation_conforms_to_the_schema(world, schema, token):
    """Generated requests, valid and invalid: no 5xx, every answer as documented."""

    class OwnerToken:
        def get(self, case, context):
            return token

        def set(self, case, key, context):
            case.headers = {**(case.headers or {}), "Authorization": f"Token {key}"}

    auth = AuthStorage()
    auth.auth(refresh_interval=None)(OwnerToken)
    real = {
        "id": world.assessment.pk,
        "code": "DEV-01",
        "slug": world.framework.slug,
        "version": world.framework.version,
    }
    for result in schema.get_all_operations():
        operation = result.ok()
        names = [parameter.name for parameter in operation.path_parameters]
        for mode in GenerationMode:
            # Half of the requests on the world's own objects, so that they
            # get past the 404 to the code behind it.
            strategy = st.one_of(
                operation.as_strategy(mode, auth_storage=auth),
                operation.as_strategy(
                    mode, auth_storage=auth, path_parameters={n: real[n] for n in names}
                ),
            )

            @given(case=strategy)
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,  # the same requests on every run
                database=None,
                # Large generated bodies are the point here, not a mistake.
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
            )
            def conforms(case):
                case.call_and_validate(excluded_checks=LENIENT)

            conforms()


@pytest.mark.schemathesis
def test_a_whole_round_conforms_to_the_schema(world, schema, token):
    """The successful answers, which random input rarely reaches."""
    headers = {"Authorization": f"Token {token}"}
    assessment = world.assessment.pk

    def call(path, method, status, **parts):
        if "body" in parts:
            parts["media_type"] = "application/json"
        case = schema[path][method].Case(headers=headers, **parts)
        response = case.call_and_validate(excluded_checks=LENIENT)
        assert response.status_code == status, response.text
        return response.json()

    call(
        "/api/organisations/",
        "POST",
        201,
        body={"name": "Statistics Newland", "structure_code": "COE"},
    )
    created = call(
        "/api/assessments/",
        "POST",
        201,
        body={"organisation": world.organisation.pk, "title": "Second", "framework": "tiny"},
    )
    assert created["respondents"][0]["respondent"] == "owner"
    answer = {"path_parameters": {"id": assessment, "code": "DEV-01"}}
    call(*("/api/assessments/{id}/answers/{code}/", "PUT", 200), **answer, body={"version": 0})
    stale = {"version": 0, "dont_know": True}
    call(*("/api/assessments/{id}/answers/{code}/", "PUT", 409), **answer, body=stale)
    call(
        "/api/assessments/{id}/answers/",
        "PATCH",
        200,
        path_parameters={"id": assessment},
        body={
            "answers": [
                {"question": "DEV-01", "current": 1, "target": 3, "version": 1},
                {
                    "question": "DEV-02",
                    "not_applicable": True,
                    "comment": "No code yet.",
                    "version": 0,
                },
            ]
        },
    )
    call("/api/assessments/{id}/answers/", "GET", 200, path_parameters={"id": assessment})
    call("/api/assessments/{id}/submit/", "POST", 200, path_parameters={"id": assessment})
    call("/api/assessments/{id}/submit/", "POST", 409, path_parameters={"id": assessment})
    services.assessment_close(assessment=world.assessment)
    results = call("/api/assessments/{id}/results/", "GET", 200, path_parameters={"id": assessment})
    assert results["gaps"][0]["question"] == "DEV-01"
    roadmap = call("/api/assessments/{id}/roadmap/", "GET", 200, path_parameters={"id": assessment})
    assert [item["capability"] for item in roadmap["items"]] == ["SOURCE-REPO", "CICD"]
