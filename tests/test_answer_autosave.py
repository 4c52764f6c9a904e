"""Saving one question as it changes (htmx)."""

import html

import pytest
from django.urls import reverse

from assessment import services
from assessment.models import Answer
from tests.factories import answer
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(assessment, question="DEV-01", section="DEV"):
    return reverse("answer_autosave", args=[assessment.pk, section, question])


def values(code="DEV-01", version=0, **fields):
    return {f"{code}-version": version, **{f"{code}-{k}": v for k, v in fields.items()}}


def test_saves_and_answers_with_the_new_version(client, world):
    client.force_login(world.owner)
    response = client.post(url(world.assessment), values(current="2", target="3"), **HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Saved" in page
    assert 'name="DEV-01-version" id="id_DEV-01-version" value="1" hx-swap-oob="true"' in page
    assert "1 of 2 answered in this section" in page  # progress, out of band
    assert Answer.objects.get().target == 3


def test_next_save_is_based_on_the_new_version(client, world):
    client.force_login(world.owner)
    client.post(url(world.assessment), values(current="2"), **HTMX)
    client.post(url(world.assessment), values(version=1, current="2", target="4"), **HTMX)
    assert Answer.objects.get().version == 2


def test_conflict_shows_the_other_value(client, world):
    answer(world.owner_response, "DEV-01", dont_know=True, comment="Ask IT")
    client.force_login(world.owner)
    response = client.post(url(world.assessment), values(current="1"), **HTMX)
    page = html.unescape(response.content.decode())
    assert "Not saved:" in page and "don't know" in page and "Ask IT" in page
    # The next save from this page is based on the stored version.
    assert 'id="id_DEV-01-version" value="1"' in page
    assert Answer.objects.get().dont_know


def test_invalid_input_is_explained_next_to_the_field(client, world):
    client.force_login(world.owner)
    response = client.post(url(world.assessment), values(current="4", target="2"), **HTMX)
    page = response.content.decode()
    assert 'id="errors-DEV-01-target"' in page
    assert "The target level cannot be below the current level." in page
    assert not Answer.objects.exists()


def test_locked_response_is_explained(client, world):
    services.assessment_close(assessment=world.assessment)
    client.force_login(world.owner)
    response = client.post(url(world.assessment), values(current="1"), **HTMX)
    assert "can no longer be changed" in response.content.decode()
    assert not Answer.objects.exists()


def test_without_htmx_goes_back_to_the_section(client, world):
    client.force_login(world.owner)
    response = client.post(url(world.assessment), values(current="1"))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "questionnaire_section", args=[world.assessment.pk, "DEV"]
    )
    assert not Answer.objects.exists()


def test_unknown_question_or_wrong_section_is_404(client, world):
    assert_status(client, world.owner, url(world.assessment, "NOPE"), 404, method="post")
    assert_status(client, world.owner, url(world.assessment, section="X"), 404, method="post")


def test_permissions(client, world):
    assert_login_required(client, url(world.assessment), method="post")
    assert_status(client, world.outsider, url(world.assessment), 404, method="post")
    assert_status(client, world.viewer, url(world.assessment), 403, method="post")
    assert_status(client, world.owner, url(world.assessment), 405, method="get")
    assert not Answer.objects.exists()


def test_a_code_with_a_nul_byte_is_404_not_500(client, world):
    client.force_login(world.owner)
    bad = f"/assessments/{world.assessment.pk}/questionnaire/DEV/DEV%00/"
    assert client.post(bad, values(current="1"), **HTMX).status_code == 404
