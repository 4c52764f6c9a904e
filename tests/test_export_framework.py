"""manage.py export_framework, and the load-export-load round trip."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from capabilities.document import document_parse
from capabilities.models import Framework
from capabilities.selectors import framework_document
from tests.factories import make_framework, small_document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_framework")]


def export(*args) -> str:
    out = StringIO()
    call_command("export_framework", *args, stdout=out)
    return out.getvalue()


def test_round_trip_gives_the_same_data(tmp_path):
    framework = make_framework()
    exported = export()
    assert document_parse(exported) == document_parse(small_document())

    # Load the exported text as a new version: same content, item for item.
    path = tmp_path / "again.yaml"
    path.write_text(exported.replace("version: 1", "version: 2"), encoding="utf-8")
    call_command("load_framework", str(path), stdout=StringIO())
    again = Framework.objects.get(slug="tiny", version=2)
    first, second = framework_document(framework), framework_document(again)
    first["framework"]["version"] = 2
    assert first == second


def test_no_arguments_exports_the_newest_published(tmp_path):
    make_framework()
    make_framework(version=2, name="Tiny framework, second edition")
    make_framework(version=3, status="draft", name="Unfinished")
    assert "name: Tiny framework, second edition" in export()


def test_slug_and_version(tmp_path):
    make_framework()
    make_framework(version=2, status="draft")
    assert "status: draft" in export("tiny", "2")


def test_nothing_published_yet():
    with pytest.raises(CommandError, match="no published framework yet"):
        export()


def test_unknown_version():
    make_framework()
    with pytest.raises(CommandError, match="There is no version 9 of framework 'tiny'"):
        export("tiny", "9")


def test_refusals_are_in_the_terminals_language(monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    make_framework()
    with pytest.raises(CommandError) as raised:
        export("tiny", "9")
    assert str(raised.value) == "Il n’existe pas de version 9 du référentiel «\u00a0tiny\u00a0»."
    with pytest.raises(CommandError) as raised:
        export("other")
    assert str(raised.value) == (
        "Il n’existe aucune version publiée du référentiel «\u00a0other\u00a0»."
    )
