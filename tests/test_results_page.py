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
    names = ("radar", "gaps", "components", "disagreement", "change")
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
    assert set(shown) == {"radar", "gaps", "components", "disagreement"}
    assert shown["radar"]["data"][1]["r"] == [2.0, 2.0]  # P1, closed; P2 has no question
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
    assert heat["x"] == ["Business", "IT"] and heat["y"] == ["DEV-01"]
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
        (earlier, {"radar", "gaps", "components", "disagreement"}),
        (later, {"radar", "gaps", "components", "change"}),
    ):
        shown = figures(client.get(url(assessment)))
        assert set(shown) == expected
        for figure in shown.values():
            assert_text_only(figure)


def test_nothing_submitted_yet(client, world):
    answer(world.owner_response, "DEV-01", current=1, target=3)  # not submitted
    client.force_login(world.owner)
    page = client.get(url(world.assessment)).content.decode()
    assert "Not assessed yet" in page
    assert "0 submitted responses" in page


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
    # session, user, assessment, membership; questions + their principles,
    # components, focus areas, capabilities; answers; principle, component
    # and section names; level criteria (none: no descriptors to read); levels;
    # focus weights; the structures' typical levels; earlier assessment (none);
    # not applicable answers and their reasons; what the office has: phases,
    # sub-processes, components, roles, and its solutions, components and roles.
    with django_assert_num_queries(26):
        client.get(url(assessment))
    # Again: the published version's questions (5), names (3), levels and
    # inventory vocabulary (4) are known (capabilities.frozen); the answers
    # and the rest are read afresh.
    with django_assert_num_queries(13):
        client.get(url(assessment))
