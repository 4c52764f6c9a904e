"""Confirming the carried-over answers of a section."""

import pytest
from django.urls import reverse

from assessment import services
from assessment.models import Answer
from tests.factories import answer
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def reassessment(world):
    answer(world.owner_response, "DEV-01", current=2, target=3)
    return services.assessment_copy(
        assessment=world.assessment, title="2027", created_by=world.owner
    )


def url(assessment):
    return reverse("questionnaire_confirm", args=[assessment.pk, "DEV"])


def test_confirms_the_section(client, world, reassessment):
    client.force_login(world.owner)
    page = client.get(reverse("questionnaire_section", args=[reassessment.pk, "DEV"]))
    assert "1 answer in this section was carried over" in page.content.decode()
    response = client.post(url(reassessment), follow=True)
    assert "Confirmed 1 carried-over answer." in response.content.decode()
    copied = Answer.objects.get(response__assessment=reassessment)
    assert not copied.carried_over and copied.changes.count() == 1


def test_permissions(client, world, reassessment):
    assert_login_required(client, url(reassessment), method="post")
    assert_status(client, world.outsider, url(reassessment), 404, method="post")
    assert_status(client, world.viewer, url(reassessment), 403, method="post")
    assert_status(client, world.owner, url(reassessment), 405)
    assert Answer.objects.get(response__assessment=reassessment).carried_over
