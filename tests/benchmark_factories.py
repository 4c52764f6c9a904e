"""Contributing offices for the benchmark tests, with fixed values."""

from __future__ import annotations

from assessment import services
from benchmark.services import contribution_create
from tests.factories import answer, make_assessment, make_organisation, make_user

PROFILE = {"kind": "nso", "size": "large", "region": "europe", "structure_code": "COE"}
# Typed by every contributor: none of it may reach another office.
SECRET_COMMENT = "Confidential remark of office"
SECRET_EVIDENCE = "https://secret.example.org/evidence"
SECRET_NAME = "Hidden Statistics Office"
SECRET_TITLE = "Private assessment title"
SECRET_USER = "hiddenrespondent"


def make_contributor(framework, number: int, *, dev01: int = 2, dev02: int = 2, **profile):
    """An organisation whose completed assessment contributes to the benchmark:
    one respondent, DEV-01 and DEV-02 at the given levels (target one up)."""
    owner = make_user(f"{SECRET_USER}{number}")
    organisation = make_organisation(
        owner, name=f"{SECRET_NAME} {number}", **{**PROFILE, **profile}
    )
    assessment = make_assessment(organisation, framework, [owner], title=f"{SECRET_TITLE} {number}")
    response = assessment.responses.get()
    answer(
        response,
        "DEV-01",
        current=dev01,
        target=min(4, dev01 + 1),
        comment=f"{SECRET_COMMENT} {number}",
        evidence_url=SECRET_EVIDENCE,
    )
    answer(response, "DEV-02", current=dev02, target=min(4, dev02 + 1))
    services.response_submit(response=response)  # the only respondent: completes it
    assessment.refresh_from_db()
    return contribution_create(assessment=assessment, user=owner)


def make_contributors(framework, count: int, start: int = 1, **profile) -> list:
    return [
        make_contributor(
            framework, number, dev01=1 + number % 4, dev02=1 + (number * 3) % 4, **profile
        )
        for number in range(start, start + count)
    ]
