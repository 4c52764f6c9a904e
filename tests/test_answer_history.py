import html

import pytest
from django.urls import reverse

from assessment import services
from tests.factories import answer
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("answer_history", args=[world.assessment.pk])


def test_shows_who_changed_what(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2)
    answer(world.editor_response, "DEV-01", current=2, target=3, comment="After the audit")
    client.force_login(world.owner)  # owners read drafts; see below for the others
    page = client.get(url(world)).content.decode()
    assert "current Initial, target Spreading" in page
    assert "current Spreading, target Widespread, comment “After the audit”" in page
    assert page.count("<td>editor</td>") == 4  # who, and whose answer, twice


def test_drafts_are_their_respondents_and_the_owners(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2, comment="editor's draft")
    answer(world.owner_response, "DEV-01", current=2, target=2, comment="owner's draft")
    readers = {
        world.owner: ["editor's draft", "owner's draft"],
        world.editor: ["editor's draft"],
        world.viewer: [],
        world.staff: [],
    }
    for user, visible in readers.items():
        client.force_login(user)
        page = html.unescape(client.get(url(world)).content.decode())
        for comment in ["editor's draft", "owner's draft"]:
            assert (comment in page) == (comment in visible), (user, comment)


def test_submitted_answers_are_for_every_member(client, world):
    answer(world.owner_response, "DEV-01", current=2, target=2, comment="owner's answer")
    answer(world.owner_response, "DEV-02", not_applicable=True, comment="No code yet.")
    services.response_submit(response=world.owner_response)
    client.force_login(world.viewer)
    assert "owner&#x27;s answer" in client.get(url(world)).content.decode()


def test_permissions(client, world):
    assert_login_required(client, url(world))
    assert_status(client, world.outsider, url(world), 404)
    assert_status(client, world.staff, url(world), 200)
    assert_status(client, world.owner, url(world), 405, method="post")
