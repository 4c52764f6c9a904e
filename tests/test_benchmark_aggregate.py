"""benchmark.aggregate: the privacy rule and the figures, without the database."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark.aggregate import (
    FILTERS,
    Filters,
    OwnScores,
    benchmark_compute,
    current_matrix,
    group_candidates,
    group_rows,
    groups_admitted,
    latest_per_organisation,
)

CHOICES = {
    "kind": ["nso", "regional"],
    "size": ["small", "large"],
    "region": ["europe", "asia"],
    "structure": ["COE", "HUB"],
}


def profiles(*cells: tuple[tuple[str, str, str, str], int]) -> pd.DataFrame:
    """Organisations: each cell a profile and how many organisations have it."""
    rows = [profile for profile, count in cells for _ in range(count)]
    return pd.DataFrame(rows, columns=list(FILTERS))


def every_combination(profile: tuple[str, str, str, str]) -> list[Filters]:
    """The 16 groups that contain an organisation with ``profile``."""
    return [
        Filters(*(value if used else "" for value, used in zip(profile, mask, strict=True)))
        for mask in itertools.product([False, True], repeat=4)
    ]


SAME = ("nso", "large", "europe", "COE")


@pytest.mark.parametrize("count, shown", [(4, False), (5, True)])
def test_four_organisations_show_nothing_five_show_every_combination(count, shown):
    admitted = groups_admitted(profiles((SAME, count)), CHOICES, minimum=5)
    for group in every_combination(SAME):
        assert (admitted.get(group, 0) >= 5) is shown, group
        if shown:
            assert admitted[group] == 5


@pytest.mark.parametrize(
    "cells, refused, why",
    [
        # A narrow group inside a broad one, four apart: subtracting the
        # narrow group's figures from the broad one's would describe four.
        (
            [(("nso", "large", "europe", "COE"), 6), (("nso", "small", "europe", "COE"), 4)],
            [Filters(size="large"), Filters(size="small"), Filters(kind="nso", size="large")],
            "nested differencing",
        ),
        # A group of five beside all contributors: the other four would be
        # all minus the group.
        (
            [(("nso", "large", "europe", "COE"), 5), (("regional", "large", "europe", "COE"), 4)],
            [Filters(kind="nso"), Filters(kind="regional")],
            "complement",
        ),
        # Two groups each large, with a complement each large, whose overlap
        # is three: kind=nso + size=small - all = the three (inclusion-exclusion).
        (
            [
                (("nso", "small", "europe", "COE"), 3),
                (("nso", "large", "europe", "COE"), 10),
                (("regional", "small", "europe", "COE"), 10),
            ],
            [Filters(size="small"), Filters(kind="nso", size="small")],
            "overlapping groups",
        ),
    ],
)
def test_groups_that_would_single_out_fewer_than_the_minimum_are_refused(cells, refused, why):
    admitted = groups_admitted(profiles(*cells), CHOICES, minimum=5)
    for group in refused:
        assert group not in admitted, (why, group)
    assert Filters() in admitted  # all contributors still shown


def test_the_broad_group_comes_first_in_the_fixed_order():
    # kind=nso (13) is admitted first; size=large (10) would then leave the
    # three small NSOs as kind=nso minus size=large, so it is refused.
    cells = [
        (("nso", "small", "europe", "COE"), 3),
        (("nso", "large", "europe", "COE"), 10),
        (("regional", "small", "europe", "COE"), 10),
    ]
    admitted = groups_admitted(profiles(*cells), CHOICES, minimum=5)
    assert admitted[Filters(kind="nso")] == 13
    assert admitted[Filters(kind="regional")] == 10
    assert Filters(size="large") not in admitted


def test_fewer_contributors_than_the_minimum_show_nothing_at_all():
    assert groups_admitted(profiles((SAME, 4)), CHOICES, minimum=5) == {}


def test_the_order_of_rows_does_not_change_what_is_admitted():
    frame = profiles(
        (SAME, 6), (("nso", "small", "asia", "HUB"), 5), (("regional", "small", "asia", "HUB"), 7)
    )
    shuffled = frame.sample(frac=1, random_state=3).reset_index(drop=True)
    assert groups_admitted(frame, CHOICES, 5) == groups_admitted(shuffled, CHOICES, 5)


def test_candidates_start_with_all_then_one_filter_in_the_order_of_the_filters():
    candidates = group_candidates(CHOICES)
    assert candidates[:3] == [Filters(), Filters(kind="nso"), Filters(kind="regional")]
    assert len(candidates) == 3**4


values = st.sampled_from
profile_strategy = st.tuples(
    values(["nso", "regional"]),
    values(["small", "large"]),
    values(["europe", "asia"]),
    values(["COE", "HUB"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(profile_strategy, min_size=0, max_size=40), st.integers(min_value=2, max_value=6))
def test_no_combination_of_admitted_groups_singles_out_fewer_than_the_minimum(rows, minimum):
    """Any two admitted groups: their overlap and each one's rest hold either
    nobody or at least the minimum (so do a group and everyone)."""
    frame = pd.DataFrame(rows, columns=list(FILTERS))
    admitted = groups_admitted(frame, CHOICES, minimum)
    members = {g: set(group_rows(frame, g).index) for g in admitted}
    everyone = set(frame.index)
    for group, size in admitted.items():
        assert size >= minimum
        rest = len(everyone - members[group])
        assert rest == 0 or rest >= minimum
    for first, second in itertools.combinations(admitted, 2):
        a, b = members[first], members[second]
        for part in (a & b, a - b, b - a):
            assert len(part) == 0 or len(part) >= minimum, (first, second)


def test_an_organisation_counts_once_with_its_latest_completed_contribution():
    # In the order of completion: 1 (January), 3 (March), 2 (June).
    contributions = pd.DataFrame(
        {"contribution": [1, 3, 2], "organisation": [10, 20, 10], "level": [1, 2, 3]}
    )
    latest = latest_per_organisation(contributions)
    assert list(latest["contribution"]) == [3, 2]


def hand_example() -> pd.DataFrame:
    """Four organisations; organisation 1 is the viewer's own."""
    return pd.DataFrame(
        {
            "organisation": [1, 2, 3, 4],
            "level": [1, 2, 3, 3],
            "score": [1.5, 2.0, 3.5, 3.5],
            "scores": [
                {"current": {"Q1": 1.0, "Q2": 2.0}},
                {"current": {"Q1": 2.0}},  # Q2 not levelled (N/A, or not asked)
                {"current": {"Q1": 3.0, "Q2": 4.0}},
                {"current": {"Q1": 4.0, "Q2": 3.0}},
            ],
        }
    )


OWN = OwnScores(
    level=2,
    score=2.5,
    questions={"Q1": 2.0, "Q2": 2.0},
    dimensions={("principle", "P1"): 2.0, ("section", "S"): 2.0},
)


def compute(minimum: int):
    example = hand_example()
    return benchmark_compute(
        example,
        current_matrix(example["scores"].tolist(), ["Q1", "Q2"]),
        codes=["Q1", "Q2"],
        dimensions={"principle": [("P1", ["Q1", "Q2"])], "section": [("S", ["Q2"])]},
        own=OWN,
        own_organisation=1,
        level_count=4,
        minimum=minimum,
    )


def test_aggregation_matches_a_hand_computed_example():
    result = compute(minimum=3)
    assert result.size == 4
    assert result.level_counts == [1, 1, 2, 0]
    # Others: 2.0, 3.5, 3.5; one is below 2.5.
    assert (result.others, result.ahead) == (3, 1)
    # P1 per organisation: mean of its levelled questions: 1.5, 2.0, 3.5, 3.5.
    # Linear percentiles of [1.5, 2, 3.5, 3.5]: 10th at position 0.3, 25th at
    # 0.75, median between 2 and 3.5, 75th at 2.25, 90th at 2.7.
    (p1,) = result.dimensions["principle"]
    assert (p1.count, p1.own) == (4, 2.0)
    assert [p1.low, p1.q1, p1.median, p1.q3, p1.high] == pytest.approx(
        [1.65, 1.875, 2.75, 3.5, 3.5]
    )
    # S is Q2 alone, levelled by three: [2, 3, 4].
    (s,) = result.dimensions["section"]
    assert s.count == 3
    assert [s.low, s.q1, s.median, s.q3, s.high] == pytest.approx([2.2, 2.5, 3.0, 3.5, 3.8])
    # Medians: Q1 2.5 (own 2: behind by 0.5), Q2 3 (own 2: behind by 1).
    assert [(b.code, b.difference) for b in result.behind] == [("Q2", 1.0), ("Q1", 0.5)]


def test_a_dimension_or_question_with_fewer_scores_than_the_minimum_shows_no_number():
    result = compute(minimum=4)
    (s,) = result.dimensions["section"]
    assert not s.shown and s.count is None and s.median is None
    assert s.own == 2.0  # the office's own score is its own to see
    assert [b.code for b in result.behind] == ["Q1"]  # Q2 has three scores only
    assert result.dimensions["principle"][0].count == 4


def test_no_profile_score_means_no_ahead_count():
    example = hand_example()
    result = benchmark_compute(
        example,
        current_matrix(example["scores"].tolist(), ["Q1"]),
        codes=["Q1"],
        dimensions={},
        own=OwnScores(level=None, score=None),
        own_organisation=None,
        level_count=4,
        minimum=2,
    )
    assert result.ahead is None and result.others == 4
    assert result.behind == []
    assert np.isclose(sum(result.level_counts), 4)
