"""The results page: /assessments/<id>/results/."""

import json

import pytest
from django.urls import reverse

from assessment import services
from capabilities.document import document_parse
from capabilities.services import framework_load
from tests.factories import (
    add_member,
    answer,
    generated_document,
    hostile_document,
    make_assessment,
    make_organisation,
)
from tests.figures import HOSTILE, assert_text_only
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


def url(assessment):
    return reverse("results", args=[assessment.pk])


def figures(response):
    page = response.content.decode()
    names = ("radar", "component_gaps", "components", "topic_gaps", "disagreement", "change")
    found = {}
    for name in names:
        marker = f'<script id="figure-{name}" type="application/json">'
        if marker in page:
            found[name] = json.loads(page.split(marker)[1].split("</script>")[0])
    return found


def test_shows_the_overall_level_and_the_charts(client, submitted):
    client.force_login(submitted.viewer)
    response = client.get(url(submitted.assessment))
    page = response.content.decode()
    assert response.status_code == 200
    # DEV-01: median of 1 and 3 = 2; DEV-02: 2 (the N/A gives no level). Mean 2.
    assert "Level 2 of 4: <strong>Spreading</strong>" in page
    assert "2 submitted responses" in page
    shown = figures(response)
    assert set(shown) == {"radar", "component_gaps", "components", "topic_gaps", "disagreement"}
    assert shown["radar"]["data"][1]["r"] == [2.0, 2.0]  # P1, closed; P2 has no question
    assert shown["radar"]["data"][1]["theta"] == ["P1 CI/CD automation"] * 2
    assert 'src="/static/vendor/plotly/plotly.min.js"' in page


def test_every_chart_has_a_table(client, submitted):
    client.force_login(submitted.owner)
    page = client.get(url(submitted.assessment)).content.decode()
    assert page.count('class="chart"') == page.count("<summary>The numbers</summary>")
    assert "CI/CD automation" in page  # names, not only codes
    assert "How is code built and deployed?" in page  # the largest gap, by question


def test_disagreement_is_shown_per_perspective(client, submitted):
    client.force_login(submitted.owner)
    response = client.get(url(submitted.assessment))
    heat = figures(response)["disagreement"]["data"][0]
    assert heat["x"] == ["Business", "IT"]
    assert heat["y"] == ["DEV-01 How is code built and deployed?"]
    assert heat["z"] == [[3.0, 1.0]]


def test_change_since_an_earlier_assessment(client, submitted):
    later = services.assessment_copy(
        assessment=submitted.assessment, title="2027", created_by=submitted.owner
    )
    for response in later.responses.all():
        services.answers_confirm(
            response=response,
            questions=submitted.framework.questions.all(),
            user=response.respondent,
        )
        answer(response, "DEV-02", current=3, target=4)
        answer(response, "DEV-01", current=3, target=4)
        services.response_submit(response=response)
    client.force_login(submitted.owner)
    response = client.get(url(later))
    assert "Change since ML maturity 2026" in response.content.decode()
    change = figures(response)["change"]["data"]
    assert change[0]["name"] == "ML maturity 2026" and change[1]["name"] == "2027"


def test_markup_in_every_name_reaches_the_charts_as_text(client, world):
    """Organisation, assessment titles, level, principle, component, section
    and question names all carry markup; every chart shows it as text."""
    framework = framework_load(document=document_parse(hostile_document())).framework
    organisation = make_organisation(world.owner, name=HOSTILE)
    add_member(organisation, world.editor, "editor")
    earlier = make_assessment(organisation, framework, [world.owner, world.editor], title=HOSTILE)
    for response, perspective, level in zip(
        earlier.responses.order_by("respondent__username"), ("it", "business"), (1, 3), strict=True
    ):
        services.response_set_perspective(response=response, perspective=perspective)
        answer(response, "DEV-01", current=level, target=4)
        answer(response, "DEV-02", current=2, target=3)
        services.response_submit(response=response)
    later = services.assessment_copy(
        assessment=earlier, title=HOSTILE + " 2027", created_by=world.owner
    )
    for response in later.responses.all():
        services.response_set_perspective(response=response, perspective="it")
        answer(response, "DEV-01", current=3, target=4)
        answer(response, "DEV-02", current=3, target=4)
        services.response_submit(response=response)
    client.force_login(world.owner)
    for assessment, expected in (
        (earlier, {"radar", "component_gaps", "components", "topic_gaps", "disagreement"}),
        (later, {"radar", "component_gaps", "components", "topic_gaps", "change"}),
    ):
        shown = figures(client.get(url(assessment)))
        assert set(shown) == expected
        for figure in shown.values():
            assert_text_only(figure)


def test_nothing_submitted_yet(client, world):
    """No chart (a heatmap of zeros would invent a colour scale), no table of
    dashes: a sentence, and what to do next."""
    answer(world.owner_response, "DEV-01", current=1, target=3)  # not submitted
    client.force_login(world.owner)
    response = client.get(url(world.assessment))
    page = response.content.decode()
    assert "Not assessed yet" in page
    assert "0 submitted responses" in page
    assert figures(response) == {}
    assert 'class="chart"' not in page
    assert 'id="principles"' not in page and 'id="components"' not in page
    assert "What to do next: the respondents answer the questionnaire" in page
    assert f'href="{reverse("questionnaire", args=[world.assessment.pk])}"' in page


def test_an_answer_without_a_level_draws_nothing_either(client, world):
    """Submitted, but "don't know" everywhere: still nothing to chart."""
    answer(world.owner_response, "DEV-01", dont_know=True)
    answer(world.owner_response, "DEV-02", dont_know=True)
    services.response_submit(response=world.owner_response)
    client.force_login(world.owner)
    response = client.get(url(world.assessment))
    page = response.content.decode()
    assert figures(response) == {}
    assert "Not assessed yet" in page
    # Counts in their singular form where they are one.
    assert "1 submitted response ·" in page
    assert "0 questions with a level" in page and "2 don't know" in page


def test_counts_take_their_plural_form(client, world):
    answer(world.owner_response, "DEV-01", current=2, target=3)
    answer(world.owner_response, "DEV-02", not_applicable=True, comment="No code of our own.")
    services.response_submit(response=world.owner_response)
    client.force_login(world.owner)
    page = client.get(url(world.assessment)).content.decode()
    assert "1 submitted response · 1 question with a level · 1 not applicable" in page
    assert "1 submitted responses" not in page and "1 questions" not in page


def test_the_message_first(client, submitted_and_closed):
    """Level, profile score, the next level's unmet criteria, the three
    largest gaps by name and the roadmap's first step, each a link to its
    detail, before anything else."""
    world = submitted_and_closed
    client.force_login(world.owner)
    page = client.get(url(world.assessment)).content.decode()
    summary = page.split('aria-labelledby="summary-title"')[1].split("</section>")[0]
    assert page.index('id="summary-title"') < page.index('id="level-title"')
    assert "Level 1 of 4: <strong>Initial</strong>" in summary
    assert "Initial level." in summary  # what the level means
    assert "Profile score 1.50 of 4" in summary
    assert "To reach Spreading" in summary
    # The three largest gaps, by name, each linking to its row.
    for anchor, name in (
        ("component-C1", "CI/CD component"),
        ("principle-P1", "CI/CD automation"),
        ("section-DEV", "Development"),
    ):
        assert f'<a href="#{anchor}">{name}</a>' in summary
        assert f'id="{anchor}"' in page
    roadmap = reverse("roadmap", args=[world.assessment.pk])
    assert f'<a href="{roadmap}#item-SOURCE-REPO">Source code repository</a>' in summary


def test_the_unmet_criteria_link_to_their_rows(client, world):
    """A framework version with criteria: each unmet criterion of the next
    level is a link to its row in the detail."""
    from tests.factories import small_document
    from tests.test_results_staged import CRITERIA  # the criteria of the staged tests

    document = small_document(version=2)
    for level in document["levels"]:
        level["criteria"] = CRITERIA.get(level["name"], [])
    framework = framework_load(document=document_parse(document)).framework
    assessment = make_assessment(world.organisation, framework, [world.owner], title="Staged")
    response = assessment.responses.get()
    answer(response, "DEV-01", current=3, target=4)
    answer(response, "DEV-02", current=2, target=4)
    services.response_submit(response=response)
    client.force_login(world.owner)
    page = client.get(url(assessment)).content.decode()
    summary = page.split('aria-labelledby="summary-title"')[1].split("</section>")[0]
    assert "To reach Mature" in summary
    assert "2 criteria not met yet:" in summary
    assert '<a href="#criterion-DEV-01">How is code built and deployed?</a>' in summary
    assert 'id="criterion-DEV-01"' in page


def test_principles_components_and_topics_are_separate_views(client, submitted):
    client.force_login(submitted.owner)
    page = client.get(url(submitted.assessment)).content.decode()
    sections = {
        kind: page.split(f'<section id="{kind}"')[1].split("</section>")[0]
        for kind in ("principles", "components", "topics")
    }
    assert 'id="principle-P1"' in sections["principles"]
    assert "component-" not in sections["principles"] and "section-" not in sections["principles"]
    assert 'id="component-C1"' in sections["components"]
    assert "principle-" not in sections["components"]
    assert 'id="section-DEV"' in sections["topics"]
    assert "principle-" not in sections["topics"] and "component-" not in sections["topics"]
    # The page's own navigation between them works without JavaScript.
    for kind in sections:
        assert f'href="#{kind}"' in page


def test_names_not_codes_where_a_person_reads(client, submitted):
    client.force_login(submitted.owner)
    response = client.get(url(submitted.assessment))
    page = response.content.decode()
    # Name first, code in the quieter style.
    assert 'CI/CD automation <span class="codes">P1</span>' in page
    # What the gaps point to: the capabilities' names.
    gaps = page.split('id="question-gaps"')[1].split("</section>")[0]
    assert "CI/CD pipelines" in gaps and "CICD" not in gaps
    # Chart labels: "P1 CI/CD automation", not "P1".
    component_rows = figures(response)["component_gaps"]["data"][0]["y"]
    assert component_rows == ["C1 CI/CD component"]


def test_permissions(client, submitted):
    assert_login_required(client, url(submitted.assessment))
    assert_status(client, submitted.outsider, url(submitted.assessment), 404)
    assert_status(client, submitted.staff, url(submitted.assessment), 200)
    assert_status(client, submitted.owner, url(submitted.assessment), 405, method="post")


@pytest.mark.parametrize("size", [10, 100])
def test_query_count_does_not_grow_with_the_questions(
    client, world, size, django_assert_num_queries
):
    framework = framework_load(document=document_parse(generated_document(size))).framework
    assessment = make_assessment(world.organisation, framework, [world.owner])
    response = assessment.responses.get()
    for n in range(size):
        answer(response, f"S0-Q{n:03d}", current=1 + n % 4, target=4)
    services.response_submit(response=response)
    client.force_login(world.owner)
    # session, user, assessment, membership; what the page is drawn from
    # (reports.selectors.results_page_source, 9): the framework's published
    # versions, the earlier assessment (none), focus weights, the office's
    # solutions, components and roles, the roadmap, its entries, the
    # submitted answers with their comments. Then, the cache having no page
    # for them, the report (31): questions + their principles, components,
    # focus areas, capabilities; answers; principle, component and section
    # names; level criteria (none: no descriptors to read); focus weights;
    # the structures' typical levels; earlier assessment (none); not
    # applicable answers and their reasons; what the office has: phases,
    # sub-processes, components, roles, and its solutions, components and
    # roles; capability names (what the gaps point to); the roadmap's first
    # steps: saved roadmap (none), capabilities with what they require, their
    # roles and components, the office's components, roles and solutions,
    # role names. Then what it is drawn from again (9), unchanged, so the
    # page is kept; whether a PDF report is being prepared (the download
    # form says so). The levels were read when the answers were saved.
    with django_assert_num_queries(54):
        client.get(url(assessment))
    # Again: session, user, assessment, membership and what the page is drawn
    # from (9); the page is in the cache, so nothing is built; whether a PDF
    # report is being prepared.
    with django_assert_num_queries(14):
        client.get(url(assessment))
