"""The reference framework shipped in the repository: complete and loadable."""

from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from capabilities.document import document_dump, document_parse
from capabilities.services import framework_load

FRAMEWORKS = Path(settings.BASE_DIR) / "capabilities" / "frameworks"
PATH = FRAMEWORKS / "ml-statistical-production.yaml"
FIRST_VERSION = FRAMEWORKS / "ml-statistical-production-v1.yaml"


@pytest.fixture(scope="module")
def document():
    return document_parse(PATH.read_text(encoding="utf-8"))


def codes(items):
    return [item["code"] for item in items]


def questions(document):
    return [q for section in document["sections"] for q in section["questions"]]


def test_header(document):
    assert document["framework"]["slug"] == "ml-statistical-production"
    assert document["framework"]["status"] == "published"


def test_the_reports_four_levels(document):
    assert [level["name"] for level in document["levels"]] == [
        "Initial",
        "Spreading",
        "Widespread",
        "Mature",
    ]


def test_principles_and_components(document):
    assert codes(document["principles"]) == [f"P{n}" for n in range(1, 10)]
    assert codes(document["components"]) == [f"C{n}" for n in range(1, 14)]
    names = " ".join(c["name"] for c in document["components"]).lower()
    for addition in ("integration with regular production", "innovation and production"):
        assert addition in names
    assert "collaboration and sharing" in names and "cloud and on-prem" in names


def test_organisation_topics(document):
    assert codes(document["structures"]) == ["HUB-SPOKE", "COE", "COP", "INFORMAL"]
    assert codes(document["deliverables"]) == ["SOLUTIONS", "PLATFORMS", "SKILLS"]
    for structure in document["structures"]:
        assert set(structure["owners"]) == {"SOLUTIONS", "PLATFORMS", "SKILLS"}
        assert structure["strengths"] and structure["risks"]
    assert codes(document["focus_areas"]) == [
        "DATA",
        "PROD-LOGIC",
        "METADATA",
        "DATA-VERSIONING",
        "CODE-VERSIONING",
        "SECURITY",
        "AUTOMATION",
        "COMPUTE",
    ]
    assert codes(document["phases"]) == [str(n) for n in range(1, 9)]
    roles = {r["name"].split(" (")[0] for r in document["roles"]}
    assert {"Business stakeholder", "Methodologist", "Data scientist", "ML engineer"} <= roles
    assert any(r["new_role"] for r in document["roles"])


def test_forty_to_sixty_questions_covering_every_principle_and_component(document):
    all_questions = questions(document)
    assert 40 <= len(all_questions) <= 60
    principle_uses = Counter(code for q in all_questions for code in q["principles"])
    component_uses = Counter(code for q in all_questions for code in q["components"])
    focus_uses = Counter(code for q in all_questions for code in q["focus_areas"])
    assert set(principle_uses) == set(codes(document["principles"]))
    assert set(component_uses) == set(codes(document["components"]))
    assert set(focus_uses) == set(codes(document["focus_areas"]))
    assert all(q["capabilities"] for q in all_questions)


def test_descriptors_can_be_told_apart(document):
    for question in questions(document):
        texts = list(question["descriptors"].values())
        assert len(texts) == 4 and len(set(texts)) == 4, question["code"]


def test_every_capability_serves_something(document):
    pointed_to = {code for q in questions(document) for code in q["capabilities"]}
    assert pointed_to == set(codes(document["capabilities"]))


@pytest.mark.django_db
def test_loads_and_round_trips(document):
    outcome = framework_load(document=document)
    assert outcome.action == "created"
    assert document_parse(document_dump(document)) == document
    assert framework_load(document=document).action == "unchanged"
