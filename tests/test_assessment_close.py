import pytest
from django.urls import reverse

from assessment.models import Assessment
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("assessment_close", args=[world.assessment.pk])


def test_owner_closes(client, world):
    client.force_login(world.owner)
    client.post(url(world))
    assert Assessment.objects.get().status == Assessment.Status.COMPLETE


def test_permissions(client, world):
    assert_login_required(client, url(world), method="post")
    assert_status(client, world.outsider, url(world), 404, method="post")
    assert_status(client, world.editor, url(world), 403, method="post")
    assert_status(client, world.viewer, url(world), 403, method="post")
    assert_status(client, world.owner, url(world), 405)
    assert Assessment.objects.get().is_open
