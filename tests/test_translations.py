"""The translation catalogues (French today; each language of LANGUAGES but
English): complete, up to date with the code, and compiled.

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
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
# As the Makefile's `messages` target runs it.
MAKEMESSAGES = [
    "makemessages",
    *(f"-l{code}" for code in TRANSLATED),
    "--add-location=file",
    *(f"--ignore={folder}" for folder in ("tests", "bench", "docs", "staticfiles", "media")),
]
# Not part of the app's source: left out of the copy makemessages reads.
NOT_SOURCE = shutil.ignore_patterns(
    ".*", "__pycache__", "*.sqlite3*", "tests", "bench", "docs", "staticfiles", "media"
)


def catalogue_path(language: str, root: Path = ROOT) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


def entries(language: str, root: Path = ROOT) -> list:
    return [e for e in po_entries(catalogue_path(language, root)) if not e.obsolete]


per_language = pytest.mark.parametrize("language", TRANSLATED)


@per_language
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    catalogue = entries(language)
    assert len(catalogue) > 1000
    untranslated = [e.msgid for e in catalogue if not e.translated]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []


@per_language
def test_plural_entries_have_every_form(language):
    plurals = [e for e in entries(language) if e.msgid_plural]
    forms = len(plurals[0].msgstr)  # as the catalogue's Plural-Forms header says (msgfmt checks)
    assert forms >= 2
    assert all(sorted(e.msgstr) == list(range(forms)) for e in plurals)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")
@per_language
def test_msgfmt_finds_no_problem_in_the_catalogue(language, tmp_path):
    # --check: placeholders of each translation match its msgid's, the
    # header and the plural forms are well formed.
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(catalogue_path(language))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")
@per_language
def test_the_committed_mo_is_the_compiled_catalogue(language, tmp_path):
    fresh = tmp_path / "django.mo"
    source = catalogue_path(language)
    subprocess.run(["msgfmt", "-o", str(fresh), str(source)], check=True)
    with source.with_suffix(".mo").open("rb") as committed, fresh.open("rb") as compiled:
        assert gettext.GNUTranslations(committed)._catalog == (
            gettext.GNUTranslations(compiled)._catalog
        ), f"locale/{language}/LC_MESSAGES/django.mo is stale: run `make messages`"


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
    for language in TRANSLATED:
        in_code = {e.key for e in entries(language, copy)}
        in_catalogue = {e.key for e in entries(language)}
        missing = sorted(in_code - in_catalogue, key=str)
        dropped = sorted(in_catalogue - in_code, key=str)
        assert (language, missing, dropped) == (language, [], []), (
            "run `make messages` and translate what is new"
        )
