import pytest
from django.urls import reverse

from assessment.models import Response
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("response_perspective", args=[world.assessment.pk])


def test_respondent_sets_their_perspective(client, world):
    client.force_login(world.editor)
    client.post(url(world), {"perspective": "methodology"})
    assert Response.objects.get(respondent=world.editor).perspective == "methodology"
    assert Response.objects.get(respondent=world.owner).perspective == ""


def test_invalid_perspective(client, world):
    client.force_login(world.editor)
    response = client.post(url(world), {"perspective": "astrology"}, follow=True)
    assert "Choose the perspective you answer from." in response.content.decode()
    assert Response.objects.get(respondent=world.editor).perspective == ""


def test_permissions(client, world):
    assert_login_required(client, url(world), method="post")
    assert_status(client, world.outsider, url(world), 404, method="post")
    assert_status(client, world.viewer, url(world), 403, method="post")
    assert_status(client, world.editor, url(world), 405)


def test_locked_once_submitted(client, world):
    from assessment import services
    from tests.factories import answer

    answer(world.editor_response, "DEV-01", current=1, target=2)
    answer(world.editor_response, "DEV-02", current=1, target=2)
    services.response_submit(response=world.editor_response)
    client.force_login(world.editor)
    response = client.post(url(world), {"perspective": "it"}, follow=True)
    assert "submitted and is locked" in response.content.decode()
    assert Response.objects.get(respondent=world.editor).perspective == ""
