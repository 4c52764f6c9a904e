"""The language of load_framework's and load_demo's messages: the terminal's
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else LANGUAGE_CODE."""

from io import StringIO

import pytest
import yaml
from django.core.management import call_command

from config.command_language import command_language
from tests.factories import small_document


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LC_ALL": "fr_BE@euro", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LANGUAGE": "de:fr", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "de", "LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_command_language(environ, language):
    assert command_language(environ) == language


@pytest.mark.django_db
@pytest.mark.usefixtures("no_framework")
def test_load_framework_speaks_french_in_a_french_terminal(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(small_document(), allow_unicode=True), encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("load_framework", str(path), stdout=out, stderr=err)
    assert out.getvalue() == "tiny version 1 (Publiée)\u00a0: créée.\n"
    assert err.getvalue().startswith("Avertissement\u00a0: ")
    call_command("load_framework", str(path), stdout=out, stderr=err)
    assert out.getvalue().endswith("tiny version 1 (Publiée)\u00a0: inchangée.\n")
    path.write_text("framework: [", encoding="utf-8")
    with pytest.raises(Exception, match="comporte 1 problème, rien n’a été chargé"):
        call_command("load_framework", str(path), stdout=out, stderr=err)


@pytest.mark.django_db
def test_load_demo_speaks_french_in_a_french_terminal(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setenv("LANGUAGE", "fr")
    with pytest.raises(Exception, match="ne servent qu’en local"):
        call_command("load_demo", stdout=StringIO())
