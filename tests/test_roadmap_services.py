"""reports.services: saving roadmaps, under locks and with versions."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from assessment import services
from reports import services as roadmap_services
from reports.models import Roadmap, RoadmapEntry
from tests.factories import answer


@pytest.fixture
def submitted(world):
    # As tests/test_roadmap_page.py: CICD (phase 2) needs SOURCE-REPO (phase 1).
    answer(world.owner_response, "DEV-01", current=1, target=3)
    answer(world.owner_response, "DEV-02", current=2, target=2)
    services.response_submit(response=world.owner_response)
    return world


def update(assessment, code, version=0, **values):
    fields = {
        "phase": 1,
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
    saved = update(submitted.assessment, "CICD", phase=3, notes="Pilot")
    assert (saved.phase, saved.notes, saved.version) == (3, "Pilot", 1)
    assert entry("SOURCE-REPO").version == 0
    assert Roadmap.objects.get().edited_at is not None


@pytest.mark.django_db
def test_a_stale_version_is_a_conflict_and_saves_nothing(submitted):
    update(submitted.assessment, "CICD", phase=3, notes="First")
    with pytest.raises(roadmap_services.RoadmapEntryConflict) as conflict:
        update(submitted.assessment, "CICD", version=0, phase=4, notes="Second")
    assert conflict.value.entry.notes == "First"
    assert (entry("CICD").phase, entry("CICD").notes, entry("CICD").version) == (3, "First", 1)
    # Based on the stored version, the same change is a deliberate overwrite.
    update(submitted.assessment, "CICD", version=1, phase=4, notes="Second")
    assert (entry("CICD").notes, entry("CICD").version) == ("Second", 2)


@pytest.mark.django_db
def test_an_item_no_longer_on_the_roadmap_is_a_conflict(submitted):
    with pytest.raises(roadmap_services.RoadmapEntryConflict) as conflict:
        update(submitted.assessment, "NOPE")
    assert conflict.value.entry is None
    assert not Roadmap.objects.exists()


@pytest.mark.django_db
def test_a_refused_phase_saves_nothing(submitted):
    with pytest.raises(ValidationError):
        update(submitted.assessment, "SOURCE-REPO", phase=2)
    assert not Roadmap.objects.exists()


@pytest.mark.django_db
def test_edits_are_never_replaced_by_a_later_first_edit(submitted):
    update(submitted.assessment, "CICD", phase=3, notes="Kept")
    # The answers change, so the computed roadmap would differ now.
    services.response_reopen(response=submitted.owner_response)
    answer(submitted.owner_response, "DEV-01", current=1, target=1)
    update(submitted.assessment, "SOURCE-REPO", notes="Also kept")
    assert (entry("CICD").phase, entry("CICD").notes) == (3, "Kept")
    assert entry("SOURCE-REPO").notes == "Also kept"


@pytest.mark.django_db
def test_regenerating_over_edits_needs_confirmation(submitted):
    update(submitted.assessment, "CICD", phase=3, notes="Mine")
    with pytest.raises(roadmap_services.RoadmapEdited):
        roadmap_services.roadmap_generate(assessment=submitted.assessment)
    assert entry("CICD").notes == "Mine"
    roadmap_services.roadmap_generate(assessment=submitted.assessment, replace_edits=True)
    assert (entry("CICD").phase, entry("CICD").notes, entry("CICD").version) == (2, "", 0)
    assert Roadmap.objects.get().edited_at is None


@pytest.mark.django_db
def test_first_edit_after_regenerating_saves_what_the_answers_call_for_now(submitted):
    roadmap_services.roadmap_generate(assessment=submitted.assessment)
    # Not edited since, so the page follows the answers: DEV-02 now has a gap too.
    services.response_reopen(response=submitted.owner_response)
    answer(submitted.owner_response, "DEV-02", current=1, target=3)
    services.response_submit(response=submitted.owner_response)
    update(submitted.assessment, "CICD", phase=3)
    assert entry("SOURCE-REPO").reasons == ["DEV-02"]


@pytest.mark.django_db(transaction=True)
def test_two_first_edits_of_different_items_both_survive(submitted):
    assessment = submitted.assessment
    outcomes = run_together(
        lambda: update(assessment, "SOURCE-REPO", notes="Repository first"),
        lambda: update(assessment, "CICD", phase=3, notes="Pipelines later"),
    )
    assert all(isinstance(outcome, RoadmapEntry) for outcome in outcomes), outcomes
    assert entry("SOURCE-REPO").notes == "Repository first"
    assert (entry("CICD").phase, entry("CICD").notes) == (3, "Pipelines later")
    assert Roadmap.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_first_edits_of_one_item_the_second_is_a_conflict(submitted):
    assessment = submitted.assessment
    outcomes = run_together(
        lambda: update(assessment, "CICD", phase=3, notes="One"),
        lambda: update(assessment, "CICD", phase=4, notes="Other"),
    )
    saved = [o for o in outcomes if isinstance(o, RoadmapEntry)]
    conflicts = [o for o in outcomes if isinstance(o, roadmap_services.RoadmapEntryConflict)]
    assert (len(saved), len(conflicts)) == (1, 1), outcomes
    assert (entry("CICD").notes, entry("CICD").version) == (saved[0].notes, 1)


@pytest.mark.django_db(transaction=True)
def test_concurrent_phase_moves_cannot_break_the_dependency_order(submitted):
    assessment = submitted.assessment
    update(assessment, "CICD", phase=3)  # room for SOURCE-REPO to move to phase 2
    source_version, cicd_version = entry("SOURCE-REPO").version, entry("CICD").version
    # Each move alone is allowed; both together would put CI/CD in the phase of
    # the repository it needs.
    outcomes = run_together(
        lambda: update(assessment, "SOURCE-REPO", version=source_version, phase=2),
        lambda: update(assessment, "CICD", version=cicd_version, phase=2),
    )
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1 and "phase" in refused[0].message_dict, outcomes
    assert entry("SOURCE-REPO").phase < entry("CICD").phase


@pytest.mark.django_db(transaction=True)
def test_regenerating_while_a_first_edit_is_saved_keeps_the_edit(submitted):
    assessment = submitted.assessment
    outcomes = run_together(
        lambda: update(assessment, "CICD", phase=3, notes="Mine"),
        lambda: roadmap_services.roadmap_generate(assessment=assessment),
    )
    # Whichever ran second: the edit after the regeneration is saved on top of
    # it, or the regeneration after the edit is refused (not confirmed).
    assert isinstance(outcomes[0], RoadmapEntry), outcomes
    assert isinstance(outcomes[1], Roadmap | roadmap_services.RoadmapEdited), outcomes
    assert entry("CICD").notes == "Mine"
