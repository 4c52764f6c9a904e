"""Reads of published framework versions are kept per process; drafts' never."""

import pytest

from assessment.selectors import framework_levels, framework_sections, section_questions
from capabilities.frozen import MAX_ENTRIES, frozen_clear, frozen_read
from capabilities.models import Framework, Level

pytestmark = pytest.mark.django_db


class Reads:
    def __init__(self, value="read"):
        self.count = 0
        self.value = value

    def __call__(self):
        self.count += 1
        return self.value


def test_a_published_version_is_read_once_per_question(framework):
    levels, sections = Reads("levels"), Reads("sections")
    for _ in range(3):
        assert frozen_read(framework, "levels", levels) == "levels"
        assert frozen_read(framework, "sections", sections) == "sections"
    assert (levels.count, sections.count) == (1, 1)


def test_arguments_are_part_of_the_question(framework):
    reads = Reads()
    frozen_read(framework, ("owners", "HUB"), reads)
    frozen_read(framework, ("owners", "COE"), reads)
    frozen_read(framework, ("owners", "HUB"), reads)
    assert reads.count == 2


def test_a_draft_is_read_every_time(draft):
    reads = Reads()
    frozen_read(draft, "levels", reads)
    frozen_read(draft, "levels", reads)
    assert reads.count == 2


def test_a_version_with_the_same_id_published_at_another_moment_is_another(framework):
    reads = Reads()
    frozen_read(framework, "levels", reads)
    # As a test database that reuses an id after a rollback would present it.
    reused = Framework(
        pk=framework.pk, status=Framework.Status.PUBLISHED, published_at=framework.created_at
    )
    assert reused.published_at != framework.published_at
    frozen_read(reused, "levels", reads)
    assert reads.count == 2


def test_clearing_forgets(framework):
    reads = Reads()
    frozen_read(framework, "levels", reads)
    frozen_clear()
    frozen_read(framework, "levels", reads)
    assert reads.count == 2


def test_the_oldest_entries_go_past_the_bound(framework):
    first = Reads()
    frozen_read(framework, "first", first)
    for number in range(MAX_ENTRIES):
        frozen_read(framework, ("filler", number), Reads())
    frozen_read(framework, "first", first)
    assert first.count == 2


def test_selectors_read_a_published_version_once(framework, django_assert_num_queries):
    section = framework_sections(framework)[0]
    with django_assert_num_queries(0):
        again = framework_sections(framework)[0]
    assert again is section and section.total > 0
    questions = section_questions(framework, section)
    levels = framework_levels(framework)
    with django_assert_num_queries(0):
        assert section_questions(framework, section) == questions
        assert framework_levels(framework) == levels
        # Descriptors were fetched with the questions.
        assert [d.level.rank for d in questions[0].descriptors.all()]


def test_selectors_see_a_draft_change_at_once(draft):
    before = [level.name for level in framework_levels(draft)]
    Level.objects.filter(framework=draft, rank=1).update(name="Just starting")
    after = [level.name for level in framework_levels(draft)]
    assert after[0] == "Just starting" != before[0]


def test_each_language_is_read_on_its_own(framework):
    from django.utils import translation

    reads = Reads()
    with translation.override("en"):
        frozen_read(framework, "names", reads)
    with translation.override("fr"):
        frozen_read(framework, "names", reads)
    with translation.override("en"):
        frozen_read(framework, "names", reads)
    assert reads.count == 2


def test_only_what_keep_accepts_is_kept(framework):
    reads = Reads("borrowed")
    frozen_read(framework, "criteria", reads, keep=lambda value: value == "own")
    frozen_read(framework, "criteria", reads, keep=lambda value: value == "own")
    assert reads.count == 2
    own = Reads("own")
    frozen_read(framework, "own criteria", own, keep=lambda value: value == "own")
    frozen_read(framework, "own criteria", own, keep=lambda value: value == "own")
    assert own.count == 1
