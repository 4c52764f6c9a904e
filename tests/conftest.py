from types import SimpleNamespace

import pytest
from django.conf import settings

from assessment.models import Membership
from tests.factories import (
    add_member,
    make_assessment,
    make_framework,
    make_framework_with_a_cycle,
    make_organisation,
    make_user,
)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashers are slow by design; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def framework(request, db):
    # parametrize("framework", ["with a cycle"], indirect=True) asks for a
    # published version with a dependency cycle (see the factory).
    if getattr(request, "param", None) == "with a cycle":
        return make_framework_with_a_cycle()
    return make_framework()


@pytest.fixture
def draft(db):
    return make_framework(status="draft", version=2)


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("admin", superuser=True))
    return client


@pytest.fixture
def world(db, framework):
    """Named people around one organisation and its open assessment.

    owner and editor answer the assessment; viewer only reads; outsider
    owns another organisation; staff is an administrator, member of none.
    """
    owner, editor, viewer = make_user("owner"), make_user("editor"), make_user("viewer")
    outsider, staff = make_user("outsider"), make_user("staff", staff=True)
    organisation = make_organisation(owner)
    add_member(organisation, editor, Membership.Role.EDITOR)
    add_member(organisation, viewer, Membership.Role.VIEWER)
    make_organisation(outsider, name="Elsewhere Statistics")
    assessment = make_assessment(organisation, framework, [owner, editor])
    return SimpleNamespace(
        framework=framework,
        organisation=organisation,
        assessment=assessment,
        owner=owner,
        editor=editor,
        viewer=viewer,
        outsider=outsider,
        staff=staff,
        owner_response=assessment.responses.get(respondent=owner),
        editor_response=assessment.responses.get(respondent=editor),
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    # The SQLite test database in a file, as in use: shared between threads,
    # in-memory SQLite fails at once ("table is locked") where a file waits
    # for the lock, so race tests could not line two saves up.
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        path = tmp_path_factory.mktemp("db") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)
