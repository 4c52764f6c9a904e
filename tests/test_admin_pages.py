"""Framework editing in Django admin."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from capabilities.models import (
    Capability,
    Framework,
    Level,
    LevelDescriptor,
    Principle,
    Question,
)
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

FRAMEWORK_MODELS = [
    model for model in admin.site._registry if model._meta.app_label == "capabilities"
]


def url(model, view, *args):
    return reverse(f"admin:capabilities_{model._meta.model_name}_{view}", args=args)


def first_of(model, framework):
    if model is Framework:
        return framework
    if model is LevelDescriptor:
        return model.objects.filter(question__framework=framework).first()
    return model.objects.filter(framework=framework).first()


@pytest.mark.parametrize("model", FRAMEWORK_MODELS, ids=lambda m: m.__name__)
def test_every_admin_page_loads(admin_client, framework, draft, model):
    assert admin_client.get(url(model, "changelist")).status_code == 200
    assert admin_client.get(url(model, "changelist"), {"q": "CI"}).status_code == 200
    assert admin_client.get(url(model, "add")).status_code == 200
    for version in (framework, draft):
        item = first_of(model, version)
        assert admin_client.get(url(model, "change", item.pk)).status_code == 200


def test_anonymous_is_sent_to_login(client, framework):
    response = client.get(url(Question, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_published_version_is_read_only(admin_client, framework):
    principle = Principle.objects.get(framework=framework, code="P1")
    page = admin_client.get(url(Principle, "change", principle.pk)).content.decode()
    assert 'name="name"' not in page  # shown as text, not as a field
    response = admin_client.post(
        url(Principle, "change", principle.pk), {"name": "Renamed", "code": "P1"}
    )
    assert response.status_code == 403
    assert Principle.objects.get(pk=principle.pk).name == "CI/CD automation"


def test_published_version_cannot_be_deleted_in_admin(admin_client, framework):
    response = admin_client.post(url(Framework, "delete", framework.pk), {"post": "yes"})
    assert response.status_code == 403
    assert Framework.objects.filter(pk=framework.pk).exists()


def question_post(admin_client, question):
    page = admin_client.get(url(Question, "change", question.pk)).content.decode()
    return form_data(page)


def test_question_and_descriptors_edit_on_one_page(admin_client, draft):
    question = Question.objects.get(framework=draft, code="DEV-01")
    data = question_post(admin_client, question)
    # Each text in each language, side by side on the one page.
    data["text_en"] = ["How are models built, tested and deployed?"]
    data["text_fr"] = ["Comment les modèles sont-ils construits, testés et déployés ?"]
    data["descriptors-3-text_en"] = ["Every change is tested and deployed automatically."]
    data["descriptors-3-text_fr"] = ["Chaque changement est testé et déployé automatiquement."]
    response = admin_client.post(url(Question, "change", question.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    question.refresh_from_db()
    assert question.text == "How are models built, tested and deployed?"
    assert question.text_fr == "Comment les modèles sont-ils construits, testés et déployés ?"
    mature = question.descriptors.get(level__name="Mature")
    assert mature.text == "Every change is tested and deployed automatically."
    with translation.override("fr"):
        assert mature.text == "Chaque changement est testé et déployé automatiquement."


def test_missing_descriptor_is_an_error_in_the_form(admin_client, draft):
    question = Question.objects.get(framework=draft, code="DEV-01")
    data = question_post(admin_client, question)
    data["descriptors-3-DELETE"] = ["on"]
    response = admin_client.post(url(Question, "change", question.pk), data)
    assert response.status_code == 200
    assert "missing a descriptor for Mature" in response.content.decode()
    assert question.descriptors.count() == 4


def test_duplicate_descriptor_level_is_an_error_in_the_form(admin_client, draft):
    question = Question.objects.get(framework=draft, code="DEV-01")
    data = question_post(admin_client, question)
    data["descriptors-3-level"] = data["descriptors-2-level"]
    response = admin_client.post(url(Question, "change", question.pk), data)
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert question.descriptors.get(level__name="Mature")


def test_duplicate_question_code_is_an_error_in_the_form(admin_client, draft):
    question = Question.objects.get(framework=draft, code="DEV-01")
    data = question_post(admin_client, question)
    data["code"] = ["DEV-02"]
    response = admin_client.post(url(Question, "change", question.pk), data)
    assert response.status_code == 200
    assert "Another question of this framework has code DEV-02." in response.content.decode()


def test_dependency_cycle_is_refused_with_its_name(admin_client, draft):
    source_repo = Capability.objects.get(framework=draft, code="SOURCE-REPO")
    cicd = Capability.objects.get(framework=draft, code="CICD")
    page = admin_client.get(url(Capability, "change", source_repo.pk)).content.decode()
    data = form_data(page)
    data["requires"] = [str(cicd.pk)]
    response = admin_client.post(url(Capability, "change", source_repo.pk), data)
    assert response.status_code == 200
    assert "This would make a dependency cycle: CICD → SOURCE-REPO → CICD" in (
        response.content.decode()
    )
    assert not source_repo.requires.exists()


def test_choices_stay_inside_one_framework_version(admin_client, framework, draft):
    cicd = Capability.objects.get(framework=draft, code="CICD")
    page = admin_client.get(url(Capability, "change", cicd.pk)).content.decode()
    data = form_data(page)
    published_p1 = Principle.objects.get(framework=framework, code="P1")
    data["principles"] = [str(published_p1.pk)]
    response = admin_client.post(url(Capability, "change", cicd.pk), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_new_draft_action(admin_client, framework):
    response = admin_client.post(
        url(Framework, "changelist"),
        {"action": "make_new_draft", "_selected_action": [framework.pk]},
        follow=True,
    )
    assert "as a draft from version 1" in response.content.decode()
    draft = Framework.objects.get(slug="tiny", version=2)
    assert draft.status == "draft" and draft.based_on == framework
    assert Question.objects.filter(framework=draft).count() == 2


def test_publish_action_lists_problems(admin_client, draft):
    LevelDescriptor.objects.filter(question__framework=draft, level__rank=4).first().delete()
    response = admin_client.post(
        url(Framework, "changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "was not published" in response.content.decode()
    assert "missing descriptor for level" in response.content.decode()
    assert Framework.objects.get(pk=draft.pk).status == "draft"


def test_publish_action_lists_problems_in_the_readers_language(admin_client, draft):
    LevelDescriptor.objects.filter(question__framework=draft, level__rank=4).first().delete()
    response = admin_client.post(
        url(Framework, "changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    page = response.content.decode()
    assert "Tiny framework v2 n’a pas été publié" in page
    assert (
        "sections[DEV].questions[DEV-01].descriptors\u00a0: il manque le descripteur du niveau"
        in (page)
    )
    assert "missing descriptor" not in page
    assert Framework.objects.get(pk=draft.pk).status == "draft"


def test_publish_action(admin_client, draft):
    response = admin_client.post(
        url(Framework, "changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "Published Tiny framework v2." in response.content.decode()
    assert Framework.objects.get(pk=draft.pk).is_published


def test_export_action_downloads_yaml(admin_client, framework):
    response = admin_client.post(
        url(Framework, "changelist"),
        {"action": "export_yaml", "_selected_action": [framework.pk]},
    )
    assert response["Content-Type"] == "application/yaml"
    assert 'filename="tiny-v1.yaml"' in response["Content-Disposition"]
    assert b"slug: tiny" in response.content


def test_levels_are_listed_in_rank_order(admin_client, framework):
    page = admin_client.get(url(Level, "changelist"), {"framework__id__exact": framework.pk})
    text = page.content.decode()
    assert text.index("Initial") < text.index("Spreading") < text.index("Mature")


def test_a_version_published_while_its_page_was_open_is_refused_with_a_message(admin_client, draft):
    principle = Principle.objects.get(framework=draft, code="P1")
    data = form_data(admin_client.get(url(Principle, "change", principle.pk)).content.decode())
    data["name"] = ["Renamed too late"]
    principle_admin = type(admin.site._registry[Principle])
    save_model = principle_admin.save_model

    def published_meanwhile(self, request, obj, form, change):
        # Someone publishes between the admin's checks and the write.
        Framework.objects.filter(pk=draft.pk).update(status=Framework.Status.PUBLISHED)
        save_model(self, request, obj, form, change)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(principle_admin, "save_model", published_meanwhile)
        response = admin_client.post(url(Principle, "change", principle.pk), data, follow=True)
    assert "is published and cannot be changed" in response.content.decode()
    principle.refresh_from_db()
    assert principle.name == "CI/CD automation"
    assert not principle.framework.is_published  # the whole request was rolled back


def test_level_criteria_are_edited_on_the_level_page(admin_client, framework, draft):
    level = Level.objects.get(framework=draft, rank=2)
    page = admin_client.get(url(Level, "change", level.pk)).content.decode()
    assert "Level criteria" in page
    draft_question = Question.objects.get(framework=draft, code="DEV-01")
    published_question = Question.objects.get(framework=framework, code="DEV-01")
    assert f'<option value="{draft_question.pk}">' in page
    assert f'<option value="{published_question.pk}">' not in page  # another version's


def test_question_list_shows_the_framework_version_and_distinct_filter_titles(
    admin_client, framework, draft
):
    page = admin_client.get(reverse("admin:capabilities_question_changelist")).content.decode()
    titles = re.findall(r'data-filter-title="([^"]+)"', page)
    assert titles == ["framework", "section", "principle", "component"]
    assert len(set(titles)) == len(titles)
    # The framework with its version comes right after the code, not last.
    columns = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', page)
    assert columns[:2] == ["code", "framework"]
    assert str(framework) in page


def test_organisation_filter_names_a_blank_value(admin_client, world):
    page = admin_client.get(reverse("admin:assessment_organisation_changelist")).content.decode()
    assert re.search(r'<a href="\?structure_code=">\s*</a>', page) is None


def test_the_framework_list_counts_untranslated_texts(admin_client, framework, draft):
    Question.objects.filter(framework=draft, code="DEV-01").update(text_fr="Le code ?")
    page = admin_client.get(url(Framework, "changelist")).content.decode()
    counts = re.findall(r'<td class="field-untranslated">fr: (\d+)</td>', page)
    # The tiny framework is English only; the draft has one text in French.
    assert len(counts) == 2
    assert int(counts[0]) == int(counts[1]) - 1  # the draft (version 2) is listed first


def test_the_framework_page_marks_each_untranslated_text(admin_client, draft):
    Question.objects.filter(framework=draft, code="DEV-01").update(text_fr="Le code ?")
    page = admin_client.get(url(Framework, "change", draft.pk)).content.decode()
    listed = re.findall(r'<ul class="untranslated">(.*?)</ul>', page, re.S)[0]
    # One line per item, naming its untranslated texts.
    assert (
        "<li><code>questions[DEV-01]</code>: help, descriptors.Initial, descriptors.Spreading, "
        "descriptors.Widespread, descriptors.Mature</li>"
    ) in listed
    assert "<li><code>framework</code>: name, description</li>" in listed
    assert "have no translation in “fr”; readers see them in English." in page
