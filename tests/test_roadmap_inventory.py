"""reports.roadmap with the office's inventory, without the database."""

from datetime import date
from functools import partial

import pytest

from assessment.models import ComponentStatus, MLSolution
from reports import roadmap
from reports.gaps import Gap
from reports.roadmap import (
    CapabilityInfo,
    ComponentFact,
    InventoryFacts,
    RoleFact,
    adapted,
    already_in_place,
    capability_notes,
    skills_gaps,
    unmonitored_solutions,
)
from reports.roadmap import roadmap_build as build_from

START = date(2027, 1, 1)
# Tests of order, phases and the inventory start every roadmap on the same day.
roadmap_build = partial(build_from, start=START)

CATALOGUE = [
    CapabilityInfo("REPO", "Source repository", effort="S", components=("C2",), roles=("R5",)),
    CapabilityInfo("CICD", "CI/CD", ("REPO",), effort="M", components=("C1",), roles=("R6",)),
    CapabilityInfo(
        "SERVE", "Serving", ("CICD",), effort="L", components=("C8", "C10"), roles=("R7",)
    ),
    CapabilityInfo(
        "MONITORING", "Monitoring", ("SERVE",), effort="L", components=("C9",), roles=("R7",)
    ),
    CapabilityInfo("STRATEGY", "ML strategy", effort="M", roles=("R1",)),
]
BY_CODE = {c.code: c for c in CATALOGUE}


def gap(question, capabilities, priority=1.0):
    return Gap(question, "S", 1.0, 2.0, 1.0, 1.0, 1.0, priority, tuple(capabilities))


def facts(components=None, roles=None, unmonitored=()):
    return InventoryFacts(
        components={code: ComponentFact(*value) for code, value in (components or {}).items()},
        roles={code: RoleFact(*value) for code, value in (roles or {}).items()},
        unmonitored=tuple(unmonitored),
    )


def codes(items):
    return [item.code for item in items]


@pytest.mark.parametrize(
    ("components", "expected"),
    [
        ({}, {}),
        ({"C2": ("in-place", "GitLab")}, {"REPO": "GitLab already in place: not planned."}),
        ({"C2": ("in-place", "")}, {"REPO": "Its components are already in place: not planned."}),
        ({"C2": ("partly", "GitLab")}, {}),
        ({"C2": ("none", "")}, {}),
        ({"C8": ("in-place", "Seldon")}, {}),  # one of two components
        (
            {"C8": ("in-place", "KServe"), "C10": ("in-place", "KServe")},
            {"SERVE": "KServe already in place: not planned."},  # each tool named once
        ),
    ],
)
def test_already_in_place(components, expected):
    assert already_in_place(CATALOGUE, facts(components)) == expected


def test_a_capability_without_components_is_never_in_place_by_inventory():
    assert already_in_place([BY_CODE["STRATEGY"]], facts({"C1": ("in-place", "")})) == {}


@pytest.mark.parametrize(
    ("code", "components", "effort", "note"),
    [
        ("CICD", {}, "M", None),
        ("CICD", {"C1": ("none", "")}, "M", None),
        (
            "CICD",
            {"C1": ("partly", "Jenkins")},
            "S",
            "Jenkins partly in place: adapt what exists, effort S.",
        ),
        ("CICD", {"C1": ("partly", "")}, "S", "Partly in place: adapt what exists, effort S."),
        ("REPO", {"C2": ("partly", "")}, "S", "Partly in place: adapt what exists, effort S."),
        (
            "SERVE",
            {"C8": ("in-place", "Seldon")},
            "M",
            "Seldon already in place: adapt what exists, effort M.",
        ),
    ],
)
def test_partly_in_place_is_adapted_one_size_smaller(code, components, effort, note):
    capability, known = BY_CODE[code], facts(components)
    assert adapted(capability, known).effort == effort
    assert capability_notes(capability, known) == ((note,) if note else ())


def test_a_capability_fully_in_place_is_not_planned_even_with_a_gap():
    gaps = [gap("Q-CICD", ["CICD"]), gap("Q-REPO", ["REPO"])]
    assert codes(roadmap_build(CATALOGUE, gaps, set())) == ["REPO", "CICD"]
    items = roadmap_build(CATALOGUE, gaps, set(), facts=facts({"C2": ("in-place", "GitLab")}))
    assert codes(items) == ["CICD"]
    assert items[0].needs == ()


def test_the_roadmap_changes_when_a_component_is_marked_partly_in_place():
    gaps = [gap("Q-SERVE", ["SERVE"])]
    before = {i.code: i for i in roadmap_build(CATALOGUE, gaps, set())}
    after = {
        i.code: i
        for i in roadmap_build(CATALOGUE, gaps, set(), facts=facts({"C1": ("partly", "GitLab CI")}))
    }
    assert (before["CICD"].effort, after["CICD"].effort) == ("M", "S")
    assert after["CICD"].notes == ("GitLab CI partly in place: adapt what exists, effort S.",)
    assert before["CICD"].notes == ()


@pytest.mark.parametrize(
    ("solutions", "components", "expected"),
    [
        ([], {}, ()),
        ([("Coder", "production", ("C9",))], {"C9": ("in-place", "Grafana")}, ()),
        ([("Coder", "production", ("C9",))], {"C9": ("partly", "Grafana")}, ("Coder",)),
        ([("Coder", "production", ())], {"C9": ("in-place", "Grafana")}, ("Coder",)),
        ([("Coder", "pilot", ())], {}, ()),
        (
            [("A", "production", ()), ("B", "retired", ()), ("C", "production", ("C1",))],
            {},
            ("A", "C"),
        ),
    ],
)
def test_unmonitored_solutions(solutions, components, expected):
    known = {code: ComponentFact(*value) for code, value in components.items()}
    assert unmonitored_solutions(solutions, ["C9"], known) == expected


def test_unmonitored_production_adds_monitoring_and_raises_its_priority():
    gaps = [gap("Q-STRAT", ["STRATEGY"], 4.0), gap("Q-REPO", ["REPO"], 1.0)]
    assert "MONITORING" not in codes(roadmap_build(CATALOGUE, gaps, set()))
    items = roadmap_build(CATALOGUE, gaps, set(), facts=facts(unmonitored=["Coder", "Imputer"]))
    by_code = {i.code: i for i in items}
    monitoring = by_code["MONITORING"]
    assert monitoring.priority == 4.0 + 2  # the most urgent, plus one per solution
    assert not monitoring.only_a_prerequisite
    assert monitoring.notes == (
        "2 solutions in production without monitoring in place: Coder, Imputer.",
    )
    # What monitoring needs first inherits its urgency and comes before strategy.
    assert by_code["REPO"].priority == 1.0 + 6.0  # its own gap plus what it unblocks
    assert codes(items)[0] == "REPO"


def test_monitoring_already_in_place_is_not_raised():
    items = roadmap_build(
        CATALOGUE,
        [gap("Q-STRAT", ["STRATEGY"])],
        set(),
        facts=facts({"C9": ("in-place", "Grafana")}, unmonitored=["Coder"]),
    )
    assert codes(items) == ["STRATEGY"]


@pytest.mark.parametrize(
    ("role", "lacking"),
    [
        ((None, None, False), False),
        ((0, None, False), True),
        ((0, 0, False), True),
        ((2, None, True), False),
        ((1, 3, True), True),
        ((3, 3, True), False),
        ((None, 2, False), False),
    ],
)
def test_role_lacking(role, lacking):
    assert RoleFact(*role).lacking is lacking


def test_roles_the_office_lacks_are_marked_and_named_as_skills_gaps():
    known = facts(roles={"R5": (3, 3, False), "R6": (0, 2, True), "R7": (1, 4, True)})
    gaps = [gap("Q-SERVE", ["SERVE"]), gap("Q-STRAT", ["STRATEGY"])]
    items = roadmap_build(CATALOGUE, gaps, set(), facts=known, capacity=2)
    by_code = {i.code: i for i in items}
    assert by_code["CICD"].lacking_roles == ("R6",)
    assert by_code["REPO"].lacking_roles == ()
    phases = {i.code: i.phase for i in items}
    assert phases["SERVE"] > 2  # so R7 does not block the first two phases
    steps = [(i.code, i.phase, i.roles) for i in items]
    assert skills_gaps(steps, known) == [("R6", ("CICD",))]
    assert skills_gaps(steps, known, first_phases=10) == [("R6", ("CICD",)), ("R7", ("SERVE",))]
    assert skills_gaps(steps, facts()) == []
    assert skills_gaps([], known) == []


def test_no_inventory_no_change():
    gaps = [gap("Q-SERVE", ["SERVE"])]
    assert roadmap_build(CATALOGUE, gaps, set()) == roadmap_build(
        CATALOGUE, gaps, set(), facts=InventoryFacts()
    )


def test_notes_name_what_is_in_place_and_what_only_partly():
    capability = CapabilityInfo("OPS", "Operating model", effort="M", components=("C10", "C12"))
    known = facts({"C12": ("in-place", "GitLab, Confluence"), "C10": ("partly", "GitLab, batch")})
    assert capability_notes(capability, known) == (
        "GitLab, Confluence already in place; GitLab, batch partly in place: "
        "adapt what exists, effort S.",
    )
    both = CapabilityInfo("COLLAB", "Collaboration", components=("C2", "C12"))
    known = facts({"C2": ("in-place", "GitLab"), "C12": ("in-place", "GitLab, Confluence")})
    assert already_in_place([both], known) == {
        "COLLAB": "GitLab, Confluence already in place: not planned."
    }


def test_the_core_reads_the_models_values():
    assert roadmap.IN_PLACE == ComponentStatus.Status.IN_PLACE
    assert roadmap.PARTLY == ComponentStatus.Status.PARTLY
    assert roadmap.PRODUCTION == MLSolution.Stage.PRODUCTION
