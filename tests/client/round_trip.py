"""The README's API round trip, through a client generated from the schema.

Run by tests/test_api_generated_client.py in a process of its own, with the
generated package (ml_client) on its path:
    python round_trip.py BASE_URL USERNAME PASSWORD ORGANISATION_ID
Prints one line per step; exits non-zero at the first surprise.
"""

import sys

from ml_client import AuthenticatedClient, Client
from ml_client.api.answers import answers_bulk_save, answers_save
from ml_client.api.assessments import assessments_create, assessments_submit
from ml_client.api.organisations import organisations_list
from ml_client.api.results import assessments_results, assessments_roadmap
from ml_client.api.token import token_create
from ml_client.models import (
    AnswerBulkError,
    AnswerBulkItemRequest,
    AnswerBulkRequest,
    AnswerBulkResult,
    AnswerInputRequest,
    AssessmentCreateRequest,
    AuthTokenRequest,
    Error,
    Results,
    Roadmap,
    Submitted,
)

base_url, username, password, organisation_id = sys.argv[1:5]

token = token_create.sync(
    client=Client(base_url=base_url),
    body=AuthTokenRequest(username=username, password=password),
)
print("token", type(token).__name__)
client = AuthenticatedClient(base_url=base_url, token=token.token, prefix="Token")

wrong = AuthenticatedClient(base_url=base_url, token="wrong", prefix="Token")
refused = organisations_list.sync(client=wrong)
assert isinstance(refused, Error) and refused.code == "authentication_failed", refused
print("bad token", refused.code)

organisations = organisations_list.sync(client=client)
assert [o.id for o in organisations.results] == [int(organisation_id)], organisations
print("organisations", organisations.count)

assessment = assessments_create.sync(
    client=client,
    body=AssessmentCreateRequest(
        organisation=int(organisation_id), title="ML maturity 2027", framework="tiny"
    ),
)
print("assessment", assessment.id, assessment.status)

saved = answers_bulk_save.sync(
    assessment.id,
    client=client,
    body=AnswerBulkRequest(
        answers=[
            AnswerBulkItemRequest(question="DEV-01", current=2, target=3, version=0),
            AnswerBulkItemRequest(question="DEV-02", dont_know=True, version=0),
        ]
    ),
)
assert isinstance(saved, AnswerBulkResult), saved
print("saved", [(a.question, a.version) for a in saved.answers])

# Based on version 0 again: DEV-01 changed since (it is version 1 now).
conflict = answers_bulk_save.sync(
    assessment.id,
    client=client,
    body=AnswerBulkRequest(
        answers=[AnswerBulkItemRequest(question="DEV-01", current=3, version=0)]
    ),
)
assert isinstance(conflict, AnswerBulkError) and conflict.code == "changed", conflict
stored = conflict.current["DEV-01"]
print("conflict", conflict.code, "stored version", stored.version)

# Overwrite deliberately, based on the stored version.
again = answers_save.sync(
    assessment.id,
    "DEV-01",
    client=client,
    body=AnswerInputRequest(current=3, version=stored.version),
)
print("overwritten", again.current, again.version)

submitted = assessments_submit.sync(assessment.id, client=client)
assert isinstance(submitted, Submitted), submitted
print("submitted", submitted.assessment_status)

results = assessments_results.sync(assessment.id, client=client)
assert isinstance(results, Results), results
print("results", results.overall.score)

roadmap = assessments_roadmap.sync(assessment.id, client=client)
assert isinstance(roadmap, Roadmap), roadmap
print("roadmap", [item.capability for item in roadmap.items])
