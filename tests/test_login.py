import pytest

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_login_page_loads(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'for="id_username"' in response.content.decode()


def test_login_and_out(client):
    make_user("alice")
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert client.post("/accounts/logout/").status_code == 302


def test_wrong_password_is_explained(client):
    make_user("alice")
    response = client.post("/accounts/login/", {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()
