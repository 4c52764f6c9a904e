"""The favicon: a static file, linked from every page."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_every_page_links_the_favicon(client):
    page = client.get("/accounts/login/").content.decode()
    assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in page


def test_the_favicon_is_a_static_file():
    path = finders.find("favicon.svg")
    assert path is not None
    with open(path) as svg:
        assert svg.read().startswith("<svg")
