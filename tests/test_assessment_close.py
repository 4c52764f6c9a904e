"""Closing an assessment early (/assessments/<pk>/close/): a page says what
closing leaves out, and closing with no submitted response is refused."""

import pytest
from django.urls import reverse

from assessment import services
from assessment.models import Assessment
from tests.factories import answer
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("assessment_close", args=[world.assessment.pk])


def submit_owner(world):
    answer(world.owner_response, "DEV-01", current=1, target=3)
    answer(world.owner_response, "DEV-02", current=2, target=2)
    services.response_submit(response=world.owner_response)


def test_confirmation_counts_who_has_not_submitted_and_what_is_missing(client, world):
    submit_owner(world)
    answer(world.editor_response, "DEV-01", current=1, target=2)
    client.force_login(world.owner)
    page = client.get(url(world)).content.decode()
    assert "1 respondent has not submitted" in page
    assert "1 answer is missing." in page
    assert "editor: 1 question without an answer" in page
    assert "Close the assessment</button>" in page
    assert Assessment.objects.get().is_open  # looking closes nothing


def test_owner_closes(client, world):
    submit_owner(world)
    client.force_login(world.owner)
    response = client.post(url(world))
    assert response["Location"] == reverse("assessment_detail", args=[world.assessment.pk])
    assert Assessment.objects.get().status == Assessment.Status.COMPLETE


def test_closing_with_nothing_submitted_is_refused(client, world):
    answer(world.owner_response, "DEV-01", current=1, target=3)  # answered, not submitted
    client.force_login(world.owner)
    page = client.get(url(world)).content.decode()
    assert "cannot be closed now" in page
    assert "Close the assessment</button>" not in page
    response = client.post(url(world), follow=True)
    assert "No response is submitted yet" in response.content.decode()
    assert Assessment.objects.get().is_open


def test_service_refuses_to_close_with_nothing_submitted(world):
    with pytest.raises(services.NothingSubmitted):
        services.assessment_close_by_owner(assessment=world.assessment)
    assert Assessment.objects.get().is_open


def test_detail_page_links_to_the_confirmation(client, world):
    client.force_login(world.owner)
    page = client.get(reverse("assessment_detail", args=[world.assessment.pk])).content.decode()
    assert f'href="{url(world)}"' in page
    assert f'action="{url(world)}"' not in page


def test_a_closed_assessment_leads_back_to_its_page(client, world):
    submit_owner(world)
    services.assessment_close(assessment=world.assessment)
    client.force_login(world.owner)
    response = client.get(url(world))
    assert response["Location"] == reverse("assessment_detail", args=[world.assessment.pk])


def test_permissions(client, world):
    assert_login_required(client, url(world))
    assert_status(client, world.outsider, url(world), 404)
    assert_status(client, world.editor, url(world), 403)
    assert_status(client, world.viewer, url(world), 403, method="post")
    assert_status(client, world.owner, url(world), 405, method="put")
    assert Assessment.objects.get().is_open
