import pytest
from django.urls import reverse

from assessment import services
from assessment.models import Response
from tests.factories import answer
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(world):
    answer(world.editor_response, "DEV-01", current=1, target=2)
    answer(world.editor_response, "DEV-02", current=1, target=2)
    return services.response_submit(response=world.editor_response)


def url(world, response):
    return reverse("response_reopen", args=[world.assessment.pk, response.pk])


def test_owner_reopens(client, world, submitted):
    client.force_login(world.owner)
    client.post(url(world, submitted))
    assert not Response.objects.get(pk=submitted.pk).is_submitted


def test_response_of_another_assessment_is_404(client, world, submitted):
    other = services.assessment_start(
        organisation=world.organisation,
        framework=world.framework,
        title="Other",
        respondents=[world.owner],
        created_by=world.owner,
    )
    wrong = reverse("response_reopen", args=[other.pk, submitted.pk])
    assert_status(client, world.owner, wrong, 404, method="post")


def test_permissions(client, world, submitted):
    assert_login_required(client, url(world, submitted), method="post")
    assert_status(client, world.outsider, url(world, submitted), 404, method="post")
    assert_status(client, world.editor, url(world, submitted), 403, method="post")
    assert_status(client, world.viewer, url(world, submitted), 403, method="post")
    assert_status(client, world.owner, url(world, submitted), 405)
    assert Response.objects.get(pk=submitted.pk).is_submitted
