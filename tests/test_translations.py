"""The French catalogue: complete, up to date with the code, and compiled.

Needs gettext's tools (msgfmt, msgmerge through makemessages): `make test`
installs the Debian package `gettext` (bin/system-packages).
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.po_files import po_entries

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
# As the Makefile's `messages` target runs it.
MAKEMESSAGES = [
    "makemessages",
    "-l",
    "fr",
    "--add-location=file",
    *(f"--ignore={folder}" for folder in ("tests", "bench", "docs", "staticfiles", "media")),
]
# Not part of the app's source: left out of the copy makemessages reads.
NOT_SOURCE = shutil.ignore_patterns(
    ".*", "__pycache__", "*.sqlite3*", "tests", "bench", "docs", "staticfiles", "media"
)


def entries() -> list:
    return [e for e in po_entries(CATALOGUE) if not e.obsolete]


def test_every_french_entry_is_translated_and_none_is_fuzzy():
    catalogue = entries()
    assert len(catalogue) > 1000
    untranslated = [e.msgid for e in catalogue if not e.translated]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []


def test_plural_entries_have_both_french_forms():
    plurals = [e for e in entries() if e.msgid_plural]
    assert plurals
    assert all(sorted(e.msgstr) == [0, 1] for e in plurals)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")
def test_msgfmt_finds_no_problem_in_the_catalogue(tmp_path):
    # --check: placeholders of each translation match its msgid's, the
    # header and the plural forms are well formed.
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(CATALOGUE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")
def test_the_committed_mo_is_the_compiled_catalogue(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(CATALOGUE)], check=True)
    with COMPILED.open("rb") as committed, fresh.open("rb") as compiled:
        assert gettext.GNUTranslations(committed)._catalog == (
            gettext.GNUTranslations(compiled)._catalog
        ), "locale/fr/LC_MESSAGES/django.mo is stale: run `make messages`"


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="gettext is not installed")
def test_the_catalogue_holds_every_message_of_the_code_and_no_other(tmp_path):
    """makemessages over a copy of the source: a message in the code that the
    catalogue lacks (or one it still has that the code dropped) fails."""
    copy = tmp_path / "source"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCE, symlinks=True)
    result = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=copy,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    in_code = {e.key for e in po_entries(copy / CATALOGUE.relative_to(ROOT)) if not e.obsolete}
    in_catalogue = {e.key for e in entries()}
    missing = sorted(in_code - in_catalogue, key=str)
    dropped = sorted(in_catalogue - in_code, key=str)
    assert (missing, dropped) == ([], []), "run `make messages` and translate what is new"
