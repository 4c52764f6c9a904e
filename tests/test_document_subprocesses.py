"""Sub-processes of GSBPM phases in the framework document: parse, load, export."""

import pytest

from capabilities.document import DocumentError, document_parse
from capabilities.models import ProcessSubprocess
from capabilities.selectors import framework_document
from capabilities.services import framework_load
from tests.factories import small_document


def with_phases(phases):
    document = small_document(version=7)
    document["phases"] = phases
    return document


def test_subprocesses_are_optional():
    parsed = document_parse(with_phases([{"code": "5", "name": "Process"}]))
    assert parsed["phases"][0]["subprocesses"] == []


@pytest.mark.parametrize(
    ("subprocesses", "message"),
    [
        ([{"code": "6.1", "name": "Prepare draft outputs"}], "must start with the phase's code"),
        ([{"code": "5.", "name": "Nothing after the dot"}], "must start with the phase's code"),
        ([{"code": "5.2"}], "'name' is missing"),
        ([{"code": "5.2", "name": "A"}, {"code": "5.2", "name": "B"}], "duplicate code '5.2'"),
        ([{"code": "5.2", "name": "A", "ml": "x"}], "unknown key 'ml'"),
        ("5.2", "must be a list"),
    ],
)
def test_bad_subprocesses_are_named(subprocesses, message):
    document = with_phases([{"code": "5", "name": "Process", "subprocesses": subprocesses}])
    with pytest.raises(DocumentError) as error:
        document_parse(document)
    assert any(message in text and "phases[5].subprocesses" in text for text in error.value.errors)


def test_a_code_is_unique_across_phases():
    document = with_phases(
        [
            {"code": "5", "name": "Process", "subprocesses": [{"code": "5.2", "name": "A"}]},
            {"code": "5.2", "name": "Odd phase", "subprocesses": [{"code": "5.2.1", "name": "B"}]},
        ]
    )
    assert document_parse(document)["phases"][1]["subprocesses"][0]["code"] == "5.2.1"


@pytest.mark.django_db
def test_load_and_export_round_trip():
    document = document_parse(
        with_phases(
            [
                {
                    "code": "5",
                    "name": "Process",
                    "subprocesses": [
                        {"code": "5.2", "name": "Classify and code", "description": "Coding."},
                        {"code": "5.4", "name": "Edit and impute"},
                    ],
                }
            ]
        )
    )
    framework = framework_load(document=document).framework
    sub = ProcessSubprocess.objects.get(framework=framework, code="5.2")
    assert sub.phase.code == "5"
    assert document_parse(framework_document(framework)) == document
