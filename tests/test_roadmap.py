"""reports.roadmap: ordering, phases and reasons, without the database."""

from dataclasses import replace
from datetime import date
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.scoring import AnswerInfo, QuestionInfo, score
from reports.gaps import Gap
from reports.roadmap import (
    CapabilityInfo,
    RoadmapCycleError,
    Step,
    capabilities_in_place,
    effort_points,
    next_quarter_start,
    planned_end,
    quarter_label,
    quarter_number,
    roadmap_schedule,
    schedule_conflicts,
)
from reports.roadmap import roadmap_build as build_from

START = date(2027, 1, 1)
# Tests of order, phases and the inventory start every roadmap on the same day.
roadmap_build = partial(build_from, start=START)

CATALOGUE = [
    CapabilityInfo("REPO", "Source repository", effort="S", deliverable="PLATFORMS"),
    CapabilityInfo("ENV", "Reproducible environments", ("REPO",), effort="M"),
    CapabilityInfo("CICD", "CI/CD", ("REPO", "ENV"), roles=("R5",), effort="M"),
    CapabilityInfo("SERVE", "Model serving", ("CICD",), effort="L", deliverable="SOLUTIONS"),
    CapabilityInfo("STRATEGY", "ML strategy", effort="S", deliverable="SKILLS"),
]


def gap(question, capabilities, priority=1.0):
    return Gap(question, "S", 1.0, 2.0, 1.0, 1.0, 1.0, priority, tuple(capabilities))


def codes(items):
    return [item.code for item in items]


def test_prerequisites_are_pulled_in_before_what_needs_them():
    items = roadmap_build(CATALOGUE, [gap("Q-SERVE", ["SERVE"])], in_place=set())
    assert codes(items) == ["REPO", "ENV", "CICD", "SERVE"]
    serve = items[-1]
    assert serve.reasons == ("Q-SERVE",) and serve.needs == ("CICD",)
    assert items[0].only_a_prerequisite
    # One after the other, each as long as its effort: S 1 quarter, M 2, L 3.
    assert [(i.phase, i.start_date, i.end_date) for i in items] == [
        (1, date(2027, 1, 1), date(2027, 3, 31)),
        (2, date(2027, 4, 1), date(2027, 9, 30)),
        (4, date(2027, 10, 1), date(2028, 3, 31)),
        (6, date(2028, 4, 1), date(2028, 12, 31)),
    ]
    assert all(i.wait_reason == "" for i in items)  # each starts as soon as it may


def test_capabilities_in_place_are_left_out():
    items = roadmap_build(CATALOGUE, [gap("Q-SERVE", ["SERVE"])], in_place={"REPO", "ENV"})
    assert codes(items) == ["CICD", "SERVE"]
    assert items[0].needs == ()  # what is in place is not listed as a step


def test_higher_priority_comes_first_within_what_the_order_allows():
    gaps = [gap("Q-STRAT", ["STRATEGY"], 1.0), gap("Q-REPO", ["REPO"], 5.0)]
    assert codes(roadmap_build(CATALOGUE, gaps, set())) == ["REPO", "STRATEGY"]
    gaps = [gap("Q-STRAT", ["STRATEGY"], 5.0), gap("Q-REPO", ["REPO"], 1.0)]
    assert codes(roadmap_build(CATALOGUE, gaps, set())) == ["STRATEGY", "REPO"]


def test_prerequisites_inherit_the_priority_of_what_they_unblock():
    gaps = [gap("Q-STRAT", ["STRATEGY"], 2.0), gap("Q-SERVE", ["SERVE"], 3.0)]
    items = {i.code: i for i in roadmap_build(CATALOGUE, gaps, set())}
    assert items["REPO"].priority == 3.0
    assert codes(roadmap_build(CATALOGUE, gaps, set()))[0] == "REPO"


def test_the_capacity_limits_what_runs_at_once():
    many = [CapabilityInfo(f"X{n}", f"X{n}", effort="M") for n in range(5)]
    gaps = [gap(f"Q{n}", [f"X{n}"]) for n in range(5)]
    items = roadmap_build(many, gaps, set(), capacity=4)
    # Two M items (2 points each) fill 4 points for two quarters.
    assert [i.phase for i in items] == [1, 1, 3, 3, 5]
    assert items[4].wait_reason == (
        "Starts in 2028 Q1, not 2027 Q1: until then the office's capacity of 4 points at once "
        "goes to work ranked higher: X0, X1, X2, X3."
    )


def test_a_long_wait_names_the_first_few_and_counts_the_rest():
    steps = [Step(f"S{n}", f"Small {n}", "S") for n in range(7)]
    assert roadmap_schedule(steps, START, 6)["S6"].wait_reason == (
        "Starts in 2027 Q2, not 2027 Q1: until then the office's capacity of 6 points at once "
        "goes to work ranked higher: Small 0, Small 1, Small 2, Small 3 and 2 more."
    )


def test_owner_comes_from_the_operating_structure():
    owners = {"PLATFORMS": "The hub", "SOLUTIONS": "A spoke"}
    gaps = [gap("Q-SERVE", ["SERVE"]), gap("Q-REPO", ["REPO"], 2.0)]
    items = roadmap_build(CATALOGUE, gaps, {"ENV", "CICD"}, owners)
    assert [(i.code, i.owner) for i in items] == [("REPO", "The hub"), ("SERVE", "A spoke")]


def test_no_gaps_no_roadmap():
    assert roadmap_build(CATALOGUE, [], set()) == []


def test_a_cycle_is_refused_with_its_name():
    cyclic = [*CATALOGUE[:1], CapabilityInfo("A", "A", ("B",)), CapabilityInfo("B", "B", ("A",))]
    with pytest.raises(RoadmapCycleError, match="A → B → A"):
        roadmap_build(cyclic, [gap("Q", ["REPO"])], set())


def test_in_place_needs_answers_without_gaps_at_a_high_level():
    questions = [
        QuestionInfo("Q1", "S", capabilities=("REPO",)),
        QuestionInfo("Q2", "S", capabilities=("REPO", "ENV")),
        QuestionInfo("Q3", "S", capabilities=("CICD",)),
    ]
    answers = [
        AnswerInfo("ann", "Q1", 3, 3),
        AnswerInfo("ann", "Q2", 4, 4),
        AnswerInfo("ann", "Q3", 2, 2),  # at target, but low
    ]
    results = score(questions, answers, 4)
    assert capabilities_in_place(questions, results.questions, 4) == {"REPO", "ENV"}


@st.composite
def acyclic_catalogues(draw):
    size = draw(st.integers(min_value=1, max_value=25))
    codes_ = [f"C{n}" for n in range(size)]
    catalogue = []
    for index, code in enumerate(codes_):
        # Only earlier capabilities can be needed: acyclic by construction.
        requires = draw(st.lists(st.sampled_from(codes_[:index]), unique=True)) if index else []
        effort = draw(st.sampled_from(["S", "M", "L", "XL"]))
        catalogue.append(CapabilityInfo(code, code, tuple(requires), effort=effort))
    draw(st.permutations(catalogue))  # the order given must not matter
    gaps = [
        gap(f"Q{n}", [code], draw(st.floats(min_value=0.1, max_value=10)))
        for n, code in enumerate(draw(st.lists(st.sampled_from(codes_), unique=True)))
    ]
    in_place = set(draw(st.lists(st.sampled_from(codes_), unique=True)))
    return draw(st.permutations(catalogue)), gaps, in_place


@settings(max_examples=200, deadline=None)
@given(acyclic_catalogues())
def test_every_item_comes_after_everything_it_needs(case):
    catalogue, gaps, in_place = case
    items = roadmap_build(catalogue, gaps, in_place)
    position = {item.code: index for index, item in enumerate(items)}
    phase = {item.code: item.phase for item in items}
    requires = {c.code: c.requires for c in catalogue}
    for item in items:
        for needed in requires[item.code]:
            if needed in position:
                assert position[needed] < position[item.code]
                assert phase[needed] < phase[item.code]
            else:
                assert needed in in_place  # left out only when already in place
    assert {g.capabilities[0] for g in gaps} <= set(position)


# ---------------------------------------------------------------- time


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (date(2026, 11, 28), date(2027, 1, 1)),
        (date(2026, 12, 31), date(2027, 1, 1)),
        (date(2027, 1, 1), date(2027, 4, 1)),  # a quarter that began today is under way
        (date(2027, 3, 31), date(2027, 4, 1)),
        (date(2027, 8, 15), date(2027, 10, 1)),
    ],
)
def test_the_default_start_is_the_next_quarter(today, start):
    assert next_quarter_start(today) == start


@pytest.mark.parametrize(
    ("start", "effort", "end"),
    [
        (date(2027, 1, 1), "S", date(2027, 3, 31)),
        (date(2027, 1, 1), "M", date(2027, 6, 30)),
        (date(2027, 1, 1), "L", date(2027, 9, 30)),
        (date(2027, 1, 1), "XL", date(2027, 12, 31)),
        (date(2027, 1, 1), "?", date(2027, 6, 30)),  # unknown: as M
        (date(2027, 2, 15), "M", date(2027, 8, 14)),
        (date(2027, 10, 1), "M", date(2028, 3, 31)),  # across the year
        (date(2027, 5, 31), "S", date(2027, 8, 30)),
        (date(2026, 11, 30), "S", date(2027, 2, 27)),  # no 30 February: its last day
    ],
)
def test_an_item_with_a_start_alone_runs_as_long_as_its_effort(start, effort, end):
    assert planned_end(start, effort) == end


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2027, 1, 1), "2027 Q1"),
        (date(2027, 6, 30), "2027 Q2"),
        (date(2027, 12, 31), "2027 Q4"),
    ],
)
def test_quarter_labels(day, label):
    assert quarter_label(day) == label


def schedule(steps, capacity=6, start=START):
    slots = roadmap_schedule(steps, start, capacity)
    return {code: (slot.start, slot.end, slot.phase) for code, slot in slots.items()}


SCHEDULES = {
    "nothing": ([], 6, {}),
    "independent items share the capacity": (
        [Step("A", "A", "L"), Step("B", "B", "M"), Step("C", "C", "S")],
        6,
        {
            "A": (date(2027, 1, 1), date(2027, 9, 30), 1),
            "B": (date(2027, 1, 1), date(2027, 6, 30), 1),
            "C": (date(2027, 1, 1), date(2027, 3, 31), 1),
        },
    ),
    "a need ends before its dependent starts": (
        [Step("A", "A", "M"), Step("B", "B", "S", ("A",))],
        6,
        {
            "A": (date(2027, 1, 1), date(2027, 6, 30), 1),
            "B": (date(2027, 7, 1), date(2027, 9, 30), 3),
        },
    ),
    "a full quarter pushes the next item on": (
        [Step("A", "A", "XL"), Step("B", "B", "M")],
        6,
        {
            "A": (date(2027, 1, 1), date(2027, 12, 31), 1),
            "B": (date(2028, 1, 1), date(2028, 6, 30), 5),
        },
    ),
    "a small item fills the room beside a big one": (
        [Step("A", "A", "XL"), Step("B", "B", "S")],
        6,
        {
            "A": (date(2027, 1, 1), date(2027, 12, 31), 1),
            "B": (date(2027, 1, 1), date(2027, 3, 31), 1),
        },
    ),
    "an item bigger than the capacity runs alone": (
        [Step("S1", "S1", "S"), Step("X", "X", "XL"), Step("S2", "S2", "S")],
        3,
        {
            "S1": (date(2027, 1, 1), date(2027, 3, 31), 1),
            "X": (date(2027, 4, 1), date(2028, 3, 31), 2),
            "S2": (date(2027, 1, 1), date(2027, 3, 31), 1),  # room beside S1
        },
    ),
    "the owner's dates are kept and planned around": (
        [Step("A", "A", "L", start=date(2027, 2, 10), end=date(2027, 5, 20)), Step("B", "B", "XL")],
        6,
        {
            "A": (date(2027, 2, 10), date(2027, 5, 20), 1),
            "B": (date(2027, 7, 1), date(2028, 6, 30), 3),
        },
    ),
    "a start alone ends as its effort says": (
        [Step("A", "A", "M", start=date(2027, 4, 1))],
        6,
        {"A": (date(2027, 4, 1), date(2027, 9, 30), 2)},
    ),
    "work dated before the start is under way in the first quarter": (
        [Step("A", "A", "S", start=date(2026, 10, 1), end=date(2027, 2, 28))],
        6,
        {"A": (date(2026, 10, 1), date(2027, 2, 28), 1)},
    ),
    "a dependent of dated work starts the quarter after it ends": (
        [
            Step("A", "A", "S", start=date(2027, 1, 1), end=date(2027, 2, 15)),
            Step("B", "B", "S", ("A",)),
        ],
        6,
        {
            "A": (date(2027, 1, 1), date(2027, 2, 15), 1),
            "B": (date(2027, 4, 1), date(2027, 6, 30), 2),
        },
    ),
}


@pytest.mark.parametrize("case", SCHEDULES.values(), ids=SCHEDULES.keys())
def test_schedule(case):
    steps, capacity, expected = case
    assert schedule(steps, capacity) == expected


@pytest.mark.parametrize(
    ("steps", "capacity", "code", "reason"),
    [
        (
            [Step("A", "Alpha", "XL"), Step("B", "Beta", "M")],
            6,
            "B",
            "Starts in 2028 Q1, not 2027 Q1: until then the office's capacity of 6 points at "
            "once goes to work ranked higher: Alpha.",
        ),
        (
            [Step("A", "Alpha", "S"), Step("X", "Big", "XL")],
            3,
            "X",
            "Starts in 2027 Q2, not 2027 Q1: its 5 points are more than the office's capacity "
            "of 3, so it waits until nothing else runs: Alpha.",
        ),
        (
            [Step("A", "Alpha", "L", start=date(2027, 1, 1)), Step("B", "Beta", "XL")],
            6,
            "B",
            "Starts in 2027 Q4, not 2027 Q1: until then the office's capacity of 6 points at "
            "once goes to work ranked higher or with dates set by the owner: Alpha.",
        ),
        # Waiting for what it needs is no delay: the needs say why.
        ([Step("A", "Alpha", "M"), Step("B", "Beta", "M", ("A",))], 6, "B", ""),
        ([Step("A", "Alpha", "M")], 6, "A", ""),
    ],
)
def test_an_item_that_starts_late_says_why(steps, capacity, code, reason):
    assert roadmap_schedule(steps, START, capacity)[code].wait_reason == reason


def test_dates_that_break_the_order_are_named():
    steps = [
        Step("A", "Alpha", "M"),
        Step("B", "Beta", "S", ("A",), start=date(2027, 3, 1), end=date(2027, 3, 31)),
    ]
    slots = roadmap_schedule(steps, START, 6)
    assert schedule_conflicts(steps, slots) == [
        "Beta would start on 1 Mar 2027, before Alpha, which it needs first, ends on 30 Jun 2027."
    ]
    steps[1] = replace(steps[1], start=date(2027, 7, 1), end=date(2027, 9, 30))
    assert schedule_conflicts(steps, roadmap_schedule(steps, START, 6)) == []


@settings(max_examples=200, deadline=None)
@given(acyclic_catalogues(), st.integers(min_value=1, max_value=12))
def test_nothing_starts_before_its_needs_end_and_the_capacity_holds(case, capacity):
    catalogue, gaps, in_place = case
    items = roadmap_build(catalogue, gaps, in_place, capacity=capacity)
    by_code = {item.code: item for item in items}
    for item in items:
        for needed in item.needs:
            assert by_code[needed].end_date < item.start_date
        assert item.start_date >= START
    for quarter in {quarter_number(item.start_date) for item in items}:
        running = [
            i
            for i in items
            if quarter_number(i.start_date) <= quarter < quarter_number(i.end_date) + 1
        ]
        points = sum(effort_points(i.effort) for i in running)
        # Over the capacity only when one item alone is bigger than it.
        assert points <= capacity or len(running) == 1
