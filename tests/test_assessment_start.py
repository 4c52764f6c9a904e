import pytest
from django.urls import reverse

from assessment.models import Assessment
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("assessment_start", args=[world.organisation.pk])


def test_owner_starts_an_assessment(client, world):
    client.force_login(world.owner)
    page = client.get(url(world)).content.decode()
    assert "ML maturity" in page and 'name="respondents"' in page
    response = client.post(
        url(world),
        {
            "title": "Baseline 2026",
            "framework": world.framework.pk,
            "respondents": [world.owner.pk, world.editor.pk],
        },
    )
    new = Assessment.objects.get(title="Baseline 2026")
    assert response["Location"] == reverse("assessment_detail", args=[new.pk])
    assert {r.respondent for r in new.responses.all()} == {world.owner, world.editor}


def test_viewers_cannot_be_chosen(client, world):
    client.force_login(world.owner)
    response = client.post(
        url(world),
        {"title": "X", "framework": world.framework.pk, "respondents": [world.viewer.pk]},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Assessment.objects.filter(title="X").exists()


def test_invalid_input(client, world, draft):
    client.force_login(world.owner)
    response = client.post(url(world), {"title": "", "framework": draft.pk})
    page = response.content.decode()
    assert "This field is required." in page and "Select a valid choice" in page
    assert Assessment.objects.count() == 1


def test_permissions(client, world):
    assert_login_required(client, url(world))
    assert_status(client, world.outsider, url(world), 404)
    assert_status(client, world.editor, url(world), 403)
    assert_status(client, world.viewer, url(world), 403, method="post")
    assert_status(client, world.owner, url(world), 405, method="delete")
