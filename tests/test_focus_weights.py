import pytest
from django.urls import reverse

from tests.permissions import assert_owners_post_only

pytestmark = pytest.mark.django_db

EVERY_WEIGHT = {
    "focus-statistics-DATA": "3",
    "focus-it-DATA": "1",
    "focus-statistics-SECURITY": "0",
    "focus-it-SECURITY": "3",
}


def url(world):
    return reverse("focus_weights", args=[world.assessment.pk])


def weights(world):
    rows = world.assessment.focus_weights.values_list("side", "focus_code", "weight")
    return {(side, code): weight for side, code, weight in rows}


def test_owner_sets_weights_for_each_side(client, world):
    client.force_login(world.owner)
    client.post(url(world), EVERY_WEIGHT)
    assert weights(world) == {
        ("statistics", "DATA"): 3,
        ("it", "DATA"): 1,
        ("statistics", "SECURITY"): 0,
        ("it", "SECURITY"): 3,
    }


def test_invalid_weight_changes_nothing(client, world):
    client.force_login(world.owner)
    response = client.post(url(world), {**EVERY_WEIGHT, "focus-it-DATA": "9"}, follow=True)
    assert "Choose how much each side cares about each focus area." in response.content.decode()
    assert set(weights(world).values()) == {2}


def test_the_page_shows_both_sides(client, world):
    client.force_login(world.owner)
    page = client.get(reverse("assessment_detail", args=[world.assessment.pk])).content.decode()
    assert "Statistics (business)" in page
    assert 'name="focus-it-SECURITY"' in page
    assert '<label for="id_focus-it-SECURITY" class="visually-hidden">Security, IT</label>' in page


def test_permissions(client, world):
    assert_owners_post_only(client, world, url(world))
