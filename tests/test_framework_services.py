"""capabilities.services: publish and copy as a new draft."""

import pytest

from capabilities.document import DocumentError
from capabilities.guards import PublishedFrameworkError
from capabilities.models import Framework, LevelDescriptor, Question
from capabilities.selectors import framework_document
from capabilities.services import framework_copy_as_draft, framework_publish

pytestmark = pytest.mark.django_db


def test_copy_as_draft_makes_the_next_version_with_the_same_content(framework):
    draft = framework_copy_as_draft(framework=framework)
    assert (draft.version, draft.status, draft.based_on) == (2, "draft", framework)
    original, copy = framework_document(framework), framework_document(draft)
    assert copy["framework"] == {**original["framework"], "version": 2, "status": "draft"}
    assert {k: v for k, v in copy.items() if k != "framework"} == {
        k: v for k, v in original.items() if k != "framework"
    }


def test_copy_of_a_copy_takes_the_next_free_version(framework):
    framework_copy_as_draft(framework=framework)
    assert framework_copy_as_draft(framework=framework).version == 3


def test_publish_freezes_a_draft(draft):
    framework_publish(framework=draft)
    draft.refresh_from_db()
    assert draft.is_published and draft.published_at is not None


def test_publish_refuses_a_missing_descriptor(draft):
    LevelDescriptor.objects.filter(
        question__framework=draft, question__code="DEV-01", level__name="Mature"
    ).delete()
    with pytest.raises(DocumentError) as raised:
        framework_publish(framework=draft)
    assert raised.value.errors == [
        "sections[DEV].questions[DEV-01].descriptors: missing descriptor for level 'Mature'"
    ]
    assert Framework.objects.get(pk=draft.pk).status == "draft"


def test_publish_refuses_a_framework_without_questions(draft):
    Question.objects.filter(framework=draft).delete()
    with pytest.raises(DocumentError, match="at least one question"):
        framework_publish(framework=draft)


def test_publish_twice_is_refused(framework):
    with pytest.raises(PublishedFrameworkError, match="already published"):
        framework_publish(framework=framework)
