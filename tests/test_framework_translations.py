"""Framework texts in several languages: the document format, loading,
export, English as the fallback, and the loader's warnings."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from capabilities.document import (
    DocumentError,
    document_dump,
    document_missing_translations,
    document_parse,
)
from capabilities.models import Framework, LevelDescriptor, Question, StructureOwner
from capabilities.selectors import framework_document, framework_latest_published
from capabilities.services import framework_load
from reports.selectors import question_infos, structure_owners
from tests.factories import small_document

FRAMEWORKS = Path(settings.BASE_DIR) / "capabilities" / "frameworks"


def french_document(**header) -> dict:
    """The tiny document with some of its texts in French, each kind once."""
    document = small_document(**header)
    document["framework"]["name"] = {"en": "Tiny framework", "fr": "Petit référentiel"}
    document["levels"][0]["name"] = {"en": "Initial", "fr": "Initial"}
    document["structures"][0]["owners"]["PLATFORMS"] = {
        "en": "The centre.",
        "fr": "Le centre.",
    }
    question = document["sections"][0]["questions"][0]
    question["text"] = {"en": question["text"], "fr": "Comment le code est-il construit ?"}
    question["descriptors"]["Mature"] = {
        "en": question["descriptors"]["Mature"],
        "fr": "DEV-01 au niveau Mature.",
    }
    return document


def test_english_stays_at_its_key_and_french_goes_into_translations():
    parsed = document_parse(french_document())
    assert parsed["framework"]["name"] == "Tiny framework"
    assert parsed["framework"]["translations"] == {"fr": {"name": "Petit référentiel"}}
    question = parsed["sections"][0]["questions"][0]
    assert question["text"] == "How is code built and deployed?"
    assert question["translations"] == {
        "fr": {
            "text": "Comment le code est-il construit ?",
            "descriptors": {"Mature": "DEV-01 au niveau Mature."},
        }
    }
    assert parsed["structures"][0]["translations"] == {
        "fr": {"owners": {"PLATFORMS": "Le centre."}}
    }


def test_an_english_only_document_has_no_translations_key():
    parsed = document_parse(small_document())
    assert "translations" not in parsed["framework"]
    assert "translations" not in parsed["sections"][0]["questions"][0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            {"en": "Tiny", "de": "Winzig"},
            "framework: 'name' has an unknown language 'de' (known: en, fr)",
        ),
        ({"fr": "Petit"}, "framework: 'name' has no English text ('en'), which is required"),
        ({"en": "Tiny", "fr": 3}, "framework.name: 'fr' must be text, not int"),
        ({"en": "", "fr": "Petit"}, "framework.name: 'en' is empty"),
    ],
)
def test_a_text_per_language_is_checked(text, message):
    document = small_document()
    document["framework"]["name"] = text
    with pytest.raises(DocumentError) as error:
        document_parse(document)
    assert error.value.errors == [message]


def test_a_descriptor_without_english_is_an_error():
    document = small_document()
    document["sections"][0]["questions"][0]["descriptors"]["Initial"] = {"fr": "Rien."}
    with pytest.raises(DocumentError) as error:
        document_parse(document)
    assert error.value.errors == [
        "sections[DEV].questions[DEV-01].descriptors: 'Initial' has no English text ('en'), "
        "which is required"
    ]


def test_codes_are_not_texts_and_take_no_languages():
    document = small_document()
    document["capabilities"][0]["effort"] = {"en": "S", "fr": "S"}
    with pytest.raises(DocumentError) as error:
        document_parse(document)
    assert "capabilities[SOURCE-REPO]: 'effort' must be text, not dict" in error.value.errors


def test_missing_translations_are_listed_in_document_order():
    missing = document_missing_translations(document_parse(french_document()))
    assert list(missing) == ["fr"]
    assert missing["fr"][:3] == [
        "framework.description",
        "levels[Initial].description",
        "levels[Spreading].name",
    ]
    assert "questions[DEV-01].text" not in missing["fr"]
    assert "questions[DEV-01].descriptors.Initial" in missing["fr"]
    assert "questions[DEV-01].descriptors.Mature" not in missing["fr"]
    # An empty English text needs no translation.
    assert "questions[DEV-02].help" not in missing["fr"]


@pytest.mark.django_db
def test_load_export_load_keeps_the_translations(no_framework):
    parsed = document_parse(french_document(status="draft"))
    framework = framework_load(document=parsed).framework
    exported = framework_document(framework)
    assert exported == parsed
    assert document_parse(document_dump(exported)) == parsed
    assert "    fr: Comment le code est-il construit ?" in document_dump(exported)


@pytest.mark.django_db
def test_loading_under_french_still_stores_english_as_the_base(no_framework):
    with translation.override("fr"):
        framework = framework_load(document=document_parse(french_document())).framework
    framework.refresh_from_db()
    assert (framework.name_en, framework.name_fr) == ("Tiny framework", "Petit référentiel")
    with translation.override("en"):
        assert framework.name == "Tiny framework"


@pytest.mark.django_db
def test_readers_get_french_and_english_where_there_is_none(no_framework):
    framework = framework_load(document=document_parse(french_document())).framework
    question = Question.objects.get(framework=framework, code="DEV-01")
    untranslated = Question.objects.get(framework=framework, code="DEV-02")
    with translation.override("fr"):
        assert Framework.objects.get(pk=framework.pk).name == "Petit référentiel"
        assert question.text == "Comment le code est-il construit ?"
        assert untranslated.text == "Is the code versioned?"
        texts = dict(
            LevelDescriptor.objects.filter(question=question).values_list("level__rank", "text")
        )
        assert texts[4] == "DEV-01 au niveau Mature."
        assert texts[1] == "DEV-01 at Initial."
        # The pages' reads of plain values, as the results page does them.
        _infos, by_code = question_infos(framework.pk)
        assert by_code["DEV-01"] == "Comment le code est-il construit ?"
        assert by_code["DEV-02"] == "Is the code versioned?"
        assert structure_owners(framework, "COE") == {
            "PLATFORMS": "Le centre.",
            "SKILLS": "The centre's trainers.",
        }
    with translation.override("en"):
        assert question.text == "How is code built and deployed?"
        assert structure_owners(framework, "COE")["PLATFORMS"] == "The centre."
    assert StructureOwner.objects.filter(owner_fr="Le centre.").count() == 1


@pytest.mark.django_db
def test_load_framework_warns_of_untranslated_texts_and_loads(no_framework, tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(document_dump(document_parse(french_document())), encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("load_framework", str(path), stdout=out, stderr=err)
    assert "tiny version 1 (Published): created." in out.getvalue()
    missing = document_missing_translations(document_parse(french_document()))["fr"]
    assert err.getvalue().strip() == (
        f"Warning: {len(missing)} texts have no 'fr' translation and show in English: "
        "framework.description, levels[Initial].description, levels[Spreading].name, "
        f"levels[Spreading].description, levels[Widespread].name and {len(missing) - 5} more."
    )


@pytest.mark.django_db
def test_a_fully_translated_document_loads_without_warning(no_framework, tmp_path):
    document = document_parse(small_document())
    for _label, item, keys in _every_text(document):
        for key in keys:
            if isinstance(item[key], dict):
                texts = {name: f"{text} (fr)" for name, text in item[key].items() if text}
                if texts:
                    item.setdefault("translations", {}).setdefault("fr", {})[key] = texts
            elif item[key]:
                item.setdefault("translations", {}).setdefault("fr", {})[key] = f"{item[key]} (fr)"
    path = tmp_path / "tiny.yaml"
    path.write_text(document_dump(document), encoding="utf-8")
    err = StringIO()
    call_command("load_framework", str(path), stdout=StringIO(), stderr=err)
    assert err.getvalue() == ""


def _every_text(document):
    from capabilities.document import _translatable_items

    return _translatable_items(document)


@pytest.mark.django_db
def test_make_run_on_a_database_that_had_version_two(no_framework):
    # What `make run` does on a database where version 2 (English only) was
    # loaded before: version 2 loads unchanged from its own file, version 3
    # (English and French) comes beside it and is the newest published.
    out = StringIO()
    second = str(FRAMEWORKS / "ml-statistical-production-v2.yaml")
    current = str(FRAMEWORKS / "ml-statistical-production.yaml")
    call_command("load_framework", second, stdout=out, stderr=StringIO())
    err = StringIO()
    call_command("load_framework", second, current, stdout=out, stderr=err)
    assert out.getvalue().splitlines() == [
        "ml-statistical-production version 2 (Published): created.",
        "ml-statistical-production version 2 (Published): unchanged.",
        "ml-statistical-production version 3 (Published): created.",
    ]
    # Version 2 is English only, and says so; version 3 is complete.
    assert err.getvalue().count("Warning:") == 1
    assert framework_latest_published("ml-statistical-production").version == 3
    current_version = Framework.objects.get(slug="ml-statistical-production", version=3)
    question = Question.objects.get(framework=current_version, code="STRAT-01")
    with translation.override("fr"):
        assert current_version.levels.get(rank=2).name == "En diffusion"
        assert question.text.startswith("L’institut s’est-il doté d’une stratégie")
    with translation.override("en"):
        assert question.text.startswith("Does the office have an agreed strategy")
