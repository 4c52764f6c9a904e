"""The roadmap page: /assessments/<id>/roadmap/, its edits and regeneration."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from assessment import services
from capabilities.document import document_parse
from capabilities.services import framework_load
from reports.forms import RoadmapEntryForm
from reports.models import Roadmap, RoadmapEntry
from reports.roadmap import quarter_first_day, quarter_label, quarter_number
from reports.roadmap_view import default_start
from tests.factories import (
    answer,
    hostile_document,
    make_assessment,
    make_organisation,
    roadmap_edit,
)
from tests.figures import HOSTILE, assert_text_only
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(submitted_and_closed):
    # DEV-01 points to CICD (which needs SOURCE-REPO), DEV-02 to SOURCE-REPO.
    return submitted_and_closed


def quarter(number):
    """The first day of the default roadmap's quarter ``number`` (1: its first)."""
    return quarter_first_day(quarter_number(default_start()) + number - 1)


def url(world):
    return reverse("roadmap", args=[world.assessment.pk])


def edit_url(world, code):
    return reverse("roadmap_entry_edit", args=[world.assessment.pk, code])


def edit(world, code, **values):
    data = {"status": "planned", "start_date": "", "end_date": "", "notes": ""}
    data.update(values)
    return data


def test_shows_the_computed_roadmap_without_saving_it(client, submitted):
    client.force_login(submitted.viewer)
    response = client.get(url(submitted))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Source code repository") < page.index("CI/CD pipelines")
    assert "How is code built and deployed?" in page  # why CI/CD is there
    assert "Typical owner in your operating structure: The centre." in page
    marker = '<script id="figure-roadmap" type="application/json">'
    figure = json.loads(page.split(marker)[1].split("</script>")[0])
    # Quarters on the axis, from the first item's to the last one's.
    assert figure["layout"]["xaxis"]["ticktext"] == [quarter_label(quarter(n)) for n in range(1, 4)]
    assert [trace["name"] for trace in figure["data"]] == ["Platforms"]  # names, not codes
    assert not Roadmap.objects.exists()
    assert "Adjust" not in page  # viewers do not edit
    assert "/roadmap/settings/" not in page


def test_markup_in_capability_names_reaches_the_chart_as_text(client, world):
    framework = framework_load(document=document_parse(hostile_document())).framework
    organisation = make_organisation(world.owner, name=HOSTILE)
    assessment = make_assessment(organisation, framework, [world.owner], title=HOSTILE)
    response = assessment.responses.get()
    answer(response, "DEV-01", current=1, target=3)
    answer(response, "DEV-02", current=1, target=2)
    services.response_submit(response=response)
    client.force_login(world.owner)
    page = client.get(reverse("roadmap", args=[assessment.pk])).content.decode()
    marker = '<script id="figure-roadmap" type="application/json">'
    figure = json.loads(page.split(marker)[1].split("</script>")[0])
    assert len(figure["data"][0]["y"]) == 2  # both capabilities drawn
    assert_text_only(figure)


def test_first_edit_saves_the_roadmap_with_the_change(client, submitted):
    client.force_login(submitted.owner)
    values = edit(
        submitted,
        "CICD",
        start_date=quarter(3).isoformat(),
        end_date=(quarter(4) - timedelta(days=1)).isoformat(),
        owner_role="R7",
        status="in-progress",
        notes="Pilot with the LFS team",
    )
    response = client.post(edit_url(submitted, "CICD"), values)
    assert response["Location"] == url(submitted) + "?open=CICD#item-CICD"
    entry = RoadmapEntry.objects.get(capability_code="CICD")
    assert (entry.start_date, entry.owner_role, entry.status) == (quarter(3), "R7", "in-progress")
    assert entry.notes == "Pilot with the LFS team"
    assert Roadmap.objects.get().edited_at is not None


def test_an_item_cannot_start_before_what_it_needs_has_ended(client, submitted):
    client.force_login(submitted.owner)
    values = edit(submitted, "CICD", start_date=quarter(1).isoformat())
    response = client.post(edit_url(submitted, "CICD"), values)
    page = response.content.decode()
    assert response.status_code == 200
    start, end = (date_format(d, "j M Y") for d in (quarter(1), quarter(2) - timedelta(days=1)))
    assert (
        f"CI/CD pipelines would start on {start}, before Source code repository, which it "
        f"needs first, ends on {end}."
    ) in page
    assert not Roadmap.objects.exists()  # a refused first edit saves nothing


def test_dates_must_be_in_order(client, submitted):
    client.force_login(submitted.owner)
    values = edit(submitted, "CICD", start_date="2027-05-01", end_date="2027-01-01")
    response = client.post(edit_url(submitted, "CICD"), values)
    assert "The end cannot be before the start." in response.content.decode()
    assert 'value="2027-05-01"' in response.content.decode()  # what was typed stays
    assert not Roadmap.objects.exists()


def test_an_edited_roadmap_is_kept_and_regenerating_needs_confirmation(client, submitted):
    client.force_login(submitted.owner)
    client.post(edit_url(submitted, "CICD"), edit(submitted, "CICD", notes="Later"))
    assert "Edited on" in client.get(url(submitted)).content.decode()
    response = client.post(
        reverse("roadmap_regenerate", args=[submitted.assessment.pk]), follow=True
    )
    assert "Tick the box to confirm" in response.content.decode()
    assert RoadmapEntry.objects.get(capability_code="CICD").notes == "Later"
    client.post(reverse("roadmap_regenerate", args=[submitted.assessment.pk]), {"confirm": "on"})
    entry = RoadmapEntry.objects.get(capability_code="CICD")
    assert (entry.version, entry.notes) == (0, "")


def test_edit_page_shows_the_item_without_saving_anything(client, submitted):
    client.force_login(submitted.owner)
    page = client.get(edit_url(submitted, "CICD")).content.decode()
    assert "Adjust CI/CD pipelines" in page
    assert "Needs first: Source code repository" in page
    planned = f"Planned with the others: {quarter_label(quarter(2))} – {quarter_label(quarter(3))}"
    assert planned in page
    assert '<input type="date" name="start_date"' in page  # empty: planned, not the owner's
    assert 'name="start_date" value=' not in page
    assert not Roadmap.objects.exists()


def test_unknown_item_is_404(client, submitted):
    assert_status(client, submitted.owner, edit_url(submitted, "NOPE"), 404, method="post")


@pytest.mark.parametrize("framework", ["with a cycle"], indirect=True)
def test_a_cycle_in_the_framework_is_explained(client, submitted):
    client.force_login(submitted.owner)
    response = client.get(url(submitted))
    assert response.status_code == 200
    assert "CICD → SOURCE-REPO → CICD" in response.content.decode()
    response = client.post(
        reverse("roadmap_regenerate", args=[submitted.assessment.pk]), follow=True
    )
    assert "form a cycle" in response.content.decode()


def test_permissions(client, submitted):
    assert_login_required(client, url(submitted))
    assert_status(client, submitted.outsider, url(submitted), 404)
    assert_status(client, submitted.staff, url(submitted), 200)
    assert_status(client, submitted.owner, url(submitted), 405, method="post")
    values = edit(submitted, "CICD", notes="Mine")
    assert_login_required(client, edit_url(submitted, "CICD"), method="post")
    assert_status(client, submitted.outsider, edit_url(submitted, "CICD"), 404, "post", values)
    assert_status(client, submitted.editor, edit_url(submitted, "CICD"), 403, "post", values)
    assert_status(client, submitted.viewer, edit_url(submitted, "CICD"), 403, "post", values)
    assert_status(client, submitted.editor, edit_url(submitted, "CICD"), 403)
    assert_status(client, submitted.owner, edit_url(submitted, "CICD"), 405, method="put")
    regenerate = reverse("roadmap_regenerate", args=[submitted.assessment.pk])
    assert_status(client, submitted.viewer, regenerate, 403, method="post")
    assert_status(client, submitted.owner, regenerate, 405)
    assert not Roadmap.objects.exists()


def test_a_regenerated_roadmap_follows_the_answers_until_edited(client, submitted):
    client.force_login(submitted.owner)
    client.post(reverse("roadmap_regenerate", args=[submitted.assessment.pk]))
    assert Roadmap.objects.get().edited_at is None
    # The owner lowers a target: the CI/CD gap disappears from the answers.
    response = submitted.assessment.responses.get(respondent=submitted.owner)
    services.response_reopen(response=response)
    answer(response, "DEV-01", current=1, target=1)
    page = client.get(url(submitted)).content.decode()
    assert "CI/CD pipelines" not in page


def test_the_edit_form_carries_the_version_it_shows(client, submitted):
    client.force_login(submitted.owner)
    page = client.get(edit_url(submitted, "CICD")).content.decode()
    assert '<input type="hidden" name="version" value="0"' in page
    client.post(edit_url(submitted, "CICD"), edit(submitted, "CICD", notes="One", version=0))
    page = client.get(edit_url(submitted, "CICD")).content.decode()
    assert '<input type="hidden" name="version" value="1"' in page


def test_a_stale_form_is_refused_with_what_changed_and_saves_nothing(client, submitted):
    client.force_login(submitted.owner)
    # Someone else saves CI/CD while this owner's form still shows version 0.
    client.post(
        edit_url(submitted, "CICD"),
        edit(
            submitted,
            "CICD",
            start_date=quarter(3).isoformat(),
            end_date=(quarter(5) - timedelta(days=1)).isoformat(),
            owner_role="R7",
            notes="Theirs",
            version=0,
        ),
    )
    mine = edit(submitted, "CICD", notes="Mine", version=0)
    response = client.post(edit_url(submitted, "CICD"), mine)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Not saved: this item was changed elsewhere since you opened this page." in page
    start, end = (date_format(d, "j M Y") for d in (quarter(3), quarter(5) - timedelta(days=1)))
    assert f"Planned, {start} – {end}, owner role ML engineer, notes “Theirs”" in page
    assert "save again to overwrite it" in page
    assert "Mine</textarea>" in page  # what the owner typed stays
    assert '<input type="hidden" name="version" value="1"' in page  # based on theirs now
    entry = RoadmapEntry.objects.get(capability_code="CICD")
    assert (entry.start_date, entry.notes, entry.version) == (quarter(3), "Theirs", 1)
    # Saving again is a deliberate overwrite.
    response = client.post(edit_url(submitted, "CICD"), {**mine, "version": 1})
    assert response.status_code == 302
    assert RoadmapEntry.objects.get(capability_code="CICD").notes == "Mine"


def test_query_counts(client, submitted, django_assert_num_queries):
    client.force_login(submitted.viewer)
    # session, user, assessment, membership; what the roadmap is built from
    # (reports.selectors.roadmap_page_source, 8): the framework's published
    # versions, focus weights, the office's solutions, components and roles,
    # the roadmap and its entries (none), the submitted answers. Then, the
    # cache having no roadmap for them: saved roadmap (none); questions +
    # their principles, components, focus areas, capabilities; answers;
    # principle, component and section names; level criteria; focus
    # weights (the levels were read when the answers were saved);
    # capabilities + what they require + their roles + their components;
    # the inventory (components, roles, solutions); the typical owners in
    # the organisation's structure; role names. Then what it is built from
    # again (8), unchanged, so the roadmap is kept. Whether a PDF report is
    # being prepared (the download form says so, on every page below too).
    with django_assert_num_queries(42):
        client.get(url(submitted))
    client.force_login(submitted.owner)
    client.post(edit_url(submitted, "CICD"), edit(submitted, "CICD", notes="Edited"))
    client.force_login(submitted.viewer)
    # session, user, assessment, membership; what it is built from (8), which
    # the edit changed; saved roadmap, its entries; the answers, level
    # criteria and focus weights (for the level it leads from and the texts
    # of the gap questions); the inventory (3) behind the notes on what the
    # office has; what it is built from again (8). The published version's
    # questions, names, levels, capabilities and role names were read by the
    # first page (capabilities.frozen). No structure owners: saved with the
    # entries.
    with django_assert_num_queries(29):
        client.get(url(submitted))
    # Again, for the owner, with the edit forms: session, user, assessment,
    # membership and what it is built from (8); the roadmap is in the cache;
    # the roles the forms offer, read once per published version
    # (capabilities.frozen), so not on the next page.
    client.force_login(submitted.owner)
    with django_assert_num_queries(14):
        client.get(url(submitted))
    with django_assert_num_queries(13):
        client.get(url(submitted))


def test_regenerate_is_offered_once_the_roadmap_was_edited(client, submitted):
    # Until then it follows the answers: there is nothing to regenerate.
    client.force_login(submitted.owner)
    page = client.get(url(submitted)).content.decode()
    assert "Regenerate the roadmap" not in page
    roadmap_edit(submitted.assessment, "CICD", notes="Edited")
    page = client.get(url(submitted)).content.decode()
    assert "Regenerate the roadmap" in page and "all your edits" in page


def test_nothing_answered_is_not_called_no_gaps(client, world):
    client.force_login(world.owner)
    page = client.get(reverse("roadmap", args=[world.assessment.pk])).content.decode()
    assert "Nothing answered yet" in page
    assert "No gaps" not in page


def test_the_message_first_levels_duration_and_the_first_quarter(client, submitted):
    client.force_login(submitted.viewer)
    page = client.get(url(submitted)).content.decode()
    summary = page.split('class="card roadmap-summary"')[1].split("</section>")[0]
    # DEV-01 at level 1, DEV-02 at 2: no level reached (the staged rule) yet.
    assert "towards <strong>" in summary
    last = quarter(4) - timedelta(days=1)
    assert f"About 3 quarters, until {date_format(last, 'j F Y')}" in summary
    first = f"First quarter ({quarter_label(quarter(1))})"
    assert first in summary
    assert '<a href="#item-SOURCE-REPO">Source code repository</a>' in summary
    assert "CI/CD pipelines" not in summary  # it starts in the second quarter
    assert "(the defaults)" in summary and "/roadmap/settings/" not in summary
    assert reverse("roadmap_csv", args=[submitted.assessment.pk]) in summary
    assert reverse("roadmap_ics", args=[submitted.assessment.pk]) in summary
    client.force_login(submitted.owner)
    page = client.get(url(submitted)).content.decode()
    assert reverse("roadmap_settings", args=[submitted.assessment.pk]) in page


def test_items_are_compact_rows_with_their_detail_behind_a_disclosure(client, submitted):
    client.force_login(submitted.owner)
    page = client.get(url(submitted)).content.decode()
    row = page.split('<li id="item-CICD">')[1].split("</details>")[0]
    summary = row.split("<summary>")[1].split("</summary>")[0]
    assert "CI/CD pipelines" in summary and "Platforms" in summary and "Planned" in summary
    assert f"{quarter_label(quarter(2))} – {quarter_label(quarter(3))}" in summary
    assert "How is code built and deployed?" not in summary  # the detail is below
    assert "How is code built and deployed?" in row
    assert "<details>" in row  # closed unless just saved
    # The owner adjusts it right there; ids apart from the other items' forms.
    action = reverse("roadmap_entry_edit", args=[submitted.assessment.pk, "CICD"])
    assert f'<form method="post" action="{action}"' in row
    assert 'id="id_CICD_start_date"' in row
    # Written out in the template: the same fields as the edit page's form.
    names = set(re.findall(r'name="(\w+)"', row.split("<form")[1])) - {"csrfmiddlewaretoken"}
    assert names == set(RoadmapEntryForm.base_fields)
    assert '<option value="planned" selected>Planned</option>' in row
    assert '<option value="R7">ML engineer</option>' in row
    page = client.get(url(submitted) + "?open=CICD").content.decode()
    assert "<details open>" in page.split('<li id="item-CICD">')[1]


def test_an_item_that_waits_for_capacity_says_why(client, submitted):
    roadmap_edit(submitted.assessment, "CICD", notes="Saved")
    # As if CI/CD needed nothing first: only the capacity holds it back.
    RoadmapEntry.objects.filter(capability_code="CICD").update(needs=[])
    Roadmap.objects.update(capacity=2)
    client.force_login(submitted.viewer)
    page = client.get(url(submitted)).content.decode()
    assert (
        f"Starts in {quarter_label(quarter(2))}, not {quarter_label(quarter(1))}: until then "
        "the office&#x27;s capacity of 2 points at once goes to work ranked higher: "
        "Source code repository."
    ) in page
