"""Published versions cannot be changed through the models."""

import pytest
from django.db import transaction

from capabilities.guards import PublishedFrameworkError
from capabilities.models import (
    Capability,
    LevelDescriptor,
    Principle,
    Question,
    StructureOwner,
)

pytestmark = pytest.mark.django_db


def test_framework_row_is_frozen(framework):
    framework.name = "Renamed"
    with pytest.raises(PublishedFrameworkError, match="tiny version 1 is published"):
        framework.save()


def test_framework_cannot_be_deleted(framework):
    with pytest.raises(PublishedFrameworkError):
        framework.delete()


def test_part_cannot_be_saved(framework):
    principle = Principle.objects.get(framework=framework, code="P1")
    principle.name = "Renamed"
    with pytest.raises(PublishedFrameworkError):
        principle.save()
    assert Principle.objects.get(pk=principle.pk).name == "CI/CD automation"


def test_part_cannot_be_added(framework):
    with pytest.raises(PublishedFrameworkError):
        Principle.objects.create(framework=framework, code="P9", name="Feedback loops")


def test_part_cannot_be_deleted(framework):
    with pytest.raises(PublishedFrameworkError):
        Question.objects.get(framework=framework, code="DEV-01").delete()


def test_descriptor_cannot_be_changed(framework):
    descriptor = LevelDescriptor.objects.filter(question__framework=framework).first()
    descriptor.text = "Rewritten"
    with pytest.raises(PublishedFrameworkError):
        descriptor.save()


def test_structure_owner_cannot_be_changed(framework):
    owner = StructureOwner.objects.filter(structure__framework=framework).first()
    owner.owner = "Someone else"
    with pytest.raises(PublishedFrameworkError):
        owner.save()


def test_links_cannot_be_changed(framework):
    cicd = Capability.objects.get(framework=framework, code="CICD")
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        cicd.requires.clear()
    question = Question.objects.get(framework=framework, code="DEV-01")
    p2 = Principle.objects.get(framework=framework, code="P2")
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        question.principles.add(p2)
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        p2.questions.add(question)  # from the other side of the relation
    assert cicd.requires.count() == 1


def test_drafts_can_be_edited(draft):
    principle = Principle.objects.get(framework=draft, code="P1")
    principle.name = "Renamed"
    principle.save()
    Capability.objects.get(framework=draft, code="CICD").requires.clear()
    draft.name = "Renamed too"
    draft.save()


def test_a_part_cannot_move_out_of_a_published_version(framework, draft):
    principle = Principle.objects.get(framework=framework, code="P1")
    principle.framework = draft
    principle.code = "MOVED"
    with pytest.raises(PublishedFrameworkError):
        principle.save()


def test_a_draft_cannot_link_to_a_published_item(framework, draft):
    draft_question = Question.objects.get(framework=draft, code="DEV-01")
    published_principle = Principle.objects.get(framework=framework, code="P2")
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        draft_question.principles.add(published_principle)
