"""Published versions cannot be changed, by any path to the database.

The freeze is in database triggers (capabilities/migrations/0002_...), so
these tests go through the ORM's bulk paths and raw SQL as well as save().
On PostgreSQL a refused statement leaves the transaction unusable, hence the
transaction.atomic() around each attempt that is followed by a query.
"""

import pytest
from django.apps import apps
from django.db import connection, transaction

from capabilities.guards import PublishedFrameworkError
from capabilities.models import (
    Capability,
    Framework,
    Level,
    LevelDescriptor,
    Principle,
    Question,
    Section,
    StructureOwner,
)
from capabilities.services import framework_copy_as_draft, framework_publish
from tests.factories import make_framework

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
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
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


# ---------------------------------------------------------------- paths round save()


def test_bulk_create_is_refused(framework):
    with pytest.raises(PublishedFrameworkError, match="cannot be changed"), transaction.atomic():
        Principle.objects.bulk_create([Principle(framework=framework, code="P9", name="New")])
    assert not Principle.objects.filter(code="P9").exists()


def test_queryset_update_is_refused(framework):
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        Question.objects.filter(framework=framework).update(text="Rewritten")
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        LevelDescriptor.objects.filter(question__framework=framework).update(text="Rewritten")
    assert not Question.objects.filter(text="Rewritten").exists()


def test_queryset_delete_is_refused(framework):
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        Question.objects.filter(framework=framework).delete()
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        Capability.requires.through.objects.filter(from_capability__framework=framework).delete()
    assert Question.objects.filter(framework=framework).count() == 2
    assert Capability.requires.through.objects.count() == 1


def test_cascade_delete_of_a_published_framework_is_refused(framework):
    with pytest.raises(PublishedFrameworkError, match="is published"), transaction.atomic():
        Framework.objects.filter(pk=framework.pk).delete()
    assert Level.objects.filter(framework=framework).count() == 4


def test_m2m_bulk_insert_is_refused(framework):
    question = Question.objects.get(framework=framework, code="DEV-02")
    p2 = Principle.objects.get(framework=framework, code="P2")
    through = Question.principles.through
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        through.objects.bulk_create([through(question=question, principle=p2)])
    assert list(question.principles.all()) == []


def test_raw_sql_is_refused(framework):
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE capabilities_principle SET name = %s WHERE framework_id = %s",
                ["Raw", framework.pk],
            )
    assert not Principle.objects.filter(name="Raw").exists()


def test_a_published_version_cannot_go_back_to_draft(framework):
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        Framework.objects.filter(pk=framework.pk).update(status=Framework.Status.DRAFT)
    framework.refresh_from_db()
    assert framework.is_published


def test_a_draft_item_cannot_move_into_a_published_version(framework, draft):
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        Principle.objects.filter(framework=draft).update(framework=framework)
    assert Principle.objects.filter(framework=draft).count() == 2


# ---------------------------------------------------------------- what stays allowed


def test_drafts_take_every_kind_of_write(draft):
    Principle.objects.bulk_create([Principle(framework=draft, code="P9", name="New")])
    Question.objects.filter(framework=draft).update(text="Rewritten")
    question = Question.objects.get(framework=draft, code="DEV-02")
    question.principles.add(Principle.objects.get(framework=draft, code="P9"))
    LevelDescriptor.objects.filter(question=question).delete()
    Section.objects.filter(framework=draft).delete()
    assert Question.objects.filter(framework=draft).count() == 0
    assert Principle.objects.filter(framework=draft).count() == 3


@pytest.mark.usefixtures("no_framework")  # the draft is then the only one
def test_a_whole_draft_can_be_deleted():
    draft = make_framework(status="draft", version=2)
    Framework.objects.filter(pk=draft.pk).delete()
    assert not Framework.objects.exists()
    assert not Level.objects.exists()
    assert not Capability.requires.through.objects.exists()


def test_a_new_draft_from_a_published_version_is_editable(framework):
    new = framework_copy_as_draft(framework=framework)
    assert (new.version, new.status, new.based_on) == (2, "draft", framework)
    Principle.objects.filter(framework=new).update(name="Renamed in the draft")
    assert Principle.objects.get(framework=framework, code="P1").name == "CI/CD automation"


def test_publishing_a_draft_freezes_it(draft):
    framework_publish(framework=draft)
    draft.refresh_from_db()
    assert draft.is_published
    with pytest.raises(PublishedFrameworkError, match="is published"), transaction.atomic():
        Principle.objects.filter(framework=draft).update(name="Too late")


def test_deleting_the_draft_a_published_version_came_from_keeps_that_version(draft):
    published = framework_copy_as_draft(framework=draft)
    framework_publish(framework=published)
    Framework.objects.filter(pk=draft.pk).delete()
    published.refresh_from_db()
    assert published.based_on is None  # on_delete=SET_NULL: the one write it accepts
    assert published.is_published
    assert Question.objects.filter(framework=published).count() == 2


# ---------------------------------------------------------------- coverage


def frozen_tables() -> set[str]:
    """Every table of the capabilities app, m2m link tables included."""
    config = apps.get_app_config("capabilities")
    return {model._meta.db_table for model in config.get_models(include_auto_created=True)}


def test_every_framework_table_has_its_triggers():
    # On SQLite a later migration that rebuilds a table drops its triggers.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT DISTINCT event_object_table, trigger_name FROM information_schema.triggers"
            )
        triggers = cursor.fetchall()
    for table in frozen_tables():
        names = {name for trigger_table, name in triggers if trigger_table == table}
        if connection.vendor == "postgresql":
            assert names == {f"{table}_frozen"}, table
        elif table == "capabilities_framework":
            assert names == {f"{table}_frozen_update", f"{table}_frozen_delete"}
        else:
            ops = ("insert", "update", "delete")
            assert names == {f"{table}_frozen_{op}" for op in ops}, table


# Translations are framework content: a correction is a new version.
def test_a_french_text_of_a_published_version_cannot_be_changed(framework):
    question = Question.objects.get(framework=framework, code="DEV-01")
    question.text_fr = "Le code est-il versionné ?"
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        question.save()
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        LevelDescriptor.objects.filter(question=question).update(text_fr="Réécrit")
    assert Question.objects.get(pk=question.pk).text_fr is None


def test_the_french_name_of_a_published_framework_cannot_be_changed(framework):
    # On SQLite the framework's update trigger names every column it freezes;
    # the language columns came later (migration 0005) and are among them.
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        Framework.objects.filter(pk=framework.pk).update(name_fr="Minuscule")
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        Framework.objects.filter(pk=framework.pk).update(description_en="Rewritten")
    framework.refresh_from_db()
    assert framework.name_fr is None


def test_a_draft_takes_french_texts(draft):
    question = Question.objects.get(framework=draft, code="DEV-01")
    question.text_fr = "Le code est-il versionné ?"
    question.save()
    Framework.objects.filter(pk=draft.pk).update(name_fr="Minuscule")
    assert Question.objects.get(pk=question.pk).text_fr == "Le code est-il versionné ?"
