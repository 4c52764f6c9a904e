import pytest
from django.urls import reverse

from assessment.models import Answer, Assessment
from tests.factories import answer
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("assessment_copy", args=[world.assessment.pk])


def test_owner_starts_a_reassessment(client, world):
    answer(world.editor_response, "DEV-01", current=2, target=3, comment="Kept")
    client.force_login(world.owner)
    response = client.post(url(world), {"title": "ML maturity 2027"})
    new = Assessment.objects.get(title="ML maturity 2027")
    assert response["Location"] == reverse("assessment_detail", args=[new.pk])
    copied = Answer.objects.get(response__assessment=new)
    assert copied.carried_over and copied.comment == "Kept"


def test_title_is_required(client, world):
    client.force_login(world.owner)
    response = client.post(url(world), {"title": ""}, follow=True)
    assert "Give the new assessment a title." in response.content.decode()
    assert Assessment.objects.count() == 1


def test_permissions(client, world):
    assert_login_required(client, url(world), method="post")
    assert_status(client, world.outsider, url(world), 404, method="post", data={"title": "x"})
    assert_status(client, world.editor, url(world), 403, method="post", data={"title": "x"})
    assert_status(client, world.viewer, url(world), 403, method="post", data={"title": "x"})
    assert_status(client, world.owner, url(world), 405)
    assert Assessment.objects.count() == 1
