"""The results page's body is drawn once per content (reports.content_cache.
html_cached): whatever it is drawn from changes, the page changes with it;
nothing personal is kept in it."""

import pytest
from django.urls import reverse

from assessment import services
from assessment.models import Answer
from tests.factories import answer, make_solution

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
