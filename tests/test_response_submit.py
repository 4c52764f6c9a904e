import pytest
from django.urls import reverse

from assessment import services
from assessment.models import Response
from tests.factories import answer
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("response_submit", args=[world.assessment.pk])


def test_lists_missing_questions_with_links(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2)
    client.force_login(world.editor)
    page = client.get(url(world)).content.decode()
    assert "1 question has no answer yet" in page
    link = reverse("questionnaire_section", args=[world.assessment.pk, "DEV"]) + "#q-DEV-02"
    assert link in page


def test_submit_refused_while_incomplete(client, world):
    client.force_login(world.editor)
    response = client.post(url(world))
    assert response.status_code == 200
    assert "2 questions have no answer yet" in response.content.decode()
    assert not Response.objects.get(respondent=world.editor).is_submitted


def test_submit_locks_the_response(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2)
    answer(world.editor_response, "DEV-02", dont_know=True)
    client.force_login(world.editor)
    response = client.post(url(world))
    assert response["Location"] == submitted_url(world)
    assert Response.objects.get(respondent=world.editor).is_submitted
    # Submitting again, or opening the review, leads to the same page.
    assert client.post(url(world))["Location"] == submitted_url(world)
    assert client.get(url(world))["Location"] == submitted_url(world)


def submitted_url(world):
    return reverse("response_submitted", args=[world.assessment.pk])


def test_review_shows_each_answer_by_section_with_a_link_to_change_it(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2, comment="Manual builds.")
    answer(world.editor_response, "DEV-02", not_applicable=True, comment="No code of ours.")
    client.force_login(world.editor)
    page = client.get(url(world)).content.decode()
    assert "Development" in page or "DEV" in page
    assert "current Initial, target Spreading, comment “Manual builds.”" in page
    assert "not applicable" in page
    section = reverse("questionnaire_section", args=[world.assessment.pk, "DEV"])
    assert f'href="{section}#q-DEV-01">Change DEV-01' in page
    assert f'href="{section}#q-DEV-02">Change DEV-02' in page
    assert "You have not said from which perspective you answer." in page
    assert "Submit my answers" in page
    # An editor does not set the focus weights.
    assert "The weights lock when the assessment completes." not in page


def test_review_names_what_is_not_answered(client, world):
    client.force_login(world.editor)
    page = client.get(url(world)).content.decode()
    assert page.count("no answer") >= 2
    assert "Submit my answers" not in page
    assert 'role="alert"' not in page


def test_owner_sets_the_focus_weights_before_the_last_response(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2)
    answer(world.editor_response, "DEV-02", dont_know=True)
    services.response_submit(response=world.editor_response)
    client.force_login(world.owner)
    page = client.get(url(world)).content.decode()
    assert "The weights lock when the assessment completes." in page
    assert "Yours is the last response" in page
    assert 'name="focus-' in page
    # Saved from the review page, the weights lead back to it.
    area = world.framework.focus_areas.first().code
    codes = world.framework.focus_areas.values_list("code", flat=True)
    weights = {f"focus-{side}-{code}": "3" for code in codes for side in ("statistics", "it")}
    response = client.post(
        reverse("focus_weights", args=[world.assessment.pk]), weights | {"next": url(world)}
    )
    assert response["Location"] == url(world)
    assert {w.weight for w in world.assessment.focus_weights.filter(focus_code=area)} == {3}


def test_owner_not_last_is_told_the_weights_lock_later(client, world):
    client.force_login(world.owner)
    page = client.get(url(world)).content.decode()
    assert "The weights lock when the assessment completes." in page
    assert "Yours is the last response" not in page


def test_submitted_page_says_what_happens_next(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2)
    answer(world.editor_response, "DEV-02", dont_know=True)
    client.force_login(world.editor)
    client.post(url(world))
    page = client.get(submitted_url(world)).content.decode()
    assert "Your answers are submitted" in page
    assert "1 respondent has not submitted yet." in page
    assert f'href="{reverse("results", args=[world.assessment.pk])}"' in page
    # The questionnaire of a submitted response leads here too.
    resume = client.get(reverse("questionnaire", args=[world.assessment.pk]))
    assert resume["Location"] == submitted_url(world)


def test_submitted_page_before_submitting_leads_to_the_review(client, world):
    client.force_login(world.editor)
    assert client.get(submitted_url(world))["Location"] == url(world)


def test_submitted_page_permissions(client, world):
    assert_login_required(client, submitted_url(world))
    assert_status(client, world.outsider, submitted_url(world), 404)
    assert_status(client, world.viewer, submitted_url(world), 403)  # not a respondent
    assert_status(client, world.editor, submitted_url(world), 405, method="post")


def test_permissions(client, world):
    assert_login_required(client, url(world))
    assert_status(client, world.outsider, url(world), 404)
    assert_status(client, world.viewer, url(world), 403, method="post")
    assert_status(client, world.editor, url(world), 405, method="put")
