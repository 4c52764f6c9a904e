import pytest
from django.urls import reverse

from assessment.models import Assessment
from tests.permissions import assert_owners_post_only

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("assessment_close", args=[world.assessment.pk])


def test_owner_closes(client, world):
    client.force_login(world.owner)
    client.post(url(world))
    assert Assessment.objects.get().status == Assessment.Status.COMPLETE


def test_permissions(client, world):
    assert_owners_post_only(client, world, url(world))
    assert Assessment.objects.get().is_open
