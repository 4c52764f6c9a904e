"""The staged level end to end: results page, API and XLSX, a framework
version with level criteria, and one without that borrows them."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessment import services
from capabilities.document import document_parse
from capabilities.services import framework_load
from reports.results import results_build
from tests.api import api
from tests.factories import answer, make_assessment, small_document
from tests.permissions import page_for

pytestmark = pytest.mark.django_db

CRITERIA = {
    "Spreading": [{"question": "DEV-02", "source": "report, line 27"}],
    "Widespread": [{"question": "DEV-01"}],
    "Mature": [
        {"question": "DEV-01"},
        {"question": "DEV-02", "not_applicable_allowed": True, "note": "No code of its own."},
    ],
}


@pytest.fixture
def staged(world):
    """Version 2 of the tiny framework, with criteria; the owner answered
    DEV-01 at 3 and DEV-02 at 2 and submitted."""
    document = small_document(version=2)
    for level in document["levels"]:
        level["criteria"] = CRITERIA.get(level["name"], [])
    document["structures"][0]["typical_levels"] = ["Widespread", "Mature"]
    framework = framework_load(document=document_parse(document)).framework
    assessment = make_assessment(world.organisation, framework, [world.owner], title="Staged")
    response = assessment.responses.get()
    answer(response, "DEV-01", current=3, target=4)
    answer(response, "DEV-02", current=2, target=4)
    services.response_submit(response=response)
    return assessment


def test_the_page_shows_the_level_and_what_stands_before_the_next(client, world, staged):
    page = page_for(client, world.owner, reverse("results", args=[staged.pk]))
    assert "Level 3 of 4: <strong>Widespread</strong>" in page
    assert "Profile score 2.50 of 4" in page
    assert "What stands between the office and Mature" in page
    assert "2 criteria of Mature are not met yet:" in page
    assert "DEV-01 at Mature." in page  # the descriptor the question must reach
    assert "How the level is worked out" in page


def test_the_api_gives_the_level_rule_and_unmet_criteria(world, staged):
    overall = api(world.owner).get(f"/api/assessments/{staged.pk}/results/").json()["overall"]
    assert (overall["level"], overall["rule"], overall["profile_score"]) == (3, "staged", 2.5)
    assert overall["next_level_name"] == "Mature"
    assert [(c["question"], c["current"], c["met"]) for c in overall["next_level_unmet"]] == [
        ("DEV-01", 3.0, False),
        ("DEV-02", 2.0, False),
    ]
    assert overall["next_level_unmet"][0]["descriptor"] == "DEV-01 at Mature."
    assert len(overall["criteria"]) == 4


def test_the_spreadsheet_starts_with_the_level(client, world, staged):
    client.force_login(world.owner)
    response = client.get(reverse("export_xlsx", args=[staged.pk]))
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content))["Level"]]
    assert rows[1][:2] == ["Maturity level", "Widespread"]
    assert rows[3][:2] == ["Worked out by", "staged (level criteria)"]
    unmet = [row[2] for row in rows if row[0] == "Next level: not met"]
    assert unmet == ["DEV-01", "DEV-02"]


def test_a_version_without_criteria_borrows_the_newest_versions(world, staged, submitted):
    # `submitted` is on version 1 of "tiny", which has no criteria: version
    # 2's are applied by question code. DEV-02 is 2 (the N/A gives no level),
    # DEV-01 is 2: Spreading is met, Widespread (DEV-01 at 3) is not.
    report = results_build(world.assessment)
    assert report.results.overall.rule == "staged"
    assert report.data.criteria_version == 2
    assert report.results.overall.level == 2
    assert [c.question for c in report.next_level_unmet] == ["DEV-01"]


def test_a_version_without_typical_levels_borrows_them_too(world, staged, submitted):
    world.organisation.structure_code = "COE"
    world.organisation.save()
    fit = results_build(world.assessment).structure_fit  # version 1, at level 2
    assert (fit.structure, fit.fits, fit.typical_of) == (
        "Centre of excellence",
        False,
        ["Widespread", "Mature"],
    )
    assert (fit.next_level_name, fit.typical_next) == ("Widespread", ["Centre of excellence"])
