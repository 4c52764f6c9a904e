"""manage.py load_framework: validation, idempotence, published versions."""

from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command

from capabilities.models import Capability, Framework, LevelDescriptor, Question
from tests.factories import small_document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_framework")]


def write(tmp_path, document, name="framework.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def load(path) -> str:
    out = StringIO()
    call_command("load_framework", str(path), stdout=out)
    return out.getvalue()


def test_loads_a_document(tmp_path):
    assert load(write(tmp_path, small_document())) == "tiny version 1 (Published): created.\n"
    framework = Framework.objects.get(slug="tiny", version=1)
    assert framework.is_published
    assert framework.published_at is not None
    assert Question.objects.filter(framework=framework).count() == 2
    assert LevelDescriptor.objects.filter(question__framework=framework).count() == 8
    cicd = Capability.objects.get(framework=framework, code="CICD")
    assert [c.code for c in cicd.requires.all()] == ["SOURCE-REPO"]


def test_loading_twice_changes_nothing(tmp_path):
    path = write(tmp_path, small_document())
    load(path)
    first_ids = list(Question.objects.values_list("pk", flat=True))
    assert load(path) == "tiny version 1 (Published): unchanged.\n"
    assert list(Question.objects.values_list("pk", flat=True)) == first_ids


def test_refuses_to_change_a_published_version(tmp_path):
    load(write(tmp_path, small_document()))
    changed = small_document()
    changed["principles"][0]["name"] = "Something else"
    with pytest.raises(CommandError, match="already published with different content"):
        load(write(tmp_path, changed, "changed.yaml"))
    assert Framework.objects.get().principles.get(code="P1").name == "CI/CD automation"


def test_rewrites_a_draft(tmp_path):
    load(write(tmp_path, small_document(status="draft")))
    changed = small_document(status="draft")
    changed["principles"][0]["name"] = "Renamed"
    assert load(write(tmp_path, changed, "changed.yaml")).endswith("replaced.\n")
    assert Framework.objects.get().principles.get(code="P1").name == "Renamed"


def test_invalid_document_loads_nothing_and_lists_problems(tmp_path):
    document = small_document()
    document["capabilities"][0]["requires"] = ["CICD"]
    del document["sections"][0]["questions"][0]["descriptors"]["Mature"]
    with pytest.raises(CommandError) as raised:
        load(write(tmp_path, document))
    message = str(raised.value)
    assert "has 2 problems, nothing was loaded" in message
    assert "dependency cycle: CICD → SOURCE-REPO → CICD" in message
    assert "missing descriptor for level 'Mature'" in message
    assert not Framework.objects.exists()


def test_problems_are_listed_in_the_terminals_language(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    document = small_document()
    document["capabilities"][0]["requires"] = ["CICD"]
    del document["sections"][0]["questions"][0]["descriptors"]["Mature"]
    path = write(tmp_path, document)
    with pytest.raises(CommandError) as raised:
        load(path)
    assert str(raised.value) == (
        f"{path} comporte 2 problèmes, rien n’a été chargé\u00a0:\n"
        "  - capabilities\u00a0: dépendance circulaire\u00a0: CICD → SOURCE-REPO → CICD\n"
        "  - sections[DEV].questions[DEV-01].descriptors\u00a0: il manque le descripteur du "
        "niveau 'Mature'"
    )


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        load(tmp_path / "nowhere.yaml")


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("name: Données".encode("latin-1"))
    with pytest.raises(CommandError, match="is not UTF-8 text"):
        load(path)


def test_a_file_over_two_megabytes_is_refused(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * 300_000)  # 3 MB, of which a little over 2 is read
    with pytest.raises(CommandError) as raised:
        load(path)
    assert str(raised.value) == (
        f"{path} has 1 problem, nothing was loaded:\n"
        "  - the document is larger than 2 MB, the most that is read"
    )


def test_hostile_yaml_is_a_listed_problem(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text("a: &a [x, x]\nb: [*a, *a]\n", encoding="utf-8")
    with pytest.raises(CommandError, match="(?s)has 1 problem.*anchors and aliases"):
        load(path)
