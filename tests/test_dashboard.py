"""The dashboard (`home`, /): the user's organisations and their assessments."""

import pytest
from django.urls import reverse

from assessment import services
from tests.factories import answer, make_user

pytestmark = pytest.mark.django_db


def page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_lists_the_organisations_and_their_assessments(client, world):
    client.force_login(world.owner)
    text = page(client)
    assert "Statistics Testland" in text
    assert reverse("organisation_detail", args=[world.organisation.pk]) in text
    assert "ML maturity 2026" in text
    assert reverse("assessment_detail", args=[world.assessment.pk]) in text


def test_shows_the_users_role(client, world):
    client.force_login(world.viewer)
    assert '<span class="badge">Viewer</span>' in page(client)


def test_respondent_is_offered_to_continue_answering(client, world):
    client.force_login(world.editor)
    assert reverse("questionnaire", args=[world.assessment.pk]) in page(client)


def test_reader_who_does_not_answer_is_not_offered_the_questionnaire(client, world):
    client.force_login(world.viewer)
    text = page(client)
    assert "ML maturity 2026" in text
    assert reverse("questionnaire", args=[world.assessment.pk]) not in text


def test_submitted_response_is_marked_as_submitted(client, world):
    for code in ("DEV-01", "DEV-02"):
        answer(world.owner_response, code, current=2, target=3)
    services.response_submit(response=world.owner_response)
    client.force_login(world.owner)
    text = page(client)
    assert "Submitted" in text
    assert reverse("questionnaire", args=[world.assessment.pk]) not in text


def test_only_owners_are_offered_to_start_an_assessment(client, world):
    start = reverse("assessment_start", args=[world.organisation.pk])
    client.force_login(world.owner)
    assert start in page(client)
    client.force_login(world.editor)
    assert start not in page(client)


def test_outsider_does_not_see_the_organisation(client, world):
    client.force_login(world.outsider)
    text = page(client)
    assert "Elsewhere Statistics" in text
    assert "Statistics Testland" not in text
    assert "ML maturity 2026" not in text


def test_user_without_organisation_is_invited_to_create_one(client, world):
    client.force_login(make_user("newcomer"))
    text = page(client)
    assert "You are not a member of an organisation yet." in text
    assert reverse("organisation_create") in text
    assert "Statistics Testland" not in text


def test_staff_see_only_their_own_organisations(client, world):
    client.force_login(world.staff)
    assert "Statistics Testland" not in page(client)


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_post_is_refused(client, world):
    client.force_login(world.owner)
    assert client.post(reverse("home")).status_code == 405
