"""The questionnaire page of one section: GET shows it, POST saves it without JS."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from assessment import services
from assessment.models import Answer, AnswerChange
from capabilities.document import document_parse
from capabilities.services import framework_load
from tests.factories import answer, generated_document, make_assessment
from tests.html_forms import form_data
from tests.permissions import assert_login_required, assert_status, page_for

pytestmark = pytest.mark.django_db


def url(assessment, section="DEV"):
    return reverse("questionnaire_section", args=[assessment.pk, section])


def post_data(**questions):
    """Form data as the page sends it: each question's values, version and
    what the page showed (the hidden initial values)."""
    data = {}
    for code, values in questions.items():
        shown = values.pop("shown", {})
        data[f"{code}-version"] = values.pop("version", 0)
        for field in ("current", "target", "comment", "evidence_url"):
            data[f"{code}-{field}"] = values.get(field, "")
            data[f"initial-{code}-{field}"] = shown.get(field, "")
    return data


def test_shows_the_section(client, world):
    page = page_for(client, world.owner, url(world.assessment))
    assert "How is code built and deployed?" in page
    assert "DEV-01 at Widespread." in page  # the descriptor is the choice
    assert '<legend><span class="codes">DEV-01</span>' in page
    assert 'for="id_DEV-01-current_0"' in page  # every control has a label
    assert "0 of 2 answered in this section" in page


def test_shows_saved_answers(client, world):
    answer(world.owner_response, "DEV-01", current=2, target=4, comment="Only Git")
    client.force_login(world.owner)
    page = client.get(url(world.assessment)).content.decode()
    assert 'value="2" id="id_DEV-01-current_1" checked' in page.replace(
        'type="radio" ', ""
    ).replace('name="DEV-01-current" ', "")
    assert "Only Git" in page


def test_permissions(client, world):
    assert_login_required(client, url(world.assessment))
    assert_status(client, world.outsider, url(world.assessment), 404)
    assert_status(client, world.viewer, url(world.assessment), 403)
    assert_status(client, world.staff, url(world.assessment), 403)
    assert_status(client, world.owner, url(world.assessment), 405, method="put")
    assert_status(client, world.owner, url(world.assessment, "NOPE"), 404)


def test_a_member_who_is_not_a_respondent_gets_403(client, world):
    only_editor = make_assessment(world.organisation, world.framework, [world.editor])
    assert_status(client, world.owner, url(only_editor), 403)


def test_post_saves_what_was_touched(client, world):
    client.force_login(world.editor)
    data = post_data(**{"DEV-01": {"current": "2", "target": "3", "comment": "Manual deploys"}})
    data.update(post_data(**{"DEV-02": {}}))
    response = client.post(url(world.assessment), data)
    assert response.status_code == 302
    assert response["Location"] == url(world.assessment)
    saved = Answer.objects.get(response=world.editor_response)
    assert (saved.question.code, saved.current, saved.target) == ("DEV-01", 2, 3)
    assert saved.comment == "Manual deploys"


def test_save_and_next_goes_to_review_after_the_last_section(client, world):
    client.force_login(world.editor)
    data = {
        **post_data(**{"DEV-01": {"current": "na", "comment": "We build nothing."}}),
        "save_next": "1",
    }
    response = client.post(url(world.assessment), data)
    assert response["Location"] == reverse("response_submit", args=[world.assessment.pk])


def test_invalid_answer_is_explained_and_the_rest_is_saved(client, world):
    client.force_login(world.editor)
    data = post_data(
        **{
            "DEV-01": {"current": "3", "target": "1"},
            "DEV-02": {"current": "1", "target": "2", "evidence_url": "https://git.example.org"},
        }
    )
    response = client.post(url(world.assessment), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Some answers were not saved" in page
    assert "The target level cannot be below the current level." in page
    assert form_data(page)["DEV-01-target"] == ["1"]  # what they chose is still there
    saved = Answer.objects.get(response=world.editor_response)
    assert saved.question.code == "DEV-02" and saved.evidence_url == "https://git.example.org"


def test_bad_evidence_link_is_explained(client, world):
    client.force_login(world.editor)
    data = post_data(**{"DEV-01": {"current": "1", "evidence_url": "not a link at all"}})
    response = client.post(url(world.assessment), data)
    assert "Enter a valid URL." in response.content.decode()
    assert not Answer.objects.exists()


def test_conflict_is_refused_and_shows_the_other_value(client, world):
    client.force_login(world.editor)
    # The page was loaded with no answer; meanwhile another tab saved one.
    answer(world.editor_response, "DEV-01", current=3, target=4, comment="From the other tab")
    data = post_data(**{"DEV-01": {"current": "1", "target": "2"}})
    response = client.post(url(world.assessment), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "changed elsewhere" in page
    assert "current Widespread, target Mature" in page
    assert "From the other tab" in page
    assert Answer.objects.get().current == 3
    # Saving again from the re-shown page is a deliberate overwrite.
    data["DEV-01-version"] = 1
    assert client.post(url(world.assessment), data).status_code == 302
    assert Answer.objects.get().current == 1


def test_untouched_question_does_not_conflict(client, world):
    client.force_login(world.editor)
    answer(world.editor_response, "DEV-01", current=3, target=4)  # changed elsewhere
    data = post_data(**{"DEV-02": {"current": "2", "target": "2"}})
    data.update(post_data(**{"DEV-01": {}}))  # shown empty, left empty
    assert client.post(url(world.assessment), data).status_code == 302
    assert Answer.objects.get(question__code="DEV-01").current == 3


def test_submitted_response_cannot_be_changed(client, world):
    answer(world.editor_response, "DEV-01", current=1, target=2)
    answer(world.editor_response, "DEV-02", current=1, target=2)
    services.response_submit(response=world.editor_response)
    client.force_login(world.editor)
    page = client.get(url(world.assessment)).content.decode()
    assert "You have submitted your answers" in page and "disabled" in page
    data = post_data(**{"DEV-01": {"current": "4", "target": "4", "version": 1}})
    response = client.post(url(world.assessment), data, follow=True)
    assert "submitted and is locked" in response.content.decode()
    assert Answer.objects.get(question__code="DEV-01").current == 1
    assert AnswerChange.objects.count() == 2


@pytest.mark.parametrize("size", [10, 100])
def test_query_count_does_not_grow_with_the_questions(
    client, world, size, django_assert_num_queries
):
    framework = framework_load(document=document_parse(generated_document(size))).framework
    assessment = make_assessment(world.organisation, framework, [world.owner])
    response = assessment.responses.get()
    answer(response, "S0-Q000", current=1, target=2)
    client.force_login(world.owner)
    # session, user, assessment (+organisation, framework), membership,
    # response, answer counts per section, sections with their question
    # counts, questions, descriptors (+levels), answers of the section. The
    # levels were read when the answer above was saved (capabilities.frozen).
    with django_assert_num_queries(10):
        page = client.get(url(assessment, "S0"))
    assert page.content.decode().count('<fieldset class="question') == size
    # Again: the published version's sections, questions, descriptors and
    # levels are known (capabilities.frozen); the rest is read afresh.
    with django_assert_num_queries(7):
        page = client.get(url(assessment, "S0"))
    assert page.content.decode().count('<fieldset class="question') == size


def test_not_applicable_without_a_reason_is_refused_beside_the_comment(client, world):
    client.force_login(world.owner)
    data = post_data(**{"DEV-01": {"current": "na"}})
    page = client.post(url(world.assessment), data).content.decode()
    assert "Say in the comment why this question does not apply to the office." in page
    assert not Answer.objects.filter(response=world.owner_response).exists()


def test_no_element_id_is_repeated(client, world):
    client.force_login(world.editor)
    page = client.get(
        reverse("questionnaire_section", args=[world.assessment.pk, "DEV"])
    ).content.decode()
    repeated = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', page)).items() if n > 1]
    assert repeated == []
    assert 'name="initial-DEV-01-comment"' in page  # still there, once
