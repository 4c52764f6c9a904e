"""Hand-written test data with fixed values (no random fakes)."""

from __future__ import annotations

import copy

from django.contrib.auth import get_user_model

from capabilities.document import document_parse
from capabilities.models import Capability, Framework
from capabilities.services import framework_load

LEVELS = ["Initial", "Spreading", "Widespread", "Mature"]

SMALL_DOCUMENT = {
    "framework": {
        "slug": "tiny",
        "name": "Tiny framework",
        "version": 1,
        "status": "published",
        "description": "A small framework for tests.",
    },
    "levels": [
        {"rank": rank, "name": name, "description": f"{name} level."}
        for rank, name in enumerate(LEVELS, start=1)
    ],
    "principles": [
        {"code": "P1", "name": "CI/CD automation"},
        {"code": "P2", "name": "Workflow orchestration"},
    ],
    "components": [
        {
            "code": "C1",
            "name": "CI/CD component",
            "principles": ["P1"],
            "overlap": "Often exists already.",
        }
    ],
    "roles": [
        {"code": "R1", "name": "Business stakeholder"},
        {"code": "R7", "name": "ML engineer", "new_role": True},
    ],
    "deliverables": [
        {"code": "PLATFORMS", "name": "Platforms"},
        {"code": "SKILLS", "name": "Skills building"},
    ],
    "structures": [
        {
            "code": "COE",
            "name": "Centre of excellence",
            "strengths": "Shared standards.",
            "risks": "Distance from the business.",
            "owners": {"PLATFORMS": "The centre.", "SKILLS": "The centre's trainers."},
        }
    ],
    "focus_areas": [{"code": "DATA", "name": "Data"}, {"code": "SECURITY", "name": "Security"}],
    "phases": [
        {
            "code": "5",
            "name": "Process",
            "ml_use": "Coding and classification.",
            "subprocesses": [
                {"code": "5.2", "name": "Classify and code"},
                {"code": "5.4", "name": "Edit and impute"},
            ],
        }
    ],
    "capabilities": [
        {
            "code": "SOURCE-REPO",
            "name": "Source code repository",
            "deliverable": "PLATFORMS",
            "effort": "S",
            "requires": [],
            "components": ["C1"],
            "principles": ["P1"],
            "roles": ["R7"],
        },
        {
            "code": "CICD",
            "name": "CI/CD pipelines",
            "deliverable": "PLATFORMS",
            "effort": "M",
            "requires": ["SOURCE-REPO"],
            "components": ["C1"],
            "principles": ["P1", "P2"],
            "roles": ["R1", "R7"],
        },
    ],
    "sections": [
        {
            "code": "DEV",
            "name": "Development",
            "questions": [
                {
                    "code": "DEV-01",
                    "text": "How is code built and deployed?",
                    "help": "Think of the last model you put in production.",
                    "weight": 1.5,
                    "principles": ["P1"],
                    "components": ["C1"],
                    "focus_areas": ["DATA"],
                    "capabilities": ["CICD"],
                    "descriptors": {name: f"DEV-01 at {name}." for name in LEVELS},
                },
                {
                    "code": "DEV-02",
                    "text": "Is the code versioned?",
                    "capabilities": ["SOURCE-REPO"],
                    "descriptors": {name: f"DEV-02 at {name}." for name in LEVELS},
                },
            ],
        }
    ],
}


def small_document(**header) -> dict:
    """A fresh, valid raw document; keyword arguments change its header."""
    document = copy.deepcopy(SMALL_DOCUMENT)
    document["framework"].update(header)
    return document


def make_framework(**header) -> Framework:
    return framework_load(document=document_parse(small_document(**header))).framework


def make_framework_with_a_cycle() -> Framework:
    """A published version where SOURCE-REPO and CICD need each other.

    Publishing refuses a cycle and the database freezes a published version,
    so this is a version published before either existed: built as a draft,
    the cycle added, then marked published without the publishing checks.
    """
    # Version 3: beside the tests' shared version 1 and their usual draft 2.
    framework = make_framework(status="draft", version=3)
    capabilities = Capability.objects.filter(framework=framework)
    Capability.requires.through.objects.create(
        from_capability=capabilities.get(code="SOURCE-REPO"),
        to_capability=capabilities.get(code="CICD"),
    )
    Framework.objects.filter(pk=framework.pk).update(status=Framework.Status.PUBLISHED)
    framework.refresh_from_db()
    return framework


def make_user(username: str = "alice", *, staff: bool = False, superuser: bool = False):
    return get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="correct horse battery staple",
        is_staff=staff or superuser,
        is_superuser=superuser,
    )


def make_organisation(owner, name: str = "Statistics Testland", **profile):
    from assessment.services import organisation_create

    return organisation_create(owner=owner, name=name, country="Testland", **profile)


def add_member(organisation, user, role: str):
    from assessment.models import Membership

    return Membership.objects.create(organisation=organisation, user=user, role=role)


def make_assessment(organisation, framework, respondents, title: str = "ML maturity 2026"):
    from assessment.services import assessment_start

    return assessment_start(
        organisation=organisation,
        framework=framework,
        title=title,
        respondents=respondents,
        created_by=respondents[0],
    )


def answer(response, code: str, *, version: int | None = None, **values):
    """Save one answer through the service, as a respondent would."""
    from assessment.models import Answer
    from assessment.services import AnswerValues, answer_save
    from capabilities.models import Question

    question = Question.objects.get(framework_id=response.assessment.framework_id, code=code)
    if version is None:
        existing = Answer.objects.filter(response=response, question=question).first()
        version = existing.version if existing else 0
    return answer_save(
        response=response,
        question=question,
        values=AnswerValues(**values),
        based_on_version=version,
        user=response.respondent,
    )


def generated_document(questions: int, *, slug: str = "generated", sections: int = 1) -> dict:
    """A valid framework document of any size, for query-count and speed checks."""
    document = small_document(slug=slug, name=f"Generated, {questions} questions")
    per_section = -(-questions // sections)
    document["sections"] = [
        {
            "code": f"S{s}",
            "name": f"Section {s}",
            "questions": [
                {
                    "code": f"S{s}-Q{q:03d}",
                    "text": f"Question {q} of section {s}?",
                    "principles": ["P1"],
                    "capabilities": ["CICD"],
                    "descriptors": {name: f"S{s}-Q{q} at {name}." for name in LEVELS},
                }
                for q in range(per_section)
                if s * per_section + q < questions
            ],
        }
        for s in range(sections)
    ]
    return document


def hostile_document() -> dict:
    """The small document with markup in every name and text a person writes
    (level names with a shorter one: they hold 80 characters)."""
    from tests.figures import HOSTILE, HOSTILE_SHORT

    document = small_document(slug="hostile", name=HOSTILE)
    renamed = {name: f"{HOSTILE_SHORT} {name}" for name in LEVELS}
    for level in document["levels"]:
        level["name"] = renamed[level["name"]]
    for key in ("principles", "components", "roles", "deliverables", "structures"):
        for item in document[key]:
            item["name"] = f"{HOSTILE} {item['name']}"
    for key in ("focus_areas", "capabilities", "sections"):
        for item in document[key]:
            item["name"] = f"{HOSTILE} {item['name']}"
    for question in document["sections"][0]["questions"]:
        question["text"] = f"{HOSTILE} {question['text']}"
        question["descriptors"] = {
            renamed[name]: f"{HOSTILE} {text}" for name, text in question["descriptors"].items()
        }
    return document


# A new organisation's profile as the form and the API take it (the codes are
# the tiny framework's).
PROFILE = {
    "name": "Statistics Newland",
    "country": "Newland",
    "region": "oceania",
    "kind": "regional",
    "size": "medium",
    "structure_code": "COE",
    "deliverable_codes": ["PLATFORMS", "SKILLS"],
}


def roadmap_edit(assessment, code: str, *, based_on_version: int = 0, **changes):
    """An owner's edit of one roadmap item, through the service; fields not
    given keep the values of a fresh item."""
    from reports.services import roadmap_entry_update

    fresh = {"start_date": None, "end_date": None, "owner_role": "", "notes": ""}
    return roadmap_entry_update(
        assessment=assessment,
        code=code,
        based_on_version=based_on_version,
        **(fresh | {"status": "planned"} | changes),
    )


def membership(world, user):
    """The user's membership of the world's organisation."""
    from assessment.models import Membership

    return Membership.objects.get(user=user, organisation=world.organisation)


def make_solution(assessment, name: str = "Occupation coder", **values):
    """An ML solution through the service, with fixed defaults."""
    from assessment.services import ml_solution_save

    fields = {
        "name": name,
        "purpose": "Codes job titles to ISCO.",
        "phase_code": "5",
        "subprocess_code": "5.2",
        "stage": "production",
        "method": "coding",
        "run_by": "The hub",
        "component_codes": ["C1"],
    }
    fields.update(values)
    return ml_solution_save(assessment=assessment, values=fields)
