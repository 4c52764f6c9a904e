import pytest

from tests.factories import make_framework, make_user


@pytest.fixture
def framework(db):
    return make_framework()


@pytest.fixture
def draft(db):
    return make_framework(status="draft", version=2)


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("admin", superuser=True))
    return client
