"""reports.roadmap: ordering, phases and reasons, without the database."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.scoring import AnswerInfo, QuestionInfo, score
from reports.gaps import Gap
from reports.roadmap import (
    CapabilityInfo,
    RoadmapCycleError,
    capabilities_in_place,
    roadmap_build,
)

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
    assert [i.phase for i in items] == [1, 2, 3, 4]


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


def test_phases_have_limited_room():
    many = [CapabilityInfo(f"X{n}", f"X{n}", effort="M") for n in range(5)]
    gaps = [gap(f"Q{n}", [f"X{n}"]) for n in range(5)]
    items = roadmap_build(many, gaps, set(), phase_capacity=4)
    assert [i.phase for i in items] == [1, 1, 2, 2, 3]


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
