import pytest
from django.urls import reverse

from tests.factories import answer
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("answer_history", args=[world.assessment.pk])


def test_shows_who_changed_what(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2)
    answer(world.editor_response, "DEV-01", current=2, target=3, comment="After the audit")
    client.force_login(world.viewer)
    page = client.get(url(world)).content.decode()
    assert "current Initial, target Spreading" in page
    assert "current Spreading, target Widespread, comment “After the audit”" in page
    assert page.count("<td>editor</td>") == 4  # who, and whose answer, twice


def test_permissions(client, world):
    assert_login_required(client, url(world))
    assert_status(client, world.outsider, url(world), 404)
    assert_status(client, world.staff, url(world), 200)
    assert_status(client, world.owner, url(world), 405, method="post")
