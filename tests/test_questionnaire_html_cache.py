"""The questionnaire section reuses each question's drawn HTML while nothing it
shows has changed (assessment.views.questionnaire._render_blocks)."""

import re

import pytest
from django.urls import reverse

from tests.factories import answer
from tests.permissions import page_for

pytestmark = pytest.mark.django_db


def without_csrf_tokens(page: str) -> str:
    """Each page masks the CSRF token anew; the rest must be the same."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", page)


def url(world):
    return reverse("questionnaire_section", args=[world.assessment.pk, "DEV"])


def test_reused_html_is_the_html_drawn_afresh(client, world, settings):
    answer(world.owner_response, "DEV-01", current=2, target=3, comment="Git <since> 2019")
    drawn = page_for(client, world.owner, url(world))
    reused = page_for(client, world.owner, url(world))
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    uncached = page_for(client, world.owner, url(world))
    assert without_csrf_tokens(drawn) == without_csrf_tokens(reused)
    assert without_csrf_tokens(reused) == without_csrf_tokens(uncached)
    assert "Git &lt;since&gt; 2019" in drawn


def test_a_changed_answer_is_drawn_again(client, world):
    answer(world.owner_response, "DEV-01", current=2, target=3, comment="first words")
    assert "first words" in page_for(client, world.owner, url(world))
    answer(world.owner_response, "DEV-01", current=2, target=3, comment="second words")
    page = page_for(client, world.owner, url(world))
    assert "second words" in page
    assert "first words" not in page


def test_a_submitted_response_is_drawn_locked(client, world):
    from assessment import services

    answer(world.owner_response, "DEV-01", current=2, target=3)
    answer(world.owner_response, "DEV-02", current=1, target=2)
    open_page = page_for(client, world.owner, url(world))
    assert "hx-post=" in open_page
    services.response_submit(response=world.owner_response)
    locked_page = page_for(client, world.owner, url(world))
    assert "hx-post=" not in locked_page
    assert "disabled" in locked_page
