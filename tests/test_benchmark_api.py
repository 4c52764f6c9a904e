"""GET /api/assessments/<id>/benchmark/: the numbers of the benchmark page."""

import json

import pytest

from tests import benchmark_factories as peers
from tests.api import api, assert_api_status, assert_members_read_only, invalid
from tests.test_benchmark_page import every_filter_combination

pytestmark = pytest.mark.django_db


def url(world) -> str:
    return f"/api/assessments/{world.assessment.pk}/benchmark/"


def test_members_read_it_outsiders_get_404(submitted_and_closed):
    assert_members_read_only(submitted_and_closed, url(submitted_and_closed))


def test_the_figures_of_a_group_of_five(submitted_and_closed):
    world = submitted_and_closed
    peers.make_contributors(world.framework, 5)
    body = api(world.viewer).get(url(world), {"kind": "nso"}).json()
    assert body["shown"] is True and body["minimum_group"] == 5
    assert body["group"] == {
        "kind": "nso",
        "size": "",
        "region": "",
        "structure": "",
        "label": "National statistical office",
    }
    # Contributors' (DEV-01, DEV-02): (2, 4), (3, 3), (4, 2), (1, 1), (2, 4):
    # profile scores 3, 3, 3, 1, 3; this office's is 1.5.
    assert body["figures"] == {"offices": 5, "others": 5, "ahead": 1}
    assert [row["offices"] for row in body["level_counts"]] == [1, 0, 4, 0]
    assert (body["own_level"], body["own_profile_score"], body["contributes"]) == (1, 1.5, False)
    dev01 = next(d for d in body["dimensions"] if d["kind"] == "component")
    assert dev01["name"] == "CI/CD component" and dev01["offices"] == 5
    # DEV-01 is C1's only question: [1, 2, 2, 3, 4]; this office's 1.
    assert (dev01["q1"], dev01["median"], dev01["q3"], dev01["own"]) == (2.0, 2.0, 3.0, 1.0)
    # Both one level below the median (DEV-01 2 vs 1, DEV-02 3 vs 2): by code.
    assert [(b["question"], b["difference"]) for b in body["behind"]] == [
        ("DEV-01", 1.0),
        ("DEV-02", 1.0),
    ]


@pytest.mark.parametrize("count, shown", [(4, False), (5, True)])
def test_four_contributors_give_no_figure_five_do_under_every_filter(
    submitted_and_closed, count, shown
):
    world = submitted_and_closed
    peers.make_contributors(world.framework, count)
    client = api(world.owner)
    for filters in every_filter_combination():
        body = client.get(url(world), filters).json()
        assert body["shown"] is shown, filters
        if shown:
            assert body["figures"]["offices"] == 5
        else:
            assert body["figures"] is None
            assert body["level_counts"] == body["dimensions"] == body["behind"] == []
            assert body["groups_like_yours"] == []


def test_no_name_id_or_free_text_of_another_office(submitted_and_closed):
    world = submitted_and_closed
    contributions = peers.make_contributors(world.framework, 5)
    body = api(world.owner).get(url(world)).json()
    text = json.dumps(body)
    for secret in (
        peers.SECRET_COMMENT,
        peers.SECRET_EVIDENCE,
        peers.SECRET_NAME,
        peers.SECRET_TITLE,
        peers.SECRET_USER,
    ):
        assert secret not in text
    assert "organisation" not in text and "comment" not in text
    ids = {c.organisation_id for c in contributions} | {c.assessment_id for c in contributions}
    numbers = {v for v in _integers(body)}
    # Counts and levels are small numbers; no other office's id is among them.
    assert not (ids - {world.assessment.pk}) & (numbers - set(range(0, 6)))


def _integers(value):
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _integers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _integers(item)


def test_a_filter_value_that_is_not_a_choice_is_a_400(submitted_and_closed):
    response = assert_api_status(
        submitted_and_closed.owner, url(submitted_and_closed) + "?region=atlantis", 400
    )
    assert response.json() == invalid({"region": ['"atlantis" is not a valid choice.']})


def test_a_structure_that_is_not_the_frameworks_is_a_400(submitted_and_closed):
    response = assert_api_status(
        submitted_and_closed.owner, url(submitted_and_closed) + "?structure=GUILD", 400
    )
    assert response.json() == invalid(
        {"structure": ["“GUILD” is not an operating structure of the framework."]}
    )
