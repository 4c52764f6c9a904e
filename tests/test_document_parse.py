"""capabilities.document: one test per kind of error, and the normal form."""

from decimal import Decimal

import pytest
import yaml
from django.utils import translation

from capabilities.document import DocumentError, document_dump, document_parse
from tests.factories import small_document


def errors_of(document) -> list[str]:
    with pytest.raises(DocumentError) as raised:
        document_parse(document)
    return raised.value.errors


def test_valid_document_is_normalised():
    parsed = document_parse(small_document())
    question = parsed["sections"][0]["questions"][1]
    assert question["weight"] == Decimal("1.00")  # default filled in
    assert question["help"] == ""
    assert parsed["roles"][0]["new_role"] is False
    assert parsed["capabilities"][1]["requires"] == ["SOURCE-REPO"]


def test_code_lists_are_put_in_canonical_order():
    document = small_document()
    document["capabilities"][1]["principles"] = ["P2", "P1"]
    assert document_parse(document)["capabilities"][1]["principles"] == ["P1", "P2"]


def test_dump_then_parse_gives_the_same_document():
    parsed = document_parse(small_document())
    assert document_parse(document_dump(parsed)) == parsed


def test_dump_writes_code_lists_on_one_line():
    assert "principles: [P1, P2]" in document_dump(document_parse(small_document()))


def test_not_yaml():
    assert errors_of("framework: [unclosed")[0].startswith("not valid YAML")


def test_not_a_mapping():
    assert errors_of("- just\n- a list\n") == [
        "the document must be a mapping with a 'framework' key at the top"
    ]


def test_missing_framework_header():
    document = small_document()
    del document["framework"]
    assert "framework: the 'framework' section is missing" in errors_of(document)


def test_bad_slug_version_and_status():
    document = small_document(slug="Not A Slug", version=0, status="final")
    errors = errors_of(document)
    assert any("slug 'Not A Slug'" in e for e in errors)
    assert any("version must be a whole number" in e for e in errors)
    assert any("status must be one of draft, published" in e for e in errors)


def test_unknown_key_is_named():
    document = small_document()
    document["principles"][0]["descripton"] = "typo"
    assert errors_of(document) == [
        "principles[P1]: unknown key 'descripton' (allowed: code, description, name, source)"
    ]


def test_duplicate_code():
    document = small_document()
    document["principles"].append({"code": "P1", "name": "Again"})
    assert errors_of(document) == ["principles: duplicate code 'P1'"]


def test_duplicate_question_code_across_sections():
    document = small_document()
    document["sections"].append(
        {"code": "OTHER", "name": "Other", "questions": [document["sections"][0]["questions"][0]]}
    )
    assert errors_of(document) == ["sections: duplicate question code 'DEV-01'"]


def test_unknown_code_reference():
    document = small_document()
    document["components"][0]["principles"] = ["P1", "P10"]
    assert errors_of(document) == ["components[C1].principles: unknown principle 'P10'"]


def test_unknown_code_in_question():
    document = small_document()
    document["sections"][0]["questions"][0]["capabilities"] = ["NOPE"]
    assert errors_of(document) == [
        "sections[DEV].questions[DEV-01].capabilities: unknown capability 'NOPE'"
    ]


def test_unknown_deliverable_and_effort():
    document = small_document()
    document["capabilities"][0]["deliverable"] = "GADGETS"
    document["capabilities"][0]["effort"] = "XXL"
    assert errors_of(document) == [
        "capabilities[SOURCE-REPO]: unknown deliverable 'GADGETS'",
        "capabilities[SOURCE-REPO]: effort must be one of S, M, L, XL, not 'XXL'",
    ]


def test_missing_level_descriptor():
    document = small_document()
    del document["sections"][0]["questions"][0]["descriptors"]["Mature"]
    assert errors_of(document) == [
        "sections[DEV].questions[DEV-01].descriptors: missing descriptor for level 'Mature'"
    ]


def test_empty_level_descriptor():
    document = small_document()
    document["sections"][0]["questions"][0]["descriptors"]["Initial"] = "   "
    assert errors_of(document) == [
        "sections[DEV].questions[DEV-01].descriptors: descriptor for level 'Initial' is empty"
    ]


def test_descriptor_for_unknown_level():
    document = small_document()
    document["sections"][0]["questions"][0]["descriptors"]["Legendary"] = "Too good."
    assert errors_of(document) == [
        "sections[DEV].questions[DEV-01].descriptors: unknown level 'Legendary'"
    ]


def test_levels_out_of_order():
    document = small_document()
    document["levels"][0]["rank"] = 3
    assert "levels: ranks must be 1, 2, 3, ... in order, not [3, 2, 3, 4]" in errors_of(document)


def test_too_few_levels():
    document = small_document()
    document["levels"] = document["levels"][:1]
    for question in document["sections"][0]["questions"]:
        question["descriptors"] = {"Initial": "Only one."}
    assert errors_of(document) == ["levels: a framework needs at least two maturity levels"]


def test_dependency_cycle_is_named():
    document = small_document()
    document["capabilities"][0]["requires"] = ["CICD"]
    assert errors_of(document) == ["capabilities: dependency cycle: CICD → SOURCE-REPO → CICD"]


def test_capability_needing_itself():
    document = small_document()
    document["capabilities"][0]["requires"] = ["SOURCE-REPO"]
    assert errors_of(document) == ["capabilities[SOURCE-REPO]: a capability cannot need itself"]


def test_bad_weight():
    document = small_document()
    document["sections"][0]["questions"][0]["weight"] = "heavy"
    document["sections"][0]["questions"][1]["weight"] = 0
    assert errors_of(document) == [
        "sections[DEV].questions[DEV-01]: weight must be a number, not 'heavy'",
        "sections[DEV].questions[DEV-02]: weight must be above 0 and below 1000, not 0",
    ]


def test_unknown_structure_owner_deliverable():
    document = small_document()
    document["structures"][0]["owners"]["GADGETS"] = "Someone."
    assert errors_of(document) == ["structures[COE].owners: unknown deliverable 'GADGETS'"]


def test_missing_name():
    document = small_document()
    del document["roles"][0]["name"]
    assert errors_of(document) == ["roles[R1]: 'name' is missing"]


def test_every_problem_is_reported_at_once():
    document = small_document()
    document["components"][0]["principles"] = ["P10"]
    del document["sections"][0]["questions"][0]["descriptors"]["Mature"]
    assert len(errors_of(document)) == 2


def test_yaml_text_is_accepted():
    assert document_parse(yaml.safe_dump(small_document()))["framework"]["slug"] == "tiny"


def test_missing_deliverable():
    document = small_document()
    del document["capabilities"][0]["deliverable"]
    assert errors_of(document) == ["capabilities[SOURCE-REPO]: 'deliverable' is missing"]


@pytest.mark.parametrize("weight", [float("nan"), float("inf")])
def test_weight_must_be_a_finite_number(weight):
    document = small_document()
    document["sections"][0]["questions"][0]["weight"] = weight
    assert errors_of(document) == [
        f"sections[DEV].questions[DEV-01]: weight must be a number, not {weight!r}"
    ]


@pytest.mark.parametrize("code", [None, True, 1.1])
def test_a_code_must_be_text(code):
    document = small_document()
    document["principles"][1]["code"] = code
    errors = errors_of(document)
    assert f"code {code!r} must be text; put it in quotes" in errors[0]
    assert "unknown principle 'P2'" in errors[1]  # and what referred to it is named


def test_a_whole_number_code_is_text():
    document = small_document()
    document["phases"][0]["code"] = 5
    assert document_parse(document)["phases"][0]["code"] == "5"


def test_a_key_given_twice_is_refused():
    text = yaml.safe_dump(small_document()).replace(
        "name: Tiny framework\n", "name: Tiny framework\n  name: Other name\n", 1
    )
    errors = errors_of(text)
    assert len(errors) == 1 and "the key 'name' is given twice" in errors[0]


# ---------------------------------------------------------------- hostile input


def only_error_of(text: str) -> str:
    errors = errors_of(text)
    assert len(errors) == 1, errors
    return errors[0]


def test_an_alias_bomb_is_refused_at_its_first_anchor():
    # Nine levels of nine aliases each would be 387 million items once expanded.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    error = only_error_of("\n".join(lines))
    assert error.startswith("not valid YAML")
    assert "anchors and aliases (& and *) are not allowed" in error


def test_an_alias_alone_is_refused():
    assert "anchors and aliases" in only_error_of("framework: *nowhere\n")


@pytest.mark.parametrize(
    ("text", "kind"), [("? [a, b]\n: 1\n", "list"), ("? {a: 1}\n: 1\n", "mapping")]
)
def test_a_complex_key_is_refused(text, kind):
    assert f"a key must be a plain value, not a {kind}" in only_error_of(text)


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_deep_nesting_is_refused(opening):
    closing = "]" if opening == "[" else "}"
    text = opening * 20_000 + "1" + closing * 20_000
    assert "nested more than 50 levels deep" in only_error_of(text)


def test_a_document_over_two_megabytes_is_refused_unread():
    text = "framework: {}\n" + "# padding\n" * 250_000
    assert only_error_of(text) == "the document is larger than 2 MB, the most that is read"


def test_a_number_python_cannot_hold_is_a_document_error():
    error = only_error_of("framework:\n  version: " + "9" * 5_000 + "\n")
    assert error.startswith("not valid YAML: ValueError")
    assert len(error) < 200


def test_a_huge_value_is_only_excerpted_in_messages():
    document = small_document(version="v" * 1_000_000)
    document["principles"][0]["code"] = list(range(100_000))
    errors = errors_of(document)
    version_error = next(e for e in errors if "version must be" in e)
    assert version_error == (
        "framework: version must be a whole number from 1 up, "
        f"not {'v' * 40!r}… (1000000 characters)"
    )
    assert "code <list of 100000 items> must be text" in errors[1]
    assert max(len(error) for error in errors) < 200


# ---------------------------------------------------------- level criteria


def with_criteria(**by_level) -> dict:
    """The small document with criteria on levels given by name."""
    document = small_document()
    for level in document["levels"]:
        if level["name"] in by_level:
            level["criteria"] = by_level[level["name"]]
    return document


STAGED = {
    "Spreading": [{"question": "DEV-02", "source": "report, line 27"}],
    "Widespread": [{"question": "DEV-01"}],
    "Mature": [
        {"question": "DEV-01"},
        {"question": "DEV-02", "not_applicable_allowed": True, "note": "A reason."},
    ],
}


def test_criteria_are_normalised_in_document_order():
    levels = document_parse(with_criteria(**STAGED))["levels"]
    assert levels[0]["criteria"] == []
    assert levels[1]["criteria"] == [
        {
            "question": "DEV-02",
            "not_applicable_allowed": False,
            "note": "",
            "source": "report, line 27",
        }
    ]
    assert [c["question"] for c in levels[3]["criteria"]] == ["DEV-01", "DEV-02"]
    assert (
        document_parse(document_dump(document_parse(with_criteria(**STAGED))))["levels"] == levels
    )


def test_a_document_without_criteria_is_still_valid():
    assert all(level["criteria"] == [] for level in document_parse(small_document())["levels"])


def test_criteria_name_existing_questions_once():
    errors = errors_of(
        with_criteria(
            **{
                **STAGED,
                "Spreading": [{"question": "NOPE"}, {"question": "DEV-01"}, {"question": "DEV-01"}],
            }
        )
    )
    assert errors == [
        "levels[Spreading].criteria: unknown question 'NOPE'",
        "levels[Spreading].criteria: question 'DEV-01' is listed twice",
    ]


def test_every_level_above_the_first_needs_a_criterion_once_one_has():
    errors = errors_of(with_criteria(Spreading=[{"question": "DEV-01"}]))
    assert errors == [
        "levels[Widespread]: has no criteria; when one level has criteria, every level "
        "above the first needs at least one",
        "levels[Mature]: has no criteria; when one level has criteria, every level "
        "above the first needs at least one",
    ]


def test_the_first_level_has_no_criteria():
    errors = errors_of(with_criteria(**STAGED, Initial=[{"question": "DEV-01"}]))
    assert errors == ["levels: the first level has no criteria: every organisation starts there"]


def test_a_criterion_allowed_to_be_not_applicable_says_why():
    staged = {**STAGED, "Mature": [{"question": "DEV-01", "not_applicable_allowed": True}]}
    assert errors_of(with_criteria(**staged)) == [
        "levels[Mature].criteria: say in a note why DEV-01 may be not applicable"
    ]


# ---------------------------------------------------------------- sources


def test_sources_name_report_paper_or_framework_authors():
    document = small_document()
    document["principles"][0]["source"] = "paper, principle P1"
    document["principles"][1]["source"] = "Wikipedia"
    document["capabilities"][1]["requires_sources"] = {"SOURCE-REPO": "framework authors"}
    assert errors_of(document) == [
        "principles[P2]: source 'Wikipedia' must start with one of: report, paper, "
        "framework authors"
    ]
    del document["principles"][1]["source"]
    parsed = document_parse(document)
    assert parsed["principles"][0]["source"] == "paper, principle P1"
    assert parsed["principles"][1]["source"] == ""
    assert parsed["capabilities"][1]["requires_sources"] == {"SOURCE-REPO": "framework authors"}


def test_a_dependency_source_names_a_dependency_of_that_capability():
    document = small_document()
    document["capabilities"][0]["requires_sources"] = {"CICD": "paper"}
    assert errors_of(document) == [
        "capabilities[SOURCE-REPO].requires_sources: 'CICD' is not in this capability's requires"
    ]


def test_default_focus_weights_and_typical_levels():
    document = small_document()
    document["focus_areas"][0]["default_weights"] = {"statistics": 3}
    document["structures"][0]["typical_levels"] = ["Mature", "Widespread"]
    parsed = document_parse(document)
    assert parsed["focus_areas"][0]["default_weights"] == {"statistics": 3, "it": 2}
    assert parsed["focus_areas"][1]["default_weights"] == {"statistics": 2, "it": 2}
    assert parsed["structures"][0]["typical_levels"] == ["Widespread", "Mature"]
    document["focus_areas"][0]["default_weights"] = {"business": 5}
    document["structures"][0]["typical_levels"] = ["Expert"]
    assert errors_of(document) == [
        "structures[COE].typical_levels: unknown level 'Expert'",
        "focus_areas[DATA].default_weights: unknown perspective 'business' "
        "(allowed: statistics, it)",
    ]


# ---------------------------------------------------------- the reader's language


def a_document_with_many_problems() -> dict:
    document = small_document(slug="Not A Slug", version=0, status="final")
    document["levels"][0]["rank"] = 3
    document["principles"][0]["descripton"] = "typo"
    document["principles"].append({"code": "P1", "name": "Again"})
    del document["roles"][0]["name"]
    document["components"][0]["principles"] = ["P10", "P2", "P2"]
    document["capabilities"][0].update(deliverable="GADGETS", effort="XXL")
    document["capabilities"][0]["requires"] = ["SOURCE-REPO"]
    question = document["sections"][0]["questions"][0]
    question["weight"] = "heavy"
    del question["descriptors"]["Mature"]
    question["descriptors"]["Legendary"] = "Too good."
    document["sections"][0]["questions"][1]["weight"] = 0
    return document


def test_problems_are_told_in_the_readers_language():
    document = a_document_with_many_problems()
    english = errors_of(document)
    with translation.override("fr"):
        french = errors_of(document)
    assert len(english) == len(french) == 16
    for english_error, french_error in zip(english, french, strict=True):
        where, message = english_error.split(": ", 1)
        # The item is a path of YAML keys, the same in any language.
        assert french_error.startswith(f"{where}\u00a0: ")
        assert french_error.removeprefix(f"{where}\u00a0: ") != message
    assert english[:3] == [
        "framework: slug 'Not A Slug' may only hold lower-case letters, digits, hyphens",
        "framework: version must be a whole number from 1 up, not 0",
        "framework: status must be one of draft, published, not 'final'",
    ]
    assert french[:3] == [
        "framework\u00a0: l’identifiant 'Not A Slug' ne peut contenir que des lettres "
        "minuscules, des chiffres et des traits d’union",
        "framework\u00a0: la version doit être un nombre entier supérieur ou égal à 1, et non 0",
        "framework\u00a0: le statut doit prendre l’une des valeurs draft, published, "
        "et non 'final'",
    ]
    assert "components[C1].principles\u00a0: principe inconnu 'P10'" in french
    assert "components[C1].principles\u00a0: le principe 'P2' figure deux fois" in french
    assert "capabilities[SOURCE-REPO]\u00a0: livrable inconnu 'GADGETS'" in french
    assert "capabilities[SOURCE-REPO]\u00a0: une capacité ne peut pas dépendre d’elle-même" in (
        french
    )
    assert (
        "sections[DEV].questions[DEV-01].descriptors\u00a0: il manque le descripteur du niveau "
        "'Mature'"
    ) in french
    assert "roles[R1]\u00a0: la clé «\u00a0name\u00a0» est absente" in french


def test_yaml_problems_and_excerpts_are_told_in_the_readers_language():
    with translation.override("fr"):
        alias = only_error_of("framework: *nowhere\n")
        too_large = only_error_of("framework: {}\n" + "# padding\n" * 250_000)
        document = small_document()
        document["principles"][0]["code"] = list(range(3))
        excerpt = errors_of(document)[0]
    assert alias.startswith("YAML non valide\u00a0: ")
    assert "les ancres et les alias (& et *) ne sont pas admis" in alias
    assert too_large == "le document dépasse 2 Mo, la taille maximale qui puisse être lue"
    assert excerpt == (
        "principles[1]\u00a0: le code <liste de 3 éléments> doit être un texte\u00a0; "
        "mettez-le entre guillemets"
    )
