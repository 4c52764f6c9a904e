"""Inventory writes: rules, the lock of a complete assessment, carry-over."""

import pytest
from django.core.exceptions import ValidationError

from assessment import services
from assessment.models import ComponentStatus, MLSolution, RoleStatus
from assessment.selectors import inventory_vocabulary
from assessment.services import ComponentValues, RoleValues
from capabilities.document import document_parse
from capabilities.services import framework_load
from tests.factories import make_solution, small_document

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Edit detector",
    "phase_code": "5",
    "subprocess_code": "5.4",
    "stage": "experiment",
    "method": "edit-detection",
    "component_codes": "C1",
}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "  "}, "name", "Give the solution a name."),
        ({"name": "x" * 201}, "name", "At most 200 characters."),
        ({"phase_code": "6"}, "phase_code", "Choose one of the phases 5."),
        ({"subprocess_code": "5.9"}, "subprocess_code", "5.9 is not a sub-process"),
        ({"stage": "live"}, "stage", "Choose one of: idea, experiment"),
        ({"method": "magic"}, "method", "Choose one of: classification"),
        ({"component_codes": "C1, C7"}, "component_codes", "Unknown component C7."),
    ],
)
def test_check_names_the_field(world, change, field, message):
    vocabulary = inventory_vocabulary(world.framework)
    _cleaned, errors = services.ml_solution_check({**GOOD, **change}, vocabulary)
    assert list(errors) == [field]
    assert message in errors[field]


def test_check_cleans_components_given_as_text(world):
    vocabulary = inventory_vocabulary(world.framework)
    cleaned, errors = services.ml_solution_check(
        {**GOOD, "component_codes": " C1 ; C1,"}, vocabulary
    )
    assert errors == {} and cleaned["component_codes"] == ["C1"]


def test_save_refuses_bad_values(world):
    with pytest.raises(ValidationError) as error:
        services.ml_solution_save(assessment=world.assessment, values={**GOOD, "stage": ""})
    assert "stage" in error.value.message_dict
    assert not MLSolution.objects.exists()


def test_component_and_role_rules(world):
    with pytest.raises(ValidationError):
        services.component_statuses_save(
            assessment=world.assessment, statuses={"C9": ComponentValues(status="in-place")}
        )
    with pytest.raises(ValidationError):
        services.role_statuses_save(
            assessment=world.assessment, statuses={"R7": RoleValues(held=-2)}
        )
    assert not ComponentStatus.objects.exists() and not RoleStatus.objects.exists()


def test_complete_assessment_refuses_every_write(world):
    solution = make_solution(world.assessment)
    services.assessment_close(assessment=world.assessment)
    for write in (
        lambda: services.ml_solution_save(assessment=world.assessment, values=GOOD),
        lambda: services.ml_solution_delete(solution=solution),
        lambda: services.ml_solutions_import(assessment=world.assessment, rows=[]),
        lambda: services.component_statuses_save(
            assessment=world.assessment, statuses={"C1": ComponentValues("in-place")}
        ),
        lambda: services.role_statuses_save(
            assessment=world.assessment, statuses={"R7": RoleValues(held=1)}
        ),
    ):
        with pytest.raises(services.ResponseLocked):
            write()
    assert MLSolution.objects.count() == 1


def test_import_replaces_all_or_nothing(world):
    make_solution(world.assessment, name="Old one")
    rows = [{**GOOD, "line": 2}, {**GOOD, "name": "", "stage": "x", "line": 3}]
    with pytest.raises(services.InventoryNotSaved) as error:
        services.ml_solutions_import(assessment=world.assessment, rows=rows)
    assert sorted(error.value.errors) == [
        (3, "name", "Give the solution a name."),
        (3, "stage", "Choose one of: idea, experiment, pilot, production, retired."),
    ]
    assert list(MLSolution.objects.values_list("name", flat=True)) == ["Old one"]
    count = services.ml_solutions_import(assessment=world.assessment, rows=rows[:1])
    assert count == 1
    assert list(MLSolution.objects.values_list("name", flat=True)) == ["Edit detector"]


def test_reassessment_carries_the_inventory_over(world):
    make_solution(world.assessment)
    services.component_statuses_save(
        assessment=world.assessment,
        statuses={"C1": ComponentValues("partly", tools="Jenkins", shared_with_it=True)},
    )
    services.role_statuses_save(
        assessment=world.assessment,
        statuses={"R7": RoleValues(held=1, needed=3, hard_to_fill=True)},
    )
    new = services.assessment_copy(
        assessment=world.assessment, title="Again", created_by=world.owner
    )
    solution = new.ml_solutions.get()
    assert (solution.name, solution.subprocess_code, solution.component_codes) == (
        "Occupation coder",
        "5.2",
        ["C1"],
    )
    component = new.component_statuses.get()
    assert (component.status, component.tools, component.shared_with_it) == (
        "partly",
        "Jenkins",
        True,
    )
    role = new.role_statuses.get()
    assert (role.held, role.needed, role.hard_to_fill) == (1, 3, True)
    assert solution.carried_over and component.carried_over and role.carried_over
    # The earlier assessment keeps its own, unchanged.
    assert world.assessment.ml_solutions.get().carried_over is False


def test_carry_over_keeps_only_codes_the_new_framework_has(world):
    make_solution(world.assessment, name="Kept, without 5.2 and C1")
    services.component_statuses_save(
        assessment=world.assessment, statuses={"C1": ComponentValues("in-place")}
    )
    document = small_document(version=2)
    document["phases"][0]["subprocesses"] = [{"code": "5.4", "name": "Edit and impute"}]
    document["components"].append({"code": "C2", "name": "Source code repository"})
    document["capabilities"][0]["components"] = ["C2"]
    document["capabilities"][1]["components"] = ["C2"]
    document["sections"][0]["questions"][0]["components"] = ["C2"]
    document["components"] = document["components"][1:]
    framework_load(document=document_parse(document))
    new = services.assessment_copy(
        assessment=world.assessment, title="On version 2", created_by=world.owner
    )
    assert new.framework.version == 2
    kept = new.ml_solutions.get()
    assert (kept.subprocess_code, kept.component_codes) == ("", [])
    assert not new.component_statuses.exists()
