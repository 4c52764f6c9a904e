"""The questions every API test asks, as one-line helpers (permissions.py does
the same for pages).

Anonymous callers get 403, not 401: session authentication comes first in
REST_FRAMEWORK's list and asks for no WWW-Authenticate challenge.
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
    assert response.status_code == 403, response.status_code
    assert response.json() == {"detail": NOT_SIGNED_IN}
