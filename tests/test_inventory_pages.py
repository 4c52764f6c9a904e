"""The inventory pages: ML solutions, components in place, roles."""

import pytest
from django.urls import reverse

from assessment import services
from assessment.models import ComponentStatus, MLSolution, RoleStatus
from tests.factories import make_solution
from tests.permissions import assert_login_required, assert_status, page_for

pytestmark = pytest.mark.django_db


def page_url(world):
    return reverse("inventory", args=[world.assessment.pk])


def add_url(world):
    return reverse("inventory_solution_add", args=[world.assessment.pk])


def edit_url(world, solution):
    return reverse("inventory_solution_edit", args=[world.assessment.pk, solution.pk])


def delete_url(world, solution):
    return reverse("inventory_solution_delete", args=[world.assessment.pk, solution.pk])


def components_url(world):
    return reverse("inventory_components", args=[world.assessment.pk])


def roles_url(world):
    return reverse("inventory_roles", args=[world.assessment.pk])


SOLUTION = {
    "name": "Industry coder",
    "purpose": "Codes business descriptions to NACE.",
    "phase_code": "5",
    "subprocess_code": "5.2",
    "stage": "pilot",
    "method": "coding",
    "run_by": "Spoke: business statistics",
    "component_codes": ["C1"],
}


# ---------------------------------------------------------------- the page


def test_writers_see_forms_and_readers_a_table(client, world):
    make_solution(world.assessment)
    for writer in (world.owner, world.editor):
        page = page_for(client, writer, page_url(world))
        assert "Occupation coder" in page and "5.2 Classify and code" in page
        assert 'name="C1-status"' in page and 'name="R7-held"' in page
        assert "Add a solution" in page
    for reader in (world.viewer, world.staff):
        page = page_for(client, reader, page_url(world))
        assert "Occupation coder" in page
        assert 'name="C1-status"' not in page and "Add a solution" not in page


def test_complete_assessment_is_read_only(client, world):
    services.assessment_close(assessment=world.assessment)
    page = page_for(client, world.owner, page_url(world))
    assert 'name="C1-status"' not in page
    assert "can no longer be changed" in page


def test_page_permissions(client, world):
    assert_login_required(client, page_url(world))
    assert_status(client, world.outsider, page_url(world), 404)
    assert_status(client, world.owner, page_url(world), 405, method="post")


def test_page_query_count_does_not_grow_with_the_solutions(
    client, world, django_assert_num_queries
):
    for number in range(5):
        make_solution(world.assessment, name=f"Solution {number}")
    client.force_login(world.owner)
    # session, user, assessment (+organisation, framework), membership,
    # inventory (solutions, components, roles). The vocabulary (phases,
    # sub-processes, components, roles: 4 queries) of the published version
    # was read when the solutions were added (capabilities.frozen).
    with django_assert_num_queries(7):
        assert client.get(page_url(world)).status_code == 200


def test_detail_page_links_to_the_inventory(client, world):
    page = page_for(client, world.viewer, reverse("assessment_detail", args=[world.assessment.pk]))
    assert page_url(world) in page


# ---------------------------------------------------------------- solutions


def test_editor_adds_a_solution(client, world):
    client.force_login(world.editor)
    response = client.post(add_url(world), SOLUTION)
    assert response.status_code == 302
    solution = MLSolution.objects.get(assessment=world.assessment)
    assert (solution.name, solution.subprocess_code, solution.component_codes) == (
        "Industry coder",
        "5.2",
        ["C1"],
    )


def test_add_form_shows_the_frameworks_choices(client, world):
    page = page_for(client, world.editor, add_url(world))
    assert '<optgroup label="5 Process">' in page
    assert "5.4 Edit and impute" in page and "C1 CI/CD component" in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "required"),
        ({"phase_code": "9"}, "phase_code", "Select a valid choice"),
        ({"stage": "dreaming"}, "stage", "Select a valid choice"),
        ({"component_codes": ["C99"]}, "component_codes", "Select a valid choice"),
    ],
)
def test_bad_solution_is_not_saved(client, world, change, field, message):
    client.force_login(world.owner)
    response = client.post(add_url(world), {**SOLUTION, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not MLSolution.objects.exists()


def test_edit_changes_and_confirms_a_carried_over_solution(client, world):
    solution = make_solution(world.assessment)
    MLSolution.objects.filter(pk=solution.pk).update(carried_over=True)
    client.force_login(world.editor)
    page = client.get(edit_url(world, solution)).content.decode()
    assert 'value="Occupation coder"' in page
    response = client.post(edit_url(world, solution), {**SOLUTION, "stage": "production"})
    assert response.status_code == 302
    solution.refresh_from_db()
    assert (solution.name, solution.stage, solution.carried_over) == (
        "Industry coder",
        "production",
        False,
    )


def test_delete_removes_the_solution(client, world):
    solution = make_solution(world.assessment)
    client.force_login(world.editor)
    assert client.post(delete_url(world, solution)).status_code == 302
    assert not MLSolution.objects.exists()


def test_solution_of_another_assessment_is_404(client, world):
    other = services.assessment_copy(
        assessment=world.assessment, title="Again", created_by=world.owner
    )
    solution = make_solution(other)
    client.force_login(world.owner)
    assert client.get(edit_url(world, solution)).status_code == 404
    assert client.post(delete_url(world, solution)).status_code == 404


def test_solution_permissions(client, world):
    solution = make_solution(world.assessment)
    for url in (add_url(world), edit_url(world, solution)):
        assert_login_required(client, url)
        assert_status(client, world.outsider, url, 404)
        assert_status(client, world.viewer, url, 403)
        assert_status(client, world.staff, url, 403)
        assert_status(client, world.viewer, url, 403, method="post", data=SOLUTION)
        assert_status(client, world.owner, url, 405, method="put")
    url = delete_url(world, solution)
    assert_login_required(client, url, method="post")
    assert_status(client, world.outsider, url, 404, method="post")
    assert_status(client, world.viewer, url, 403, method="post")
    assert_status(client, world.editor, url, 405)
    assert MLSolution.objects.filter(pk=solution.pk).exists()


def test_writes_to_a_complete_assessment_are_refused(client, world):
    solution = make_solution(world.assessment)
    services.assessment_close(assessment=world.assessment)
    client.force_login(world.owner)
    for url, data in (
        (add_url(world), SOLUTION),
        (edit_url(world, solution), SOLUTION),
        (delete_url(world, solution), {}),
        (components_url(world), {"C1-status": "in-place"}),
        (roles_url(world), {"R7-held": "2"}),
    ):
        response = client.post(url, data, follow=True)
        assert "can no longer be changed" in response.content.decode(), url
    solution.refresh_from_db()
    assert solution.name == "Occupation coder"
    assert not ComponentStatus.objects.exists() and not RoleStatus.objects.exists()


# ---------------------------------------------------------------- components and roles


def test_editor_saves_components(client, world):
    client.force_login(world.editor)
    response = client.post(
        components_url(world), {"C1-status": "in-place", "C1-tools": "GitLab", "C1-shared": "on"}
    )
    assert response.status_code == 302
    status = ComponentStatus.objects.get(assessment=world.assessment, component_code="C1")
    assert (status.status, status.tools, status.shared_with_it) == ("in-place", "GitLab", True)
    # Back to "not said": the row goes.
    client.post(components_url(world), {"C1-status": ""})
    assert not ComponentStatus.objects.exists()


def test_bad_component_status_is_shown_and_not_saved(client, world):
    client.force_login(world.owner)
    response = client.post(components_url(world), {"C1-status": "maybe", "C1-tools": "GitLab"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved" in page and "Select a valid choice" in page
    assert 'value="GitLab"' in page  # what was typed is kept
    assert not ComponentStatus.objects.exists()


def test_editor_saves_roles(client, world):
    client.force_login(world.editor)
    response = client.post(roles_url(world), {"R7-held": "0", "R7-needed": "2", "R7-hard": "on"})
    assert response.status_code == 302
    status = RoleStatus.objects.get(assessment=world.assessment, role_code="R7")
    assert (status.held, status.needed, status.hard_to_fill, status.shortfall) == (0, 2, True, 2)
    assert not RoleStatus.objects.filter(role_code="R1").exists()  # left blank


def test_bad_role_count_is_shown_and_not_saved(client, world):
    client.force_login(world.owner)
    response = client.post(roles_url(world), {"R7-held": "-1", "R1-needed": "3"})
    assert response.status_code == 400
    assert "greater than or equal to 0" in response.content.decode()
    assert not RoleStatus.objects.exists()


@pytest.mark.parametrize("name", ["inventory_components", "inventory_roles"])
def test_table_permissions(client, world, name):
    url = reverse(name, args=[world.assessment.pk])
    assert_login_required(client, url, method="post")
    assert_status(client, world.outsider, url, 404, method="post")
    assert_status(client, world.viewer, url, 403, method="post")
    assert_status(client, world.staff, url, 403, method="post")
    assert_status(client, world.editor, url, 405)
