"""The API as offices use it: through a client generated from its schema.

The served schema (/api/schema/) goes through openapi-python-client, as an
office would run it; the generated package must import cleanly and do the
README's round trip (tests/client/round_trip.py) against the live server,
in a process of its own that has only the generated package on its path.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.factories import make_framework, make_organisation, make_user

BIN = Path(sys.executable).parent
ROUND_TRIP = Path(__file__).parent / "client" / "round_trip.py"
PASSWORD = "correct horse battery staple"  # as tests.factories.make_user sets it

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.client]


def generate_client(schema_url: str, folder: Path) -> Path:
    schema = folder / "schema.json"
    with urllib.request.urlopen(schema_url + "?format=json") as answer:  # noqa: S310 - live_server
        schema.write_bytes(answer.read())
    package = folder / "ml_client"
    result = subprocess.run(
        [BIN / "openapi-python-client", "generate", "--path", schema, "--meta", "none"]
        + ["--output-path", package],
        capture_output=True,
        text=True,
        env={"PATH": f"{BIN}:/usr/bin:/bin"},  # its ruff formats the code
        timeout=120,
    )
    # Warnings mean parts of the schema could not become code.
    assert result.returncode == 0 and "Warning" not in result.stdout, result.stdout + result.stderr
    return package


def run_in_own_process(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """The round trip as a script beside the generated package: its folder
    is what Python puts first on the path, not this project."""
    script = folder / ROUND_TRIP.name
    shutil.copy(ROUND_TRIP, script)
    return subprocess.run(
        [sys.executable, "-s", script, *args],
        capture_output=True,
        text=True,
        cwd=folder,
        env={"PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_every_generated_module_imports(live_server, tmp_path):
    generate_client(live_server.url + "/api/schema/", tmp_path)
    check = (
        "import importlib, pkgutil, ml_client\n"
        "for m in pkgutil.walk_packages(ml_client.__path__, 'ml_client.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert result.stdout == "ok\n", result.stderr


def test_the_readme_round_trip(live_server, tmp_path):
    make_framework()
    owner = make_user("owner")
    organisation = make_organisation(owner)
    generate_client(live_server.url + "/api/schema/", tmp_path)
    result = run_in_own_process(tmp_path, live_server.url, "owner", PASSWORD, str(organisation.pk))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "token Token"
    assert lines[1] == "bad token authentication_failed"
    assert lines[2] == "organisations 1"
    assert lines[4] == "saved [('DEV-01', 1), ('DEV-02', 1)]"
    assert lines[5] == "conflict changed stored version 1"
    assert lines[6] == "overwritten 3 2"
    assert lines[7] == "submitted complete"
    assert lines[8].startswith("results ")
    assert lines[9].startswith("roadmap [")
