"""benchmark.services: opting in, withdrawing, and numbers that follow a
reopened assessment."""

import pytest

from assessment import services as assessment_services
from benchmark import services
from benchmark.models import Contribution
from benchmark.selectors import benchmark_build, population
from tests.benchmark_factories import make_contributor, make_contributors
from tests.factories import answer

pytestmark = pytest.mark.django_db


def contributing_organisations(assessment) -> list[int]:
    return sorted(population(assessment, 4).frame["organisation"])


def test_contributing_stores_the_scoring_numbers(submitted_and_closed):
    world = submitted_and_closed
    contribution = services.contribution_create(assessment=world.assessment, user=world.owner)
    # DEV-01 1 -> 3, DEV-02 2 -> 2: profile score 1.5, level 1 by the profile
    # rule (the tiny framework names no criteria).
    assert contribution.scores == {
        "current": {"DEV-01": 1.0, "DEV-02": 2.0},
        "target": {"DEV-01": 3.0, "DEV-02": 2.0},
    }
    assert (contribution.level, contribution.level_count, contribution.profile_score) == (1, 4, 1.5)
    assert contribution.organisation == world.organisation
    assert contribution.framework == world.framework
    assert contributing_organisations(world.assessment) == [world.organisation.pk]


def test_contributing_again_refreshes_the_one_contribution(submitted_and_closed):
    world = submitted_and_closed
    first = services.contribution_create(assessment=world.assessment, user=world.owner)
    again = services.contribution_create(assessment=world.assessment, user=world.owner)
    assert first.pk == again.pk and Contribution.objects.count() == 1


def test_an_open_assessment_cannot_be_contributed(world):
    with pytest.raises(services.NotContributable, match="Only a completed assessment"):
        services.contribution_create(assessment=world.assessment, user=world.owner)
    assert not Contribution.objects.exists()


def test_an_assessment_without_any_level_cannot_be_contributed(world):
    answer(world.owner_response, "DEV-01", not_applicable=True, comment="No ML code.")
    answer(world.owner_response, "DEV-02", not_applicable=True, comment="No ML code.")
    assessment_services.response_submit(response=world.owner_response)
    assessment_services.assessment_close(assessment=world.assessment)
    world.assessment.refresh_from_db()
    with pytest.raises(services.NotContributable, match="no question with a level"):
        services.contribution_create(assessment=world.assessment, user=world.owner)
    assert not Contribution.objects.exists()


def test_withdrawing_deletes_the_numbers(submitted_and_closed):
    world = submitted_and_closed
    services.contribution_create(assessment=world.assessment, user=world.owner)
    assert services.contribution_withdraw(assessment=world.assessment) is True
    assert not Contribution.objects.exists()
    assert contributing_organisations(world.assessment) == []
    assert services.contribution_withdraw(assessment=world.assessment) is False


def test_a_reopened_assessment_is_left_out_then_scored_again_when_completed(
    submitted_and_closed,
):
    world = submitted_and_closed
    services.contribution_create(assessment=world.assessment, user=world.owner)
    assessment_services.response_reopen(response=world.owner_response)
    world.assessment.refresh_from_db()
    assert world.assessment.is_open
    assert contributing_organisations(world.assessment) == []
    answer(world.owner_response, "DEV-01", current=3, target=4)
    assessment_services.response_submit(response=world.owner_response)
    assessment_services.assessment_close(assessment=world.assessment)  # the editor never answered
    world.assessment.refresh_from_db()
    # Completed again: stale until read, then scored again by the benchmark.
    assert contributing_organisations(world.assessment) == []
    assert services.contributions_stale(world.framework.slug).count() == 1
    benchmark_build(world.assessment)
    contribution = Contribution.objects.get()
    assert contribution.scores["current"] == {"DEV-01": 3.0, "DEV-02": 2.0}
    assert contribution.profile_score == 2.5
    assert contributing_organisations(world.assessment) == [world.organisation.pk]
    assert services.contributions_stale(world.framework.slug).count() == 0


def test_an_organisation_counts_once_with_its_latest_completed_assessment(submitted_and_closed):
    world = submitted_and_closed
    older = services.contribution_create(assessment=world.assessment, user=world.owner)
    newer = make_contributor(world.framework, 1)
    # The same organisation contributes a later assessment.
    Contribution.objects.filter(pk=newer.pk).update(organisation=world.organisation)
    newer.assessment.organisation = world.organisation
    newer.assessment.save(update_fields=["organisation"])
    rows = population(world.assessment, 4).frame
    assert list(rows["contribution"]) == [newer.pk]
    assert older.pk not in set(rows["contribution"])


def test_an_excluded_contribution_counts_nowhere(submitted_and_closed):
    world = submitted_and_closed
    contribution = services.contribution_create(assessment=world.assessment, user=world.owner)
    assert services.contributions_set_excluded(contributions=[contribution], excluded=True) == 1
    assert contributing_organisations(world.assessment) == []
    services.contributions_set_excluded(contributions=[contribution], excluded=False)
    assert contributing_organisations(world.assessment) == [world.organisation.pk]


def test_numbers_kept_in_the_cache_follow_new_withdrawn_and_refreshed_contributions(
    submitted_and_closed,
):
    world = submitted_and_closed
    contributions = make_contributors(world.framework, 5)  # DEV-01: 2, 3, 4, 1, 2

    def dev01_median():
        report = benchmark_build(world.assessment)
        (component,) = report.benchmark.dimensions["component"]  # C1 is DEV-01 alone
        return report.benchmark.size, component.median

    assert dev01_median() == (5, 2.0)
    make_contributor(world.framework, 6, dev01=4)  # now 1, 2, 2, 3, 4, 4
    assert dev01_median() == (6, 2.5)
    services.contribution_withdraw(assessment=contributions[3].assessment)  # the 1 goes
    assert dev01_median() == (5, 3.0)
    # Reopened, answered 1 instead of 4, completed again: the new numbers count.
    reopened = contributions[2].assessment  # DEV-01 was 4
    response = reopened.responses.get()
    assessment_services.response_reopen(response=response)
    answer(response, "DEV-01", current=1, target=2)
    assessment_services.response_submit(response=response)
    assert dev01_median() == (5, 2.0)  # 1, 2, 2, 3, 4
