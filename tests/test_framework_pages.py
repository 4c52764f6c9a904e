"""The read-only framework pages (/frameworks/)."""

import pytest
from django.urls import reverse

from capabilities.document import document_parse
from capabilities.services import framework_load
from tests.factories import make_user
from tests.test_reference_framework import PATH as REFERENCE

pytestmark = pytest.mark.django_db


def detail_url(framework):
    return reverse("framework_detail", args=[framework.slug, framework.version])


def test_list_shows_published_versions_only(client, framework, draft):
    response = client.get(reverse("framework_list"))
    assert response.status_code == 200
    assert detail_url(framework) in response.content.decode()
    assert detail_url(draft) not in response.content.decode()


def test_staff_also_see_drafts(client, framework, draft):
    client.force_login(make_user("editor", staff=True))
    assert detail_url(draft) in client.get(reverse("framework_list")).content.decode()
    response = client.get(detail_url(draft))
    assert response.status_code == 200
    assert "This is a draft" in response.content.decode()


def test_detail_shows_the_whole_framework(client, framework):
    response = client.get(detail_url(framework))
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Spreading", "P1 CI/CD automation", "Centre of excellence", "DEV-01 at Mature."):
        assert text in page
    assert 'href="#capability-SOURCE-REPO"' in page


def test_draft_is_hidden_from_others(client, draft):
    assert client.get(detail_url(draft)).status_code == 404


def test_unknown_version_is_404(client, framework):
    assert client.get(reverse("framework_detail", args=["tiny", 9])).status_code == 404


@pytest.mark.parametrize("size", ["tiny", "reference"])
def test_detail_query_count_does_not_grow_with_the_framework(
    client, framework, size, django_assert_num_queries
):
    if size == "reference":
        framework = framework_load(document=document_parse(REFERENCE.read_text())).framework
    # framework row, then the document: levels + their criteria, principles, components +
    # their principles, roles, deliverables, structures + owners, focus areas,
    # phases + their sub-processes, capabilities + requires/components/principles/roles, questions +
    # principles/components/focus areas/capabilities/descriptors, sections.
    with django_assert_num_queries(25):
        client.get(detail_url(framework))


def test_post_is_refused(client, framework):
    assert client.post(detail_url(framework)).status_code == 405


def test_the_reference_framework_shows_where_each_item_comes_from(client):
    framework = framework_load(document=document_parse(REFERENCE.read_text())).framework
    page = client.get(detail_url(framework)).content.decode()
    # Levels, with their criteria and each criterion's line of the report.
    assert '<span class="source source-report">Source: report, lines 25-27</span>' in page
    assert '<a href="#question-COLLAB-02">COLLAB-02</a>' in page
    assert 'id="question-COLLAB-02"' in page
    assert "met when not applicable" in page
    # The paper's principles, our own additions, dependencies, default weights.
    assert "source source-paper" in page
    assert "source source-framework-authors" in page
    assert "Source: framework authors (domain review, version 2)" in page
    assert "Default weight: statistics 3, IT 1 (of 3)." in page
    assert "Typical at:</strong> Widespread, Mature" in page
