"""The API answers in the language asked for (Accept-Language), says which in
Content-Language, and its error messages, DRF's and the app's, are French
for a French caller."""

import pytest

from tests.api import NOT_SIGNED_IN, api
from tests.factories import make_user

pytestmark = pytest.mark.django_db

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def test_content_language_says_which(framework):
    assert api().get("/api/frameworks/", **FRENCH)["Content-Language"] == "fr"
    english = api().get("/api/frameworks/", HTTP_ACCEPT_LANGUAGE="en")
    assert english["Content-Language"] == "en"
    assert "Accept-Language" in english["Vary"]
    # A language the app does not have: English, and it says so.
    assert api().get("/api/frameworks/", HTTP_ACCEPT_LANGUAGE="de")["Content-Language"] == "en"


def test_drf_errors_in_french(world):
    response = api().get("/api/assessments/", **FRENCH)
    assert response.status_code == 401
    assert response.json()["detail"] == "Informations d'authentification non fournies."
    assert response.json()["detail"] != NOT_SIGNED_IN
    response = api(make_user("bob")).post("/api/organisations/", {}, format="json", **FRENCH)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Données non valides\u00a0: voir errors."
    assert body["errors"]["name"] == ["Ce champ est obligatoire."]


def test_the_apps_own_errors_in_french(world):
    response = api().get("/api/no-such-thing/", **FRENCH)
    assert response.status_code == 404
    assert response.json() == {"detail": "Pas trouvé.", "code": "not_found"}
    response = api().get("/api/frameworks/tiny/99/", **FRENCH)
    assert response.status_code == 404
    assert response.json()["detail"] == "Pas trouvé."
