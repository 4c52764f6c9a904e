"""Addresses under /api/ that are no endpoint: JSON 404s, and the slash redirect."""

import pytest

from tests.api import api
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/nope/", "/api/assessments/abc/", "/api/a/%0A/"])
def test_unknown_addresses_are_a_json_404(path):
    for method in ("get", "patch"):  # no CSRF failure page for writes either
        response = getattr(api(make_user(f"u-{method}")), method)(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_a_missing_slash_still_redirects():
    response = api().get("/api/assessments")
    assert (response.status_code, response["Location"]) == (301, "/api/assessments/")
