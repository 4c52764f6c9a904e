"""Picking up the questionnaire where the respondent stopped."""

import pytest
from django.urls import reverse

from capabilities.document import document_parse
from capabilities.services import framework_load
from tests.factories import answer, generated_document, make_assessment
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_sections(world):
    document = generated_document(6, sections=3)
    framework = framework_load(document=document_parse(document)).framework
    assessment = make_assessment(world.organisation, framework, [world.owner])
    return assessment, assessment.responses.get()


def resume(client, assessment):
    return client.get(reverse("questionnaire", args=[assessment.pk]))["Location"]


def section_url(assessment, code):
    return reverse("questionnaire_section", args=[assessment.pk, code])


def test_starts_at_the_first_section(client, world, three_sections):
    assessment, _response = three_sections
    client.force_login(world.owner)
    assert resume(client, assessment) == section_url(assessment, "S0")


def test_returns_to_the_section_last_worked_on(client, world, three_sections):
    assessment, response = three_sections
    answer(response, "S1-Q000", current=1, target=2)
    client.force_login(world.owner)
    assert resume(client, assessment) == section_url(assessment, "S1")


def test_moves_on_when_that_section_is_done(client, world, three_sections):
    assessment, response = three_sections
    answer(response, "S0-Q001", current=1, target=2)
    answer(response, "S1-Q000", current=1, target=2)
    answer(response, "S1-Q001", current=1, target=2)
    client.force_login(world.owner)
    assert resume(client, assessment) == section_url(assessment, "S0")


def test_everything_answered_goes_to_review(client, world):
    answer(world.owner_response, "DEV-01", current=1, target=2)
    answer(world.owner_response, "DEV-02", not_applicable=True, comment="No code yet.")
    client.force_login(world.owner)
    expected = reverse("response_submit", args=[world.assessment.pk])
    assert resume(client, world.assessment) == expected


def test_permissions(client, world):
    url = reverse("questionnaire", args=[world.assessment.pk])
    assert_login_required(client, url)
    assert_status(client, world.outsider, url, 404)
    assert_status(client, world.viewer, url, 403)
    assert_status(client, world.owner, url, 405, method="post")
