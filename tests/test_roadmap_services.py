"""reports.services: saving roadmaps, under locks and with versions."""

import threading
from datetime import date, timedelta

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection
from django.utils.formats import date_format

from assessment import services
from reports import services as roadmap_services
from reports.models import Roadmap, RoadmapEntry
from reports.roadmap import quarter_first_day, quarter_number
from reports.roadmap_view import default_start, roadmap_view
from tests.factories import answer


@pytest.fixture
def submitted(world):
    # As tests/test_roadmap_page.py: CICD (phase 2) needs SOURCE-REPO (phase 1).
    answer(world.owner_response, "DEV-01", current=1, target=3)
    answer(world.owner_response, "DEV-02", current=2, target=2)
    services.response_submit(response=world.owner_response)
    return world


def quarter(number):
    """The first day of the default roadmap's quarter ``number`` (1: its first)."""
    return quarter_first_day(quarter_number(default_start()) + number - 1)


def update(assessment, code, version=0, **values):
    fields = {
        "start_date": None,
        "end_date": None,
        "owner_role": "",
        "status": RoadmapEntry.Status.PLANNED,
        "notes": "",
    }
    fields.update(values)
    return roadmap_services.roadmap_entry_update(
        assessment=assessment, code=code, based_on_version=version, **fields
    )


def entry(code):
    return RoadmapEntry.objects.get(capability_code=code)


def run_together(*calls):
    """Run the calls in threads released at the same moment; returns what each
    returned or raised. Each thread closes its own database connection."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - reported to the test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


@pytest.mark.django_db
def test_first_edit_saves_the_computed_roadmap_with_the_change(submitted):
    saved = update(submitted.assessment, "CICD", start_date=quarter(3), notes="Pilot")
    # A start alone: the end follows from the effort (M, two quarters).
    assert (saved.start_date, saved.end_date) == (quarter(3), quarter(5) - timedelta(days=1))
    assert (saved.notes, saved.version) == ("Pilot", 1)
    assert entry("SOURCE-REPO").version == 0
    assert Roadmap.objects.get().edited_at is not None


@pytest.mark.django_db
def test_a_stale_version_is_a_conflict_and_saves_nothing(submitted):
    update(submitted.assessment, "CICD", start_date=quarter(3), notes="First")
    with pytest.raises(roadmap_services.RoadmapEntryConflict) as conflict:
        update(submitted.assessment, "CICD", version=0, start_date=quarter(4), notes="Second")
    assert conflict.value.entry.notes == "First"
    stored = entry("CICD")
    assert (stored.start_date, stored.notes, stored.version) == (quarter(3), "First", 1)
    # Based on the stored version, the same change is a deliberate overwrite.
    update(submitted.assessment, "CICD", version=1, start_date=quarter(4), notes="Second")
    assert (entry("CICD").notes, entry("CICD").version) == ("Second", 2)


@pytest.mark.django_db
def test_an_item_no_longer_on_the_roadmap_is_a_conflict(submitted):
    with pytest.raises(roadmap_services.RoadmapEntryConflict) as conflict:
        update(submitted.assessment, "NOPE")
    assert conflict.value.entry is None
    assert not Roadmap.objects.exists()


@pytest.mark.django_db
def test_dates_before_what_an_item_needs_are_refused_and_save_nothing(submitted):
    # The repository it needs runs through the first quarter.
    with pytest.raises(ValidationError) as refused:
        update(submitted.assessment, "CICD", start_date=quarter(1) + timedelta(days=40))
    assert refused.value.message_dict["start_date"] == [
        f"CI/CD pipelines would start on {date_format(quarter(1) + timedelta(days=40), 'j M Y')}, "
        "before Source code repository, which it needs first, ends on "
        f"{date_format(quarter(2) - timedelta(days=1), 'j M Y')}."
    ]
    assert not Roadmap.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dates", "field", "message"),
    [
        ((None, date(2027, 3, 1)), "start_date", "Set a start too"),
        ((date(2027, 5, 1), date(2027, 1, 1)), "end_date", "The end cannot be before the start."),
    ],
)
def test_dates_that_make_no_sense_are_refused(submitted, dates, field, message):
    start_date, end_date = dates
    with pytest.raises(ValidationError) as refused:
        update(submitted.assessment, "CICD", start_date=start_date, end_date=end_date)
    assert message in refused.value.message_dict[field][0]
    assert not Roadmap.objects.exists()


@pytest.mark.django_db
def test_clearing_dates_that_dated_work_depends_on_is_refused(submitted):
    # The repository was built in the quarter before the roadmap starts, and
    # CI/CD is dated from the roadmap's first quarter on.
    update(submitted.assessment, "SOURCE-REPO", start_date=quarter(0))
    update(submitted.assessment, "CICD", start_date=quarter(1))
    # Without its dates the repository would be planned in the first quarter too.
    with pytest.raises(ValidationError) as refused:
        update(submitted.assessment, "SOURCE-REPO", version=1)
    assert "CI/CD pipelines would start" in refused.value.message_dict[NON_FIELD_ERRORS][0]
    assert entry("SOURCE-REPO").start_date == quarter(0)


@pytest.mark.django_db
def test_settings_start_a_roadmap_not_saved_yet_that_still_follows_the_answers(submitted):
    roadmap = roadmap_services.roadmap_settings_update(
        assessment=submitted.assessment, start_date=date(2028, 4, 1), capacity=2
    )
    assert (roadmap.start_date, roadmap.capacity, roadmap.edited_at) == (
        date(2028, 4, 1),
        2,
        None,
    )
    view = roadmap_view(submitted.assessment)
    assert view.saved is False and view.settings_saved is True
    assert view.item("SOURCE-REPO").start_date == date(2028, 4, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("capacity", [0, -1, 100])
def test_a_capacity_out_of_range_is_refused(submitted, capacity):
    with pytest.raises(ValidationError) as refused:
        roadmap_services.roadmap_settings_update(
            assessment=submitted.assessment, start_date=date(2028, 4, 1), capacity=capacity
        )
    assert "capacity" in refused.value.message_dict
    assert not Roadmap.objects.exists()


@pytest.mark.django_db
def test_settings_that_would_break_the_owners_dates_are_refused(submitted):
    update(submitted.assessment, "CICD", start_date=quarter(2))
    # Starting a quarter later puts the repository it needs beside it.
    with pytest.raises(ValidationError) as refused:
        roadmap_services.roadmap_settings_update(
            assessment=submitted.assessment, start_date=quarter(2), capacity=6
        )
    assert "before Source code repository" in refused.value.message_dict[NON_FIELD_ERRORS][0]
    assert Roadmap.objects.get().start_date == default_start()


@pytest.mark.django_db
def test_edits_are_never_replaced_by_a_later_first_edit(submitted):
    update(submitted.assessment, "CICD", start_date=quarter(3), notes="Kept")
    # The answers change, so the computed roadmap would differ now.
    services.response_reopen(response=submitted.owner_response)
    answer(submitted.owner_response, "DEV-01", current=1, target=1)
    update(submitted.assessment, "SOURCE-REPO", notes="Also kept")
    assert (entry("CICD").start_date, entry("CICD").notes) == (quarter(3), "Kept")
    assert entry("SOURCE-REPO").notes == "Also kept"


@pytest.mark.django_db
def test_regenerating_over_edits_needs_confirmation(submitted):
    update(submitted.assessment, "CICD", start_date=quarter(3), notes="Mine")
    with pytest.raises(roadmap_services.RoadmapEdited):
        roadmap_services.roadmap_generate(assessment=submitted.assessment)
    assert entry("CICD").notes == "Mine"
    roadmap_services.roadmap_generate(assessment=submitted.assessment, replace_edits=True)
    stored = entry("CICD")
    assert (stored.start_date, stored.notes, stored.version) == (None, "", 0)
    assert Roadmap.objects.get().edited_at is None


@pytest.mark.django_db
def test_first_edit_after_regenerating_saves_what_the_answers_call_for_now(submitted):
    roadmap_services.roadmap_generate(assessment=submitted.assessment)
    # Not edited since, so the page follows the answers: DEV-02 now has a gap too.
    services.response_reopen(response=submitted.owner_response)
    answer(submitted.owner_response, "DEV-02", current=1, target=3)
    services.response_submit(response=submitted.owner_response)
    update(submitted.assessment, "CICD", notes="Soon")
    assert entry("SOURCE-REPO").reasons == ["DEV-02"]


@pytest.mark.django_db(transaction=True)
def test_two_first_edits_of_different_items_both_survive(submitted):
    assessment = submitted.assessment
    outcomes = run_together(
        lambda: update(assessment, "SOURCE-REPO", notes="Repository first"),
        lambda: update(assessment, "CICD", start_date=quarter(3), notes="Pipelines later"),
    )
    assert all(isinstance(outcome, RoadmapEntry) for outcome in outcomes), outcomes
    assert entry("SOURCE-REPO").notes == "Repository first"
    assert (entry("CICD").start_date, entry("CICD").notes) == (quarter(3), "Pipelines later")
    assert Roadmap.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_first_edits_of_one_item_the_second_is_a_conflict(submitted):
    assessment = submitted.assessment
    outcomes = run_together(
        lambda: update(assessment, "CICD", start_date=quarter(3), notes="One"),
        lambda: update(assessment, "CICD", start_date=quarter(4), notes="Other"),
    )
    saved = [o for o in outcomes if isinstance(o, RoadmapEntry)]
    conflicts = [o for o in outcomes if isinstance(o, roadmap_services.RoadmapEntryConflict)]
    assert (len(saved), len(conflicts)) == (1, 1), outcomes
    assert (entry("CICD").notes, entry("CICD").version) == (saved[0].notes, 1)


@pytest.mark.django_db(transaction=True)
def test_concurrent_date_moves_cannot_break_the_dependency_order(submitted):
    assessment = submitted.assessment
    update(assessment, "CICD", start_date=quarter(3))  # room for SOURCE-REPO in quarter 2
    source_version, cicd_version = entry("SOURCE-REPO").version, entry("CICD").version
    # Each move alone is allowed; both together would put CI/CD in the quarter
    # of the repository it needs.
    outcomes = run_together(
        lambda: update(
            assessment,
            "SOURCE-REPO",
            version=source_version,
            start_date=quarter(2),
            end_date=quarter(3) - timedelta(days=1),
        ),
        lambda: update(assessment, "CICD", version=cicd_version, start_date=quarter(2)),
    )
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1 and "start_date" in refused[0].message_dict, outcomes
    view = roadmap_view(assessment)
    assert view.item("SOURCE-REPO").end_date < view.item("CICD").start_date


@pytest.mark.django_db(transaction=True)
def test_regenerating_while_a_first_edit_is_saved_keeps_the_edit(submitted):
    assessment = submitted.assessment
    outcomes = run_together(
        lambda: update(assessment, "CICD", start_date=quarter(3), notes="Mine"),
        lambda: roadmap_services.roadmap_generate(assessment=assessment),
    )
    # Whichever ran second: the edit after the regeneration is saved on top of
    # it, or the regeneration after the edit is refused (not confirmed).
    assert isinstance(outcomes[0], RoadmapEntry), outcomes
    assert isinstance(outcomes[1], Roadmap | roadmap_services.RoadmapEdited), outcomes
    assert entry("CICD").notes == "Mine"
