"""Hand-written test data with fixed values (no random fakes)."""

from __future__ import annotations

import copy

from django.contrib.auth import get_user_model

from capabilities.document import document_parse
from capabilities.models import Framework
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
    "phases": [{"code": "5", "name": "Process", "ml_use": "Coding and classification."}],
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


def make_user(username: str = "alice", *, staff: bool = False, superuser: bool = False):
    return get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="correct horse battery staple",
        is_staff=staff or superuser,
        is_superuser=superuser,
    )
