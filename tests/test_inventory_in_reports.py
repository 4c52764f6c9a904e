"""What the office has, as the roadmap, the results page and the PDF show it."""

import pytest
from django.urls import reverse

from assessment import services
from assessment.services import ComponentValues, RoleValues
from reports import pdf
from reports.inventory_report import inventory_report, phase_stage_counts
from reports.roadmap_view import roadmap_view
from tests.factories import answer, make_solution, roadmap_edit
from tests.permissions import page_for


@pytest.fixture
def submitted(world):
    """The owner answered and submitted; the editor has not, so the assessment
    (and its inventory) stays open. The roadmap: DEV-01 (1 -> 3) points to
    CICD (component C1, roles R1 and R7), which needs SOURCE-REPO (C1, R7)."""
    answer(world.owner_response, "DEV-01", current=1, target=3)
    answer(world.owner_response, "DEV-02", current=2, target=2)
    services.response_submit(response=world.owner_response)
    return world


@pytest.mark.parametrize(
    ("phases", "stages", "solutions", "expected"),
    [
        (["5"], ["idea"], [], [[0]]),
        (
            ["2", "5"],
            ["pilot", "production"],
            [("5", "production"), ("5", "production")],
            [[0, 0], [0, 2]],
        ),
        (["5"], ["pilot"], [("6", "pilot"), ("5", "retired")], [[0]]),  # not listed: not counted
        ([], ["pilot"], [("5", "pilot")], []),
    ],
)
def test_phase_stage_counts(phases, stages, solutions, expected):
    assert phase_stage_counts(phases, stages, solutions) == expected


@pytest.mark.django_db
def test_roadmap_changes_when_a_component_is_marked_in_place(submitted):
    before = roadmap_view(submitted.assessment)
    assert [i.capability_code for i in before.items] == ["SOURCE-REPO", "CICD"]
    assert before.items[1].effort == "M" and before.items[1].inventory_notes == ()

    services.component_statuses_save(
        assessment=submitted.assessment, statuses={"C1": ComponentValues("partly", "Jenkins")}
    )
    partly = roadmap_view(submitted.assessment)
    cicd = partly.item("CICD")
    assert cicd.effort == "S"
    assert cicd.inventory_notes == ("Jenkins partly in place: adapt what exists, effort S.",)

    services.component_statuses_save(
        assessment=submitted.assessment, statuses={"C1": ComponentValues("in-place", "GitLab")}
    )
    done = roadmap_view(submitted.assessment)
    assert done.items == ()
    assert [(code, note) for code, _name, note in done.not_planned] == [
        ("SOURCE-REPO", "GitLab already in place: not planned."),
        ("CICD", "GitLab already in place: not planned."),
    ]


@pytest.mark.django_db
def test_lacking_roles_are_marked_and_named_as_skills_gaps(submitted):
    services.role_statuses_save(
        assessment=submitted.assessment,
        statuses={"R7": RoleValues(0, 2, True), "R1": RoleValues(3, 3)},
    )
    view = roadmap_view(submitted.assessment)
    assert view.item("CICD").lacking_role_names == ("ML engineer",)
    assert view.skills_gaps == (
        (
            "R7",
            "ML engineer",
            "nobody holds it; hard to recruit or keep",
            ("Source code repository", "CI/CD pipelines"),
        ),
    )


@pytest.mark.django_db
def test_a_saved_roadmap_shows_the_inventory_as_it_is_now(submitted):
    roadmap_edit(submitted.assessment, "CICD", notes="Saved as it was")
    services.component_statuses_save(
        assessment=submitted.assessment, statuses={"C1": ComponentValues("partly", "Jenkins")}
    )
    cicd = roadmap_view(submitted.assessment).item("CICD")
    assert cicd.effort == "M"  # as saved
    assert cicd.inventory_notes == ("Jenkins partly in place: adapt what exists, effort S.",)


@pytest.mark.django_db
def test_roadmap_page_shows_notes_not_planned_and_skills_gaps(client, submitted):
    services.component_statuses_save(
        assessment=submitted.assessment, statuses={"C1": ComponentValues("in-place", "GitLab")}
    )
    page = page_for(client, submitted.viewer, reverse("roadmap", args=[submitted.assessment.pk]))
    assert "Not planned: the office already has it" in page
    assert "GitLab already in place: not planned." in page


@pytest.mark.django_db
def test_inventory_report(world):
    make_solution(world.assessment)
    make_solution(world.assessment, name="Imputer", subprocess_code="5.4", stage="pilot")
    services.component_statuses_save(
        assessment=world.assessment, statuses={"C1": ComponentValues("in-place", "GitLab", True)}
    )
    report = inventory_report(world.assessment)
    assert report.phases == [("5", "Process")]
    assert [label for _code, label in report.stages][3] == "In production"
    assert report.counts == [[0, 0, 1, 1, 0]]
    assert [s.subprocess_name for s in report.solutions] == ["Classify and code", "Edit and impute"]
    assert report.components[0].status_label == "In place" and report.has_components
    assert not report.has_roles
    figure = report.figure()
    assert list(figure.data[0].y) == ["5 Process"]


@pytest.mark.django_db
def test_results_page_shows_the_gsbpm_map_and_components_in_place(client, world):
    url = reverse("results", args=[world.assessment.pk])
    page = page_for(client, world.viewer, url)
    assert "Where ML is used" not in page and "Components in place" not in page
    make_solution(world.assessment, name="<b>Coder</b>")
    services.component_statuses_save(
        assessment=world.assessment, statuses={"C1": ComponentValues("partly", "GitLab CI")}
    )
    page = page_for(client, world.viewer, url)
    assert "Where ML is used in the production process" in page
    assert 'id="figure-gsbpm"' in page
    assert "&lt;b&gt;Coder&lt;/b&gt;" in page and "<b>Coder</b>" not in page
    assert "Components in place" in page and "GitLab CI" in page


@pytest.mark.django_db
def test_chart_text_of_a_solution_is_escaped_in_the_figure(world):
    make_solution(world.assessment)
    assert "&lt;" not in str(inventory_report(world.assessment).figure().data[0].y)


@pytest.mark.pdf
@pytest.mark.django_db
def test_pdf_html_has_the_inventory(submitted):
    make_solution(submitted.assessment, name="Occupation coder")
    services.component_statuses_save(
        assessment=submitted.assessment, statuses={"C1": ComponentValues("partly", "Jenkins")}
    )
    services.role_statuses_save(
        assessment=submitted.assessment, statuses={"R7": RoleValues(0, 2, True)}
    )
    main = pdf.report_html(submitted.assessment)
    for text in (
        "Where ML is used in the production process",
        "Fill the roles the first phases need",
    ):
        assert text in main, text
    annex = pdf.report_html(submitted.assessment, annex=True)
    for text in (
        "Occupation coder",
        "Components in place",
        "Jenkins partly in place: adapt what exists, effort S.",
        "The office lacks:",
    ):
        assert text in annex, text
