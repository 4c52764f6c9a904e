import pytest
from django.urls import reverse

from tests.permissions import assert_owners_post_only

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("focus_weights", args=[world.assessment.pk])


def weights(world):
    return dict(world.assessment.focus_weights.values_list("focus_code", "weight"))


def test_owner_sets_weights(client, world):
    client.force_login(world.owner)
    client.post(url(world), {"focus-DATA": "3", "focus-SECURITY": "0"})
    assert weights(world) == {"DATA": 3, "SECURITY": 0}


def test_invalid_weight_changes_nothing(client, world):
    client.force_login(world.owner)
    response = client.post(url(world), {"focus-DATA": "9", "focus-SECURITY": "1"}, follow=True)
    assert "Choose how much you care about each focus area." in response.content.decode()
    assert weights(world) == {"DATA": 2, "SECURITY": 2}


def test_permissions(client, world):
    assert_owners_post_only(client, world, url(world))
