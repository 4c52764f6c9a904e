"""config.middleware.content_security_policy: the policy on every response."""

import re
from pathlib import Path

import plotly
import pytest
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import RequestFactory

from config.middleware import content_security_policy

pytestmark = pytest.mark.django_db

POLICY_HEADER = "Content-Security-Policy"


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in header.split(";"):
        name, *values = directive.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize("path", ["/accounts/login/", "/frameworks/", "/healthz", "/api/docs/"])
def test_every_page_sends_the_policy(client, path):
    response = client.get(path)
    policy = directives(response[POLICY_HEADER])
    # Only the app's own files: no script, style or image from elsewhere,
    # nothing inline but empty style attributes, no plugins, no framing.
    assert policy["default-src"] == ["'self'"]
    assert "script-src" not in policy and "style-src" not in policy  # as default-src
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["style-src-attr"] == [
        "'unsafe-hashes'",
        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",  # of ""
    ]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_a_view_may_send_its_own_policy():
    def view(request):
        response = HttpResponse()
        response[POLICY_HEADER] = "default-src 'none'"
        return response

    response = content_security_policy(view)(RequestFactory().get("/"))
    assert response[POLICY_HEADER] == "default-src 'none'"


def test_plotly_finds_the_placeholder_for_its_map_styles():
    """plotly.js injects MapLibre's stylesheet inline (blocked by the policy)
    unless an element with its id exists; the id is the bundle's own."""
    bundle = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    ids = re.findall(r'getElementById\("([0-9a-f]{64})"\)', bundle.read_text())
    assert len(ids) == 1
    head = render_to_string("reports/charts_head.html")
    assert f'id="{ids[0]}"' in head
    assert 'id="plotly.js-style-global"' in head
