"""The roadmap page's rows are drawn once per content and shared by every
reader (reports.views._roadmap_items_html): each reader still gets their own
CSRF token, what they may do, and what changed."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import RoadmapEntry
from tests.factories import roadmap_edit

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def url(world, **query):
    path = reverse("roadmap", args=[world.assessment.pk])
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_each_reader_gets_their_own_token_and_no_placeholder(submitted_and_closed):
    world = submitted_and_closed
    pages = []
    for user in (world.owner, world.owner, world.viewer):
        client = Client()
        client.force_login(user)
        pages.append(client.get(url(world)).content.decode())
    for page in pages:
        assert "CSRF-PLACEHOLDER" not in page
    owner_forms = pages[0].count('class="roadmap-edit"')
    assert owner_forms >= 2  # CICD and SOURCE-REPO, each with its form
    # One token per form (and the header's sign-out and language forms),
    # none left as a placeholder.
    assert len(TOKEN.findall(pages[0])) == owner_forms + 2
    # The viewer's rows come without forms, though the owner's were drawn first.
    assert 'class="roadmap-edit"' not in pages[2]


def test_a_form_from_the_shared_rows_posts_with_csrf_checks_on(submitted_and_closed):
    world = submitted_and_closed
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.viewer)
    client.get(url(world))  # the rows are drawn and kept
    client.force_login(world.owner)
    page = client.get(url(world)).content.decode()
    form = page[
        page.index('action="' + reverse("roadmap_entry_edit", args=[world.assessment.pk, "CICD"])) :
    ]
    form = form[: form.index("</form>")]
    data = {
        "csrfmiddlewaretoken": TOKEN.search(form).group(1),
        "version": "0",
        "notes": "Start with the hub.",
    }
    data |= {"start_date": "", "end_date": "", "owner_role": "", "status": "planned"}
    response = client.post(reverse("roadmap_entry_edit", args=[world.assessment.pk, "CICD"]), data)
    assert response.status_code == 302
    assert RoadmapEntry.objects.get(capability_code="CICD").notes == "Start with the hub."


def test_an_edit_shows_at_once(client, submitted_and_closed):
    world = submitted_and_closed
    client.force_login(world.owner)
    assert "Start with the hub." not in client.get(url(world)).content.decode()
    roadmap_edit(world.assessment, "CICD", notes="Start with the hub.")
    assert "Start with the hub." in client.get(url(world)).content.decode()


def test_the_item_just_saved_is_open(client, submitted_and_closed):
    world = submitted_and_closed
    client.force_login(world.owner)
    closed = client.get(url(world)).content.decode()
    opened = client.get(url(world, open="CICD")).content.decode()
    row = '<li id="item-CICD">\n  <details'
    assert row + ">" in closed and row + " open>" in opened
