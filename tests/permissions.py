"""The questions every view test asks, as one-line helpers."""

from __future__ import annotations


def assert_login_required(client, url: str, method: str = "get") -> None:
    response = getattr(client, method)(url)
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith("/accounts/login/")


def assert_status(client, user, url: str, status: int, method: str = "get", data=None) -> None:
    client.force_login(user)
    response = getattr(client, method)(url, data or {})
    assert response.status_code == status, (user, response.status_code)
    client.logout()
