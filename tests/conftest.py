"""Fixtures shared by the test modules.

The tiny framework of tests/factories.py is loaded once per session, when the
test database is set up: loading it takes some fifty queries, and almost
every test reads it. Each test runs in a transaction that is rolled back at
its end, so whatever a test changes in it (a published version refuses most
changes anyway) is gone for the next test. Tests with a real transaction
(`transaction=True`, `transactional_db`, `live_server`) empty every table
when they end; pytest-django runs them after the others, and `framework`
loads the framework again for any test that still comes after them.

Because the framework is always in the database, a test that needs an empty
framework table (loading and exporting documents) asks for `no_framework`.

`submitted` and `submitted_and_closed` are the answered assessments that
several modules share; a module whose tests need other answers (the
exports, the PDF report, reopening a response) keeps its own `submitted`.
"""

import socket
import threading
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from assessment import services
from assessment.models import Membership
from capabilities.frozen import frozen_clear
from capabilities.models import Capability, Framework
from tests.factories import (
    add_member,
    answer,
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


@pytest.fixture(autouse=True)
def empty_cache():
    # Pages keep scores, figures and questions' HTML in the cache by content:
    # each test starts cold, so pinned query counts and timings do not
    # depend on which tests ran before in the same process. The same for
    # the reads of published framework versions each process keeps.
    cache.clear()
    frozen_clear()


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path_factory):
    # Stored reports are files: one folder per test, never the project's media/.
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        make_framework()


@pytest.fixture
def framework(request, db):
    """The tiny framework, published as version 1 (read once per session).

    parametrize("framework", ["with a cycle"], indirect=True) asks instead for
    a published version with a dependency cycle (see the factory).
    """
    if getattr(request, "param", None) == "with a cycle":
        return make_framework_with_a_cycle()
    shared = Framework.objects.filter(slug="tiny", version=1).first()
    # Missing only after a test that emptied the tables: load it again.
    return shared if shared is not None else make_framework()


@pytest.fixture
def no_framework(db):
    """No framework at all, for this test only (its transaction is rolled back).

    Deleting published versions is what the publishing freeze refuses; only
    here, inside the test's own transaction, is it suspended, as `flush`
    does (on PostgreSQL by switching triggers off for the transaction).
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO capabilities_freeze_suspended (reason) VALUES ('test')")
        else:
            cursor.execute("SET LOCAL session_replication_role = replica")
        Capability.objects.all().delete()  # first: they protect their deliverable types
        Framework.objects.all().delete()
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM capabilities_freeze_suspended")
        else:
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


@pytest.fixture
def draft(db):
    """A draft version 2 of the tiny framework, made for each test that edits it."""
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


@pytest.fixture
def submitted(world):
    """Both respondents answered and submitted; the assessment is still open.

    DEV-01: owner 1 -> 3, editor 3 -> 4 (median 2, target 3.5); DEV-02: owner
    2 -> 2, editor not applicable (level 2). Overall score 2. The owner answers
    from the IT perspective, the editor from the business one.
    """
    services.response_set_perspective(response=world.owner_response, perspective="it")
    services.response_set_perspective(response=world.editor_response, perspective="business")
    answer(world.owner_response, "DEV-01", current=1, target=3)
    answer(world.owner_response, "DEV-02", current=2, target=2)
    answer(world.editor_response, "DEV-01", current=3, target=4)
    answer(world.editor_response, "DEV-02", not_applicable=True, comment="No code of our own.")
    services.response_submit(response=world.owner_response)
    services.response_submit(response=world.editor_response)
    return world


@pytest.fixture
def submitted_and_closed(world):
    """Only the owner answered and submitted, then the assessment was closed;
    the organisation is a centre of excellence (owners of the roadmap items).

    DEV-01 (1 -> 3) points to CICD, which needs SOURCE-REPO; DEV-02 (2 -> 2)
    points to SOURCE-REPO.
    """
    answer(world.owner_response, "DEV-01", current=1, target=3)
    answer(world.owner_response, "DEV-02", current=2, target=2)
    services.response_submit(response=world.owner_response)
    services.assessment_close(assessment=world.assessment)
    world.organisation.structure_code = "COE"
    world.organisation.save()
    return world


@pytest.fixture
def listener():
    """A server on 127.0.0.1 that records every connection made to it: those
    it accepted while running (so a browser's request is answered, by closing)
    and, at the end, any still waiting in the backlog."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    connections: list[tuple] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, address = server.accept()
            except TimeoutError:
                continue
            connections.append(address)
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()

    def made() -> list[tuple]:
        stop.set()
        thread.join()
        server.setblocking(False)
        try:
            while True:
                connection, address = server.accept()
                connections.append(address)
                connection.close()
        except BlockingIOError:
            pass
        return connections

    yield SimpleNamespace(port=server.getsockname()[1], made=made)
    stop.set()
    thread.join()
    server.close()


@pytest.fixture(autouse=True)
def english_terminal(monkeypatch):
    """Commands speak the terminal's language (config/command_language.py):
    the tests expect English, whatever the machine's locale."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language. A French request leaves
    French active in its thread (LocaleMiddleware activates, it never
    deactivates), which would otherwise carry into the next test's code
    that runs outside a request."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
