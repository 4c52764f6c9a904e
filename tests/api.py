"""The questions every API test asks, as one-line helpers (permissions.py does
the same for pages).

Anonymous callers get 401 with "WWW-Authenticate: Token" (token
authentication comes first in REST_FRAMEWORK's list). Every 4xx has one
shape: {"detail", "code", "errors"?}.
"""

from __future__ import annotations

from rest_framework.test import APIClient

NOT_SIGNED_IN = "Authentication credentials were not provided."


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def assert_api_status(user, url: str, status: int, method: str = "get", data=None):
    response = getattr(api(user), method)(url, data, format="json")
    assert response.status_code == status, (user, response.status_code, response.content[:300])
    return response


def assert_anonymous_refused(url: str, method: str = "get", data=None) -> None:
    response = getattr(api(), method)(url, data, format="json")
    assert response.status_code == 401, response.status_code
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": NOT_SIGNED_IN, "code": "not_authenticated"}


def invalid(fields: dict) -> dict:
    """The body of a 400 for invalid input, naming each field with its messages."""
    return {"detail": "Invalid input: see errors.", "code": "invalid", "errors": fields}


def assert_members_read_only(world, url: str) -> None:
    """A read-only endpoint of one assessment: every member and staff read,
    outsiders get 404, nobody writes, and no other assessment is found."""
    assert_anonymous_refused(url)
    assert_api_status(world.outsider, url, 404)
    assert_api_status(world.viewer, url, 200)
    assert_api_status(world.staff, url, 200)
    assert_api_status(world.owner, url, 405, "post")
    assert_api_status(world.owner, url.replace(f"/{world.assessment.pk}/", "/999/"), 404)
