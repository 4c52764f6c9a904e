"""/api/frameworks/ and /api/frameworks/<slug>/<version>/: public, like the pages."""

import pytest

from tests.api import api, assert_api_status
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LIST = "/api/frameworks/"


def detail_url(framework):
    return f"/api/frameworks/{framework.slug}/{framework.version}/"


def test_list_shows_published_versions_only(framework, draft):
    response = api().get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (item,) = body["results"]
    assert (item["slug"], item["version"], item["status"]) == ("tiny", 1, "published")
    assert item["url"] == "http://testserver/api/frameworks/tiny/1/"


def test_detail_is_the_whole_tree(framework):
    body = api().get(detail_url(framework)).json()
    assert body["framework"]["name"] == "Tiny framework"
    assert [level["name"] for level in body["levels"]] == [
        "Initial",
        "Spreading",
        "Widespread",
        "Mature",
    ]
    (section,) = body["sections"]
    first = section["questions"][0]
    assert first["code"] == "DEV-01"
    assert first["weight"] == 1.5
    assert first["descriptors"]["Mature"] == "DEV-01 at Mature."
    assert first["capabilities"] == ["CICD"]
    capabilities = {c["code"]: c for c in body["capabilities"]}
    assert capabilities["CICD"]["requires"] == ["SOURCE-REPO"]
    assert capabilities["CICD"]["roles"] == ["R1", "R7"]
    assert body["structures"][0]["owners"]["PLATFORMS"] == "The centre."


def test_detail_takes_a_fixed_number_of_queries(framework, django_assert_num_queries):
    # The framework, then framework_document: 1 per list (levels, principles,
    # components, roles, deliverables, structures, focus areas, phases,
    # capabilities, questions, sections) and 1 per relation prefetched (12,
    # level criteria and sub-processes of phases included), whatever the
    # size of the framework.
    with django_assert_num_queries(25):
        assert api().get(detail_url(framework)).status_code == 200


def test_drafts_and_unknown_versions_are_404(framework, draft):
    assert api().get(detail_url(draft)).status_code == 404
    assert api(make_user("staff", staff=True)).get(detail_url(draft)).status_code == 404
    assert api().get("/api/frameworks/tiny/9/").status_code == 404
    assert api().get("/api/frameworks/nope/1/").json() == {
        "detail": "Not found.",
        "code": "not_found",
    }


def test_permissions(framework):
    # Public, like /frameworks/: anonymous callers and any signed-in user read.
    assert api().get(LIST).status_code == 200
    assert_api_status(make_user("alice"), detail_url(framework), 200)
    assert_api_status(None, LIST, 405, method="post", data={})
    assert_api_status(None, detail_url(framework), 405, method="put", data={})
    # A wrong token is refused even here.
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Token wrong")
    assert client.get(LIST).status_code == 401
