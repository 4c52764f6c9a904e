"""/assessments/<id>/benchmark/ and its contribute and withdraw actions."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmark.models import Contribution
from tests import benchmark_factories as peers
from tests.permissions import assert_login_required, assert_status, page_for

pytestmark = pytest.mark.django_db

FILTER_VALUES = {
    "kind": peers.PROFILE["kind"],
    "size": peers.PROFILE["size"],
    "region": peers.PROFILE["region"],
    "structure": peers.PROFILE["structure_code"],
}


def url(world, **filters) -> str:
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    return f"/assessments/{world.assessment.pk}/benchmark/" + (f"?{query}" if query else "")


def every_filter_combination() -> list[dict]:
    """The 16 groups the contributors' profile belongs to."""
    return [
        {name: FILTER_VALUES[name] for name in names}
        for count in range(5)
        for names in itertools.combinations(FILTER_VALUES, count)
    ]


def test_the_page_shows_the_contribution_and_what_is_shared(submitted_and_closed, client):
    page = page_for(client, submitted_and_closed.owner, url(submitted_and_closed))
    assert "This assessment does not contribute to the benchmark." in page
    assert "Contribute this assessment" in page
    assert "Never shared: the organisation's name or country" in page


def test_signed_out_people_sign_in(world, client):
    assert_login_required(client, url(world))
    assert_login_required(client, url(world) + "contribute/", "post")
    assert_login_required(client, url(world) + "withdraw/", "post")


def test_outsiders_get_404(submitted_and_closed, client):
    world = submitted_and_closed
    assert_status(client, world.outsider, url(world), 404)
    assert_status(client, world.outsider, url(world) + "contribute/", 404, "post")
    assert_status(client, world.outsider, url(world) + "withdraw/", 404, "post")


def test_members_read_but_only_owners_opt_in_or_out(submitted_and_closed, client):
    world = submitted_and_closed
    page = page_for(client, world.viewer, url(world))
    assert "Contribute this assessment" not in page  # no button for a reader
    for user in (world.viewer, world.editor):
        assert_status(client, user, url(world) + "contribute/", 403, "post")
        assert_status(client, user, url(world) + "withdraw/", 403, "post")
    assert not Contribution.objects.exists()


def test_wrong_methods_get_405(submitted_and_closed, client):
    world = submitted_and_closed
    assert_status(client, world.owner, url(world), 405, "post")
    assert_status(client, world.owner, url(world) + "contribute/", 405)
    assert_status(client, world.owner, url(world) + "withdraw/", 405)


def test_the_owner_contributes_and_withdraws(submitted_and_closed, client):
    world = submitted_and_closed
    client.force_login(world.owner)
    response = client.post(url(world) + "contribute/", follow=True)
    assert Contribution.objects.get().assessment == world.assessment
    assert "now contributes to the benchmark" in response.content.decode()
    response = client.post(url(world) + "withdraw/", follow=True)
    assert not Contribution.objects.exists()
    assert "Withdrawn" in response.content.decode()


def test_an_open_assessment_is_refused_with_a_message(world, client):
    client.force_login(world.owner)
    response = client.post(url(world) + "contribute/", follow=True)
    assert "Only a completed assessment can be contributed" in response.content.decode()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("count, shown", [(4, False), (5, True)])
def test_four_contributors_show_nothing_five_show_figures_under_every_filter(
    submitted_and_closed, client, count, shown
):
    world = submitted_and_closed  # this office does not contribute
    peers.make_contributors(world.framework, count)
    client.force_login(world.owner)
    for filters in every_filter_combination():
        page = client.get(url(world, **filters)).content.decode()
        assert ("Nothing can be shown for" in page) is not shown, filters
        assert ("5 contributing offices in this group." in page) is shown, filters
        assert ("Offices at each maturity level" in page) is shown, filters
        if not shown:
            # Not even a count: no number of offices anywhere on the page.
            assert "4 offices" not in page and "4 contributing" not in page
            assert "Groups like yours" not in page


def test_no_name_id_or_free_text_of_another_office_appears(submitted_and_closed, client):
    world = submitted_and_closed
    contributions = peers.make_contributors(world.framework, 5)
    page = page_for(client, world.owner, url(world))
    assert "5 contributing offices in this group." in page
    for secret in (
        peers.SECRET_COMMENT,
        peers.SECRET_EVIDENCE,
        peers.SECRET_NAME,
        peers.SECRET_TITLE,
        peers.SECRET_USER,
    ):
        assert secret not in page
    for contribution in contributions:
        assert f"/assessments/{contribution.assessment_id}/" not in page
        assert f"/organisations/{contribution.organisation_id}/" not in page


def test_a_value_that_is_not_a_choice_is_shown_as_an_error(submitted_and_closed, client):
    world = submitted_and_closed
    page = page_for(client, world.owner, url(world, kind="spaceship"))
    assert "Select a valid choice. spaceship is not one of the available choices." in page


def test_query_count(submitted_and_closed, client):
    world = submitted_and_closed
    peers.make_contributors(world.framework, 5)
    client.force_login(world.owner)
    client.get(url(world))  # the session, the framework's structures: warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(world))
    assert response.status_code == 200
    # session, user, assessment, membership (access); newest framework, its
    # structures and deliverables (the filters' choices); stale
    # contributions; answers, criteria, focus weights (assessment_data: the
    # published version's questions, names and levels were read by the
    # first request, capabilities.frozen); the contributions; this
    # assessment's contribution; whether a PDF report is being prepared.
    assert len(queries) == 14, "\n".join(q["sql"][:110] for q in queries)
