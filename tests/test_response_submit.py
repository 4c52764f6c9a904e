import pytest
from django.urls import reverse

from assessment.models import Response
from tests.factories import answer
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("response_submit", args=[world.assessment.pk])


def test_lists_missing_questions_with_links(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2)
    client.force_login(world.editor)
    page = client.get(url(world)).content.decode()
    assert "1 question has no answer yet" in page
    link = reverse("questionnaire_section", args=[world.assessment.pk, "DEV"]) + "#q-DEV-02"
    assert link in page


def test_submit_refused_while_incomplete(client, world):
    client.force_login(world.editor)
    response = client.post(url(world))
    assert response.status_code == 200
    assert "2 questions have no answer yet" in response.content.decode()
    assert not Response.objects.get(respondent=world.editor).is_submitted


def test_submit_locks_the_response(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2)
    answer(world.editor_response, "DEV-02", dont_know=True)
    client.force_login(world.editor)
    response = client.post(url(world), follow=True)
    assert "Submitted. Thank you." in response.content.decode()
    assert Response.objects.get(respondent=world.editor).is_submitted
    again = client.post(url(world), follow=True)
    assert "submitted and is locked" in again.content.decode()


def test_permissions(client, world):
    assert_login_required(client, url(world))
    assert_status(client, world.outsider, url(world), 404)
    assert_status(client, world.viewer, url(world), 403, method="post")
    assert_status(client, world.editor, url(world), 405, method="put")
