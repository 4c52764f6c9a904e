"""The roadmap page's rows are drawn once per content and shared by every
reader (reports.views._roadmap_items_html): each reader still gets their own
CSRF token, what they may do, and what changed. The roadmap they are drawn
from is built once per content too (reports.roadmap_view.roadmap_view_cached),
keyed by what it is built from: whatever that is changes, the page with it."""

import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment import services
from assessment.access import assessment_for
from assessment.models import Assessment, Organisation
from reports import roadmap_view as roadmap_view_module
from reports import services as report_services
from reports.models import RoadmapEntry
from reports.selectors import roadmap_page_source
from tests.factories import answer, make_assessment, make_framework, make_solution, roadmap_edit

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def url(world, **query):
    path = reverse("roadmap", args=[world.assessment.pk])
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_each_reader_gets_their_own_token_and_no_placeholder(submitted_and_closed):
    world = submitted_and_closed
    pages = []
    for user in (world.owner, world.owner, world.viewer):
        client = Client()
        client.force_login(user)
        pages.append(client.get(url(world)).content.decode())
    for page in pages:
        assert "CSRF-PLACEHOLDER" not in page
    owner_forms = pages[0].count('class="roadmap-edit"')
    assert owner_forms >= 2  # CICD and SOURCE-REPO, each with its form
    # One token per form (and the header's sign-out and language forms),
    # none left as a placeholder.
    assert len(TOKEN.findall(pages[0])) == owner_forms + 2
    # The viewer's rows come without forms, though the owner's were drawn first.
    assert 'class="roadmap-edit"' not in pages[2]


def test_a_form_from_the_shared_rows_posts_with_csrf_checks_on(submitted_and_closed):
    world = submitted_and_closed
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.viewer)
    client.get(url(world))  # the rows are drawn and kept
    client.force_login(world.owner)
    page = client.get(url(world)).content.decode()
    form = page[
        page.index('action="' + reverse("roadmap_entry_edit", args=[world.assessment.pk, "CICD"])) :
    ]
    form = form[: form.index("</form>")]
    data = {
        "csrfmiddlewaretoken": TOKEN.search(form).group(1),
        "version": "0",
        "notes": "Start with the hub.",
    }
    data |= {"start_date": "", "end_date": "", "owner_role": "", "status": "planned"}
    response = client.post(reverse("roadmap_entry_edit", args=[world.assessment.pk, "CICD"]), data)
    assert response.status_code == 302
    assert RoadmapEntry.objects.get(capability_code="CICD").notes == "Start with the hub."


def test_an_edit_shows_at_once(client, submitted_and_closed):
    world = submitted_and_closed
    client.force_login(world.owner)
    assert "Start with the hub." not in client.get(url(world)).content.decode()
    roadmap_edit(world.assessment, "CICD", notes="Start with the hub.")
    assert "Start with the hub." in client.get(url(world)).content.decode()


def test_the_item_just_saved_is_open(client, submitted_and_closed):
    world = submitted_and_closed
    client.force_login(world.owner)
    closed = client.get(url(world)).content.decode()
    opened = client.get(url(world, open="CICD")).content.decode()
    row = '<li id="item-CICD">\n  <details'
    assert row + ">" in closed and row + " open>" in opened


# ------------------------------------------------ what the roadmap is built from
#
# The roadmap is kept under a hash of what it is built from, read before it
# is built (reports.selectors.roadmap_page_source): each input it shows must
# be in it, or the page would be served stale.

# The framework's tables: a published version never changes (the database
# refuses it), and which versions are published is read with the source.
FROZEN = "capabilities_"
COLUMN = re.compile(r'"(\w+)"\."(\w+)"')


def columns(queries) -> set[tuple[str, str]]:
    """(table, column) pairs the queries name, in any clause."""
    return {pair for query in queries for pair in COLUMN.findall(query["sql"])}


def page(client, user, world) -> str:
    client.force_login(user)
    response = client.get(url(world))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def one_submitted(world):
    """The owner submitted; the editor has not, so the inventory is open."""
    answer(world.owner_response, "DEV-01", current=1, target=3)
    answer(world.owner_response, "DEV-02", current=2, target=2)
    services.response_submit(response=world.owner_response)
    return world


def test_every_column_the_roadmap_reads_is_in_what_it_is_keyed_by(
    client, one_submitted, monkeypatch
):
    world = one_submitted
    make_solution(world.assessment)
    services.component_statuses_save(
        assessment=world.assessment, statuses={"C1": services.ComponentValues("partly", "Jenkins")}
    )
    services.role_statuses_save(
        assessment=world.assessment, statuses={"R7": services.RoleValues(0, 2)}
    )
    services.focus_weights_save(assessment=world.assessment, weights={"it": {"DATA": 3}})
    roadmap_edit(world.assessment, "CICD", notes="Start with the hub.")
    built = []

    def source_cached(prefix, inputs, build, unchanged=None):
        with CaptureQueriesContext(connection) as queries:
            value = build()
        built.append(queries.captured_queries)
        return value

    monkeypatch.setattr(roadmap_view_module, "source_cached", source_cached)
    page(client, world.owner, world)
    [build] = built
    assessment = assessment_for(SimpleNamespace(user=world.owner), world.assessment.pk)
    with CaptureQueriesContext(connection) as source_queries:
        assert roadmap_page_source(assessment) is not None
    # The assessment, its organisation and framework come from assessment_for whole.
    keyed = columns(source_queries.captured_queries) | {
        (model._meta.db_table, f.column)
        for model in (Assessment, Organisation)
        for f in model._meta.concrete_fields
    }
    read = {(table, column) for table, column in columns(build) if not table.startswith(FROZEN)}
    # What makes this test worth having: the roadmap reads all of these.
    for table in (
        "assessment_answer",
        "assessment_mlsolution",
        "assessment_componentstatus",
        "assessment_rolestatus",
        "assessment_focusweight",
        "reports_roadmap",
        "reports_roadmapentry",
    ):
        assert any(t == table for t, _column in read), table
    assert read - keyed == set()


def test_an_entry_changed_outside_the_service_shows_at_once(client, submitted_and_closed):
    # Not only the roadmap's edited_at: the entries themselves are read.
    world = submitted_and_closed
    roadmap_edit(world.assessment, "CICD", notes="Start with the hub.")
    assert "Start with the hub." in page(client, world.owner, world)
    RoadmapEntry.objects.filter(capability_code="CICD").update(notes="Start with the repository.")
    after = page(client, world.owner, world)
    assert "Start with the repository." in after and "Start with the hub." not in after


def test_new_settings_show_at_once(client, submitted_and_closed):
    world = submitted_and_closed
    assert "(the defaults)" in page(client, world.owner, world)
    report_services.roadmap_settings_update(
        assessment=world.assessment, start_date=date(2031, 1, 1), capacity=2
    )
    after = page(client, world.owner, world)
    assert "Starts on 1 January 2031" in after and "(the defaults)" not in after


def test_a_role_the_office_lacks_shows_at_once(client, one_submitted):
    world = one_submitted
    assert "the office lacks it" not in page(client, world.owner, world)
    services.role_statuses_save(
        assessment=world.assessment, statuses={"R7": services.RoleValues(0, 2)}
    )
    assert "the office lacks it" in page(client, world.owner, world)


def test_a_reopened_response_shows_at_once(client, submitted):
    before = page(client, submitted.owner, submitted)
    services.response_reopen(response=submitted.owner_response)
    assert page(client, submitted.owner, submitted) != before


def test_the_operating_structure_shows_at_once(client, submitted):
    assert "Typical owner in your operating structure" not in page(
        client, submitted.owner, submitted
    )
    Organisation.objects.filter(pk=submitted.organisation.pk).update(structure_code="COE")
    assert "Typical owner in your operating structure: The centre." in page(
        client, submitted.owner, submitted
    )


def source(world) -> tuple:
    return roadmap_page_source(
        assessment_for(SimpleNamespace(user=world.owner), world.assessment.pk)
    )


def test_a_new_quarter_is_a_new_source(submitted, monkeypatch):
    # A roadmap not saved yet starts next quarter.
    before = source(submitted)
    monkeypatch.setattr(timezone, "localdate", lambda: date.today() + timedelta(days=92))
    assert source(submitted) != before


def test_a_newer_published_version_is_a_new_source(submitted):
    # Level criteria are borrowed from the newest version: the level the
    # roadmap leads from can change.
    before = source(submitted)
    make_framework(version=2)
    assert source(submitted) != before


def test_a_write_while_the_roadmap_is_built_is_not_kept(client, one_submitted, monkeypatch):
    world = one_submitted
    build = roadmap_view_module.roadmap_view

    def build_after_a_write(assessment, *args):
        services.role_statuses_save(
            assessment=assessment, statuses={"R7": services.RoleValues(0, 2)}
        )
        return build(assessment, *args)

    monkeypatch.setattr(roadmap_view_module, "roadmap_view", build_after_a_write)
    assert "the office lacks it" in page(client, world.owner, world)
    monkeypatch.setattr(roadmap_view_module, "roadmap_view", build)
    services.role_statuses_save(assessment=world.assessment, statuses={"R7": services.RoleValues()})
    assert "the office lacks it" not in page(client, world.owner, world)


def test_another_organisation_with_the_same_answers_gets_its_own_roadmap(client, submitted):
    mine = page(client, submitted.owner, submitted)
    organisation = Organisation.objects.get(name="Elsewhere Statistics")
    theirs = make_assessment(organisation, submitted.framework, [submitted.outsider])
    response = theirs.responses.get()
    answer(response, "DEV-01", current=1, target=3)
    answer(response, "DEV-02", current=2, target=2)
    services.response_submit(response=response)
    other = page(client, submitted.outsider, SimpleNamespace(assessment=theirs))
    assert f"/assessments/{theirs.pk}/" in other
    assert f"/assessments/{submitted.assessment.pk}/" not in other
    assert f"/assessments/{theirs.pk}/" not in mine
