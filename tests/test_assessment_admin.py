"""Staff support pages for organisations and assessments in Django admin."""

import pytest
from django.contrib import admin
from django.urls import reverse

from assessment.models import Answer, Invitation
from tests.factories import answer, make_user

pytestmark = pytest.mark.django_db

MODELS = [model for model in admin.site._registry if model._meta.app_label == "assessment"]


@pytest.fixture
def staff_client(client, world):
    answer(world.owner_response, "DEV-01", current=1, target=2)
    Invitation.objects.create(
        organisation=world.organisation,
        email="x@example.org",
        role="viewer",
        token="t",
        expires_at="2030-01-01T00:00Z",
    )
    client.force_login(make_user("root", superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_pages_load(staff_client, model):
    name = model._meta.model_name
    assert staff_client.get(reverse(f"admin:assessment_{name}_changelist")).status_code == 200
    item = model.objects.first()
    assert (
        staff_client.get(reverse(f"admin:assessment_{name}_change", args=[item.pk])).status_code
        == 200
    )


def test_answers_are_read_only(staff_client):
    item = Answer.objects.get()
    url = reverse("admin:assessment_answer_change", args=[item.pk])
    assert staff_client.post(url, {"current": 4}).status_code == 403
    assert Answer.objects.get().current == 1
