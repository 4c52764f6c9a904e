"""reports.roadmap_view: the one roadmap read model of the page, PDF, exports and API."""

from datetime import timedelta

import pytest

from assessment import services
from reports import services as roadmap_services
from reports.models import Roadmap
from reports.roadmap import quarter_first_day, quarter_label, quarter_number
from reports.roadmap_view import default_start, roadmap_view
from tests.factories import answer, roadmap_edit

pytestmark = pytest.mark.django_db


def quarter(number):
    """The first day of the default roadmap's quarter ``number`` (1: its first)."""
    return quarter_first_day(quarter_number(default_start()) + number - 1)


@pytest.fixture
def submitted(world):
    # As tests/test_roadmap_page.py: CICD (phase 2) needs SOURCE-REPO (phase 1).
    answer(world.owner_response, "DEV-01", current=1, target=3)
    answer(world.owner_response, "DEV-02", current=2, target=2)
    services.response_submit(response=world.owner_response)
    world.organisation.structure_code = "COE"
    world.organisation.save()
    return world


def test_computed_from_the_answers_with_the_names_behind_the_codes(submitted):
    view = roadmap_view(submitted.assessment)
    assert (view.saved, view.generated_at, view.edited_at, view.error) == (False, None, None, "")
    source, cicd = view.items
    assert (source.capability_code, source.position, source.phase) == ("SOURCE-REPO", 1, 1)
    # Planned from the default start: the repository (S) for a quarter, then
    # CI/CD (M) for two.
    first = default_start()
    assert (source.start_date, source.end_date) == (first, quarter(2) - timedelta(days=1))
    assert (cicd.start_date, cicd.end_date, cicd.phase) == (
        quarter(2),
        quarter(4) - timedelta(days=1),
        2,
    )
    assert not source.dates_fixed and source.wait_reason == ""
    assert cicd.deliverable_name == "Platforms"
    assert (view.start_date, view.capacity, view.settings_saved) == (first, 6, False)
    assert (view.end_date, view.quarter_count) == (cicd.end_date, 3)
    assert view.first_quarter_label == quarter_label(first)
    assert source.reason_texts == () and source.need_names == ()
    assert cicd.reason_texts == (("DEV-01", "How is code built and deployed?"),)
    assert cicd.need_names == ("Source code repository",)
    assert cicd.role_names == ("Business stakeholder", "ML engineer")
    assert (cicd.typical_owner, cicd.owner_role_name, cicd.status_label) == (
        "The centre.",
        "",
        "Planned",
    )
    assert cicd.version == 0
    assert view.item("CICD") is cicd and view.item("NOPE") is None
    assert view.first_phase == [source]
    assert not Roadmap.objects.exists()  # reading saves nothing


def test_the_saved_roadmap_as_edited(submitted):
    roadmap_edit(
        submitted.assessment,
        "CICD",
        start_date=quarter(3),
        end_date=quarter(3) + timedelta(days=44),
        owner_role="R7",
        status="in-progress",
        notes="Pilot",
    )
    view = roadmap_view(submitted.assessment)
    saved = Roadmap.objects.get()
    assert view.saved is True
    assert (view.generated_at, view.edited_at) == (saved.generated_at, saved.edited_at)
    cicd = view.item("CICD")
    assert (cicd.phase, cicd.owner_role_name, cicd.status_label, cicd.notes) == (
        3,
        "ML engineer",
        "In progress",
        "Pilot",
    )
    assert cicd.version == 1 and view.item("SOURCE-REPO").version == 0
    assert (cicd.start_date, cicd.end_date, cicd.dates_fixed) == (
        quarter(3),
        quarter(3) + timedelta(days=44),
        True,
    )
    assert cicd.reason_texts == (("DEV-01", "How is code built and deployed?"),)
    assert [(t.label, t.phase, t.group) for t in view.timeline_items()] == [
        ("Source code repository", 1, "Platforms"),
        ("CI/CD pipelines", 3, "Platforms"),
    ]


def test_a_regenerated_roadmap_not_edited_since_is_computed(submitted):
    roadmap_services.roadmap_generate(assessment=submitted.assessment)
    assert roadmap_view(submitted.assessment).saved is False


@pytest.mark.parametrize("framework", ["with a cycle"], indirect=True)
def test_a_cycle_is_part_of_the_view(submitted):
    view = roadmap_view(submitted.assessment)
    assert view.cycle == ("CICD", "SOURCE-REPO", "CICD")
    assert "CICD → SOURCE-REPO → CICD" in view.error
    assert view.items == () and view.timeline_figure("") is None


def test_nothing_submitted_is_empty(world):
    view = roadmap_view(world.assessment)
    assert view.items == () and view.error == ""
    assert view.timeline_figure("") is None and view.first_phase == []


def test_query_counts(submitted, django_assert_num_queries):
    # Saved roadmap (none); questions + their principles, components, focus
    # areas, capabilities; answers; principle, component and section names;
    # level criteria; focus weights (the levels were read when the answers
    # were saved, capabilities.frozen); capabilities + what they require
    # + their roles + their components; the inventory (components, roles,
    # solutions); the structure's typical owners; role names.
    with django_assert_num_queries(21):
        roadmap_view(submitted.assessment)
    roadmap_services.roadmap_generate(assessment=submitted.assessment)
    Roadmap.objects.update(edited_at="2026-01-01T00:00:00Z")
    # Saved roadmap; the answers, level criteria and focus weights, read for
    # the level the roadmap leads from and the texts of the gap questions;
    # the inventory (3); its entries. The published version's questions,
    # names, levels, capabilities and role names were read the first time
    # (capabilities.frozen). No structure owners: saved with the entries.
    with django_assert_num_queries(8):
        roadmap_view(submitted.assessment)
