"""Behind an HTTPS reverse proxy: forms post (CSRF), redirects and health probes."""

import pytest
from django.test import Client

from tests.factories import make_user

pytestmark = pytest.mark.django_db

HOST = "maturity.example.org"
PROXIED = {"HTTP_HOST": HOST, "HTTP_X_FORWARDED_PROTO": "https"}
LOGIN = {"username": "alice", "password": "correct horse battery staple"}


@pytest.fixture
def proxy(settings):
    # What SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto and SECURE_SSL_REDIRECT=1 set.
    settings.ALLOWED_HOSTS = [HOST]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    return Client(enforce_csrf_checks=True)


def sign_in(client, **headers):
    form = client.get("/accounts/login/", **PROXIED)
    token = form.cookies["csrftoken"].value
    return client.post(
        "/accounts/login/", {**LOGIN, "csrfmiddlewaretoken": token}, **PROXIED, **headers
    )


def test_form_post_from_the_https_page_passes_csrf(proxy):
    make_user("alice")
    response = sign_in(proxy, HTTP_ORIGIN=f"https://{HOST}")
    assert response.status_code == 302, response.content.decode()[:300]


def test_another_origin_is_still_refused(proxy):
    make_user("alice")
    assert sign_in(proxy, HTTP_ORIGIN="https://evil.example.net").status_code == 403


def test_trusted_origin_for_a_proxy_without_the_header(settings):
    settings.ALLOWED_HOSTS = [HOST]
    settings.CSRF_TRUSTED_ORIGINS = [f"https://{HOST}"]
    make_user("alice")
    client = Client(enforce_csrf_checks=True)
    token = client.get("/accounts/login/", HTTP_HOST=HOST).cookies["csrftoken"].value
    response = client.post(
        "/accounts/login/",
        {**LOGIN, "csrfmiddlewaretoken": token},
        HTTP_HOST=HOST,
        HTTP_ORIGIN=f"https://{HOST}",
    )
    assert response.status_code == 302


def test_plain_http_is_redirected_but_health_probes_are_not(proxy):
    response = proxy.get("/accounts/login/", HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/accounts/login/"
    assert proxy.get("/healthz", HTTP_HOST=HOST).status_code == 200
