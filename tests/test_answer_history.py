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
    assert "answer of editor" in page
    assert page.count("<td>editor</td>") == 2  # who made each change, in the full list


def test_changes_of_one_answer_within_minutes_read_as_one(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2)
    answer(world.editor_response, "DEV-01", current=2, target=2)
    answer(world.editor_response, "DEV-01", current=3, target=4)
    client.force_login(world.owner)
    page = html.unescape(client.get(url(world)).content.decode())
    # One run: from nothing to the final value, three changes behind it.
    assert "current Widespread, target Mature\n" in page.replace("          ", "")
    assert "(was: no answer; 3 changes)" in page
    assert "Every change (3)" in page
    assert page.count('class="history-group"') == 1


def test_filters_by_section_and_respondent(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2, comment="editor's")
    answer(world.owner_response, "DEV-02", current=2, target=2, comment="owner's")
    client.force_login(world.owner)
    mine = html.unescape(
        client.get(url(world), {"respondent": world.owner_response.pk}).content.decode()
    )
    assert "owner's" in mine and "editor's" not in mine
    assert f'<option value="{world.owner_response.pk}" selected>owner</option>' in mine
    section = client.get(url(world), {"section": "DEV"}).content.decode()
    assert section.count('class="history-group"') == 2
    none = client.get(url(world), {"section": "NOPE", "respondent": "x"}).content.decode()
    assert none.count('class="history-group"') == 2  # unknown values filter nothing


def test_nothing_matching_the_filters_says_so(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2)
    client.force_login(world.owner)
    page = client.get(url(world), {"respondent": world.owner_response.pk}).content.decode()
    assert "No change matches these filters." in page


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
