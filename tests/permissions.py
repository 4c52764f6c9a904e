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


def assert_owners_post_only(client, world, url: str) -> None:
    """An owner's action: signed-out users sign in, outsiders get 404, editors
    and viewers 403, and a GET is 405."""
    assert_login_required(client, url, method="post")
    assert_status(client, world.outsider, url, 404, method="post")
    assert_status(client, world.editor, url, 403, method="post")
    assert_status(client, world.viewer, url, 403, method="post")
    assert_status(client, world.owner, url, 405)


def page_for(client, user, url: str) -> str:
    """The page as the user sees it (asserting it is there)."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (user, response.status_code)
    return response.content.decode()
