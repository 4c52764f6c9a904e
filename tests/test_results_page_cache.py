"""The results page's body is drawn once per content (reports.content_cache.
html_cached), keyed by what it is drawn from, read before anything is built
(reports.selectors.results_page_source): whatever it is drawn from changes,
the page changes with it; nothing personal is kept in it."""

import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment import services
from assessment.access import assessment_for
from assessment.models import Answer, Assessment, Organisation
from capabilities.document import document_parse
from capabilities.services import framework_load
from reports import views
from reports.selectors import results_page_source
from tests.factories import answer, make_assessment, make_solution, roadmap_edit, small_document

pytestmark = pytest.mark.django_db


def page(client, user, assessment) -> str:
    client.force_login(user)
    response = client.get(reverse("results", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def body(html: str) -> str:
    """The part of the page that is kept in the cache (below the tabs)."""
    return html[html.index('class="tabs"') :].split("</p>", 1)[1].split("</main>", 1)[0]


def test_the_same_content_is_drawn_once_and_shared_without_names(client, submitted):
    first = page(client, submitted.owner, submitted.assessment)
    again = page(client, submitted.viewer, submitted.assessment)
    assert body(first) == body(again)
    # Each page still says who is signed in, outside the shared part.
    assert "Sign out owner" in first and "Sign out viewer" in again
    for name in ("owner", "viewer", "editor"):
        assert f"Sign out {name}" not in body(first)
    assert "csrfmiddlewaretoken" not in body(first)


def test_a_new_submission_shows_at_once(client, submitted):
    before = page(client, submitted.owner, submitted.assessment)
    assert "2 submitted responses" in before
    services.response_reopen(response=submitted.editor_response)
    after = page(client, submitted.owner, submitted.assessment)
    assert "1 submitted response" in after


def test_a_changed_reason_for_not_applicable_shows_at_once(client, submitted):
    assert "No code of our own." in page(client, submitted.owner, submitted.assessment)
    Answer.objects.filter(not_applicable=True).update(comment="Everything is bought in.")
    after = page(client, submitted.owner, submitted.assessment)
    assert "Everything is bought in." in after and "No code of our own." not in after


@pytest.fixture
def one_submitted(world):
    """The owner submitted; the editor has not, so the assessment is open."""
    answer(world.owner_response, "DEV-01", current=1, target=3)
    answer(world.owner_response, "DEV-02", current=2, target=2)
    services.response_submit(response=world.owner_response)
    return world


def test_the_inventory_shows_at_once(client, one_submitted):
    world = one_submitted
    assert "Occupation coder" not in page(client, world.owner, world.assessment)
    make_solution(world.assessment, name="Occupation coder")
    assert "Occupation coder" in page(client, world.owner, world.assessment)


def test_an_earlier_assessment_shows_at_once(client, submitted):
    later = services.assessment_copy(
        assessment=submitted.assessment, title="2027", created_by=submitted.owner
    )
    for response in later.responses.all():
        services.answers_confirm(
            response=response,
            questions=submitted.framework.questions.all(),
            user=response.respondent,
        )
        services.response_submit(response=response)
    assert "Change since ML maturity 2026" in page(client, submitted.owner, later)
    # The earlier assessment's answers are part of what the page is drawn from.
    Answer.objects.filter(response__assessment=submitted.assessment, current=1).update(current=2)
    after = page(client, submitted.owner, later)
    assert "Change since ML maturity 2026" in after
    assert body(after) != body(page(client, submitted.owner, submitted.assessment))


# ------------------------------------------------ what the page is drawn from
#
# The page is kept under a hash of what it is drawn from, read before the
# report is built (reports.selectors.results_page_source): each input the
# page shows must be in it, or the page would be served stale.

# The framework's tables: a published version never changes (the database
# refuses it), and which versions are published is read with the source.
FROZEN = "capabilities_"
COLUMN = re.compile(r'"(\w+)"\."(\w+)"')


def columns(queries) -> set[tuple[str, str]]:
    """(table, column) pairs the queries name, in any clause."""
    return {pair for query in queries for pair in COLUMN.findall(query["sql"])}


def model_columns(*models) -> set[tuple[str, str]]:
    return {(m._meta.db_table, f.column) for m in models for f in m._meta.concrete_fields}


def later_assessment(world):
    """A copy of the submitted assessment, answered and submitted again,
    with an inventory, focus weights and an edited roadmap."""
    later = services.assessment_copy(
        assessment=world.assessment, title="2027", created_by=world.owner
    )
    make_solution(later)
    services.component_statuses_save(
        assessment=later, statuses={"C1": services.ComponentValues("partly", "Jenkins")}
    )
    services.role_statuses_save(assessment=later, statuses={"R7": services.RoleValues(0, 2)})
    services.focus_weights_save(assessment=later, weights={"it": {"DATA": 3}})
    for response in later.responses.all():
        services.answers_confirm(
            response=response, questions=world.framework.questions.all(), user=response.respondent
        )
        services.response_submit(response=response)
    roadmap_edit(later, "CICD", notes="Start with the hub.")
    return later


def test_every_column_the_page_reads_is_in_what_it_is_keyed_by(client, submitted, monkeypatch):
    later = later_assessment(submitted)
    drawn = []

    def html_cached(prefix, inputs, draw, unchanged=None):
        with CaptureQueriesContext(connection) as queries:
            html = draw()
        drawn.append(queries.captured_queries)
        return html

    monkeypatch.setattr(views, "html_cached", html_cached)
    client.force_login(submitted.owner)
    assert client.get(reverse("results", args=[later.pk])).status_code == 200
    [build] = drawn
    assessment = assessment_for(SimpleNamespace(user=submitted.owner), later.pk)
    with CaptureQueriesContext(connection) as source_queries:
        assert results_page_source(assessment) is not None
    # The assessment, its organisation and framework come from assessment_for
    # whole; a published framework version's content never changes, and
    # which versions are published is part of the source.
    keyed = columns(source_queries.captured_queries) | model_columns(Assessment, Organisation)
    read = {(table, column) for table, column in columns(build) if not table.startswith(FROZEN)}
    # What makes this test worth having: the page reads all of these.
    for table in (
        "assessment_answer",
        "assessment_mlsolution",
        "assessment_componentstatus",
        "assessment_rolestatus",
        "assessment_focusweight",
        "reports_roadmapentry",
    ):
        assert any(t == table for t, _column in read), table
    assert ("assessment_answer", "comment") in read
    assert read - keyed == set()


def test_the_earlier_assessment_renamed_shows_at_once(client, submitted):
    later = later_assessment(submitted)
    assert "Change since ML maturity 2026" in page(client, submitted.owner, later)
    Assessment.objects.filter(pk=submitted.assessment.pk).update(title="Renamed")
    after = page(client, submitted.owner, later)
    assert "Change since Renamed" in after and "ML maturity 2026" not in after


def test_changed_focus_weights_show_at_once(client, one_submitted):
    world = one_submitted
    before = body(page(client, world.owner, world.assessment))
    services.focus_weights_save(
        assessment=world.assessment, weights={"statistics": {"DATA": 0}, "it": {"DATA": 0}}
    )
    assert body(page(client, world.owner, world.assessment)) != before


def test_the_components_in_place_show_at_once(client, one_submitted):
    world = one_submitted
    assert "Jenkins" not in page(client, world.owner, world.assessment)
    services.component_statuses_save(
        assessment=world.assessment, statuses={"C1": services.ComponentValues("partly", "Jenkins")}
    )
    assert "Jenkins" in page(client, world.owner, world.assessment)


def publish_version_2():
    """Version 2 of the tiny framework, with level criteria and typical levels
    that version 1 (which has neither) borrows."""
    document = small_document(version=2)
    criteria = {"Spreading": ["DEV-02"], "Widespread": ["DEV-01"], "Mature": ["DEV-01"]}
    for level in document["levels"]:
        level["criteria"] = [{"question": code} for code in criteria.get(level["name"], [])]
    document["structures"][0]["typical_levels"] = ["Widespread", "Mature"]
    return framework_load(document=document_parse(document)).framework


def test_a_newer_version_of_the_framework_shows_at_once(client, submitted):
    # Version 1 has no level criteria: the profile rule, until a newer
    # version publishes criteria that it borrows.
    before = body(page(client, submitted.owner, submitted.assessment))
    publish_version_2()
    after = body(page(client, submitted.owner, submitted.assessment))
    assert after != before and "What stands between the office and Widespread" in after


def test_the_operating_structure_shows_at_once(client, submitted):
    publish_version_2()
    assert "Operating structure and level" not in page(
        client, submitted.owner, submitted.assessment
    )
    Organisation.objects.filter(pk=submitted.organisation.pk).update(structure_code="COE")
    after = page(client, submitted.owner, submitted.assessment)
    assert "Operating structure and level" in after
    assert "The office's structure, Centre of excellence" in after


def source(world) -> tuple:
    return results_page_source(
        assessment_for(SimpleNamespace(user=world.owner), world.assessment.pk)
    )


def test_a_roadmap_edit_is_a_new_source(submitted):
    # The first steps show no dates, but an edit can change which items come first.
    before = source(submitted)
    roadmap_edit(submitted.assessment, "SOURCE-REPO", start_date=date(2031, 1, 1))
    assert source(submitted) != before


def test_a_new_quarter_is_a_new_source(submitted, monkeypatch):
    # A roadmap not saved yet starts next quarter, and its first steps with it.
    before = source(submitted)
    monkeypatch.setattr(timezone, "localdate", lambda: date.today() + timedelta(days=92))
    assert source(submitted) != before


def test_a_write_while_the_page_is_drawn_is_not_kept(client, submitted, monkeypatch):
    # The page is keyed by what was read before drawing it; a write in
    # between must not leave the newer page under the older key.
    read = views._results_read

    def read_after_a_write(assessment):
        Answer.objects.filter(not_applicable=True).update(comment="Everything is bought in.")
        return read(assessment)

    monkeypatch.setattr(views, "_results_read", read_after_a_write)
    assert "Everything is bought in." in page(client, submitted.owner, submitted.assessment)
    monkeypatch.setattr(views, "_results_read", read)
    Answer.objects.filter(not_applicable=True).update(comment="No code of our own.")
    again = page(client, submitted.owner, submitted.assessment)
    assert "No code of our own." in again and "Everything is bought in." not in again


def test_another_organisation_with_the_same_answers_gets_its_own_page(client, submitted):
    mine = body(page(client, submitted.owner, submitted.assessment))
    theirs_organisation = Organisation.objects.get(name="Elsewhere Statistics")
    theirs = make_assessment(theirs_organisation, submitted.framework, [submitted.outsider])
    response = theirs.responses.get()
    answer(response, "DEV-01", current=1, target=3)
    answer(response, "DEV-02", current=2, target=2)
    services.response_submit(response=response)
    other = body(page(client, submitted.outsider, theirs))
    assert (
        f"/assessments/{theirs.pk}/" in other
        and f"/assessments/{submitted.assessment.pk}/" not in other
    )
    assert f"/assessments/{theirs.pk}/" not in mine
