import pytest
from django.urls import reverse

from assessment.models import Membership
from tests.factories import add_member, answer, make_assessment, make_user
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("assessment_detail", args=[world.assessment.pk])


def test_respondent_sees_progress(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2)
    client.force_login(world.editor)
    page = client.get(url(world)).content.decode()
    assert "1 of 2 questions answered" in page
    assert "Continue where you stopped" in page
    assert "Owner actions" not in page


def test_owner_sees_owner_actions(client, world):
    client.force_login(world.owner)
    page = client.get(url(world)).content.decode()
    assert "Close the assessment" in page and "Start a re-assessment" in page
    assert 'name="focus-statistics-DATA"' in page and 'name="focus-it-DATA"' in page


def test_viewer_and_staff_can_read(client, world):
    for reader in (world.viewer, world.staff):
        client.force_login(reader)
        page = client.get(url(world)).content.decode()
        assert "Respondents" in page and "Your answers" not in page


def test_permissions(client, world):
    assert_login_required(client, url(world))
    assert_status(client, world.outsider, url(world), 404)
    assert_status(client, world.owner, url(world), 405, method="post")
    assert_status(client, world.owner, reverse("assessment_detail", args=[999]), 404)


@pytest.mark.parametrize("extra_respondents", [0, 6])
def test_query_count_does_not_grow_with_the_respondents(
    client, world, extra_respondents, django_assert_num_queries
):
    people = [make_user(f"respondent{n}") for n in range(extra_respondents)]
    for person in people:
        add_member(world.organisation, person, Membership.Role.EDITOR)
    assessment = make_assessment(world.organisation, world.framework, [world.owner, *people])
    client.force_login(world.owner)
    # session, user, assessment (+organisation, framework), membership, own
    # response, question count, respondents with their answer counts, focus
    # weights, focus areas, own progress (answer counts, sections); whether a
    # PDF report is being prepared (the download form says so).
    with django_assert_num_queries(12):
        client.get(reverse("assessment_detail", args=[assessment.pk]))
