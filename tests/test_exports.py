"""The spreadsheet and CSV exports, read back as a user's tools would."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessment import services
from tests.factories import answer
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db
INJECTIONS = ['=HYPERLINK("http://evil.example")', "+1+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.fixture
def submitted(world):
    services.response_set_perspective(response=world.owner_response, perspective="it")
    answer(
        world.owner_response,
        "DEV-01",
        current=2,
        target=3,
        comment=INJECTIONS[0],
        evidence_url="https://git.example.org/ml",
    )
    answer(world.owner_response, "DEV-02", not_applicable=True, comment="Données, Δεδομένα, Данные")
    answer(world.editor_response, "DEV-01", current=1, target=4, comment=" | ".join(INJECTIONS))
    services.response_submit(response=world.owner_response)
    return world


def xlsx(client, world):
    response = client.get(reverse("export_xlsx", args=[world.assessment.pk]))
    assert response.status_code == 200
    assert (
        'attachment; filename="statistics-testland-ml-maturity-2026.xlsx"'
        == response["Content-Disposition"]
    )
    return load_workbook(io.BytesIO(response.content))


def test_xlsx_has_typed_answers_scores_and_roadmap(client, submitted):
    client.force_login(submitted.owner)  # owners read drafts too
    book = xlsx(client, submitted)
    assert book.sheetnames == [
        "Level",
        "Answers",
        "Scores",
        "Not applicable",
        "Roadmap",
        "ML solutions",
        "Components in place",
        "Roles",
    ]
    level = [[c.value for c in row] for row in book["Level"].iter_rows(min_row=2)]
    assert level[0][:2] == ["Maturity level", "Spreading"] and level[0][4] == 2
    assert level[1][0] == "Profile score" and level[1][4] == 2.0
    assert level[2][:2] == ["Worked out by", "profile score"]  # no criteria in "tiny"
    answers = book["Answers"]
    assert answers.freeze_panes == "A2"
    header = [cell.value for cell in answers[1]]
    rows = [
        dict(zip(header, [c.value for c in row], strict=True))
        for row in answers.iter_rows(min_row=2)
    ]
    assert len(rows) == 3  # one row per question and respondent
    first = rows[0]
    assert (first["Question code"], first["Respondent"], first["Current level"]) == (
        "DEV-01",
        "editor",
        1,
    )
    assert isinstance(first["Current level"], int) and first["Submitted"] is False
    owner_dev01 = rows[1]
    assert owner_dev01["Current level name"] == "Spreading" and owner_dev01["Perspective"] == "IT"
    assert rows[2]["Comment"] == "Données, Δεδομένα, Данные" and rows[2]["Not applicable"] is True
    assert answers.column_dimensions["C"].width > 20  # fits the question text
    scores = book["Scores"]
    overall = [c.value for c in scores[2]]
    assert overall[0] == "profile score" and overall[3] == 2.0  # only the submitted response
    not_applicable = [[c.value for c in row] for row in book["Not applicable"].iter_rows(min_row=2)]
    assert not_applicable == [
        ["DEV-02", "Is the code versioned?", "owner", "Données, Δεδομένα, Данные"]
    ]
    roadmap = [[c.value for c in row] for row in book["Roadmap"].iter_rows(min_row=2)]
    assert [row[2] for row in roadmap] == ["SOURCE-REPO", "CICD"]
    assert isinstance(roadmap[0][1], int)


def test_formulas_are_neutralised_in_xlsx(client, submitted):
    client.force_login(submitted.owner)
    answers = xlsx(client, submitted)["Answers"]
    comments = [row[12] for row in answers.iter_rows(min_row=2)]
    assert comments[1].value == INJECTIONS[0]  # exactly as typed, no apostrophe
    assert comments[1].data_type == "s" and comments[1].quotePrefix
    assert all(cell.data_type != "f" for row in answers.iter_rows() for cell in row)


@pytest.mark.parametrize("dangerous", INJECTIONS)
def test_each_formula_start_is_text_in_xlsx(client, world, dangerous):
    answer(world.owner_response, "DEV-01", current=1, target=1, comment=dangerous)
    client.force_login(world.owner)
    cell = xlsx(client, world)["Answers"]["M2"]
    # As typed; XML (so XLSX) stores a carriage return as a line feed.
    assert cell.value == dangerous.replace("\r", "\n")
    assert cell.data_type == "s" and cell.quotePrefix
    quiet = xlsx(client, world)["Answers"]["A2"]  # the section name: plain text
    assert quiet.data_type == "s" and not quiet.quotePrefix


def test_csv_is_the_answers_sheet_with_a_bom(client, submitted):
    client.force_login(submitted.owner)
    response = client.get(reverse("export_csv", args=[submitted.assessment.pk]))
    text = response.content.decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0][:3] == ["Section", "Question code", "Question"]
    assert len(rows) == 4
    assert rows[3][12] == "Données, Δεδομένα, Данные"
    assert rows[2][12] == "'" + INJECTIONS[0]


@pytest.mark.parametrize("dangerous", INJECTIONS)
def test_each_formula_start_is_neutralised_in_csv(client, world, dangerous):
    answer(world.owner_response, "DEV-01", current=1, target=1, comment=dangerous)
    client.force_login(world.owner)
    text = client.get(reverse("export_csv", args=[world.assessment.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[1][12] == "'" + dangerous


def csv_respondents(client, world, user) -> list[str]:
    client.force_login(user)
    text = client.get(reverse("export_csv", args=[world.assessment.pk])).content.decode()
    return [row[3] for row in csv.reader(io.StringIO(text.removeprefix("\ufeff")))][1:]


def test_drafts_are_their_respondents_and_the_owners(client, submitted):
    # The owner has submitted; the editor's answer is still a draft.
    assert csv_respondents(client, submitted, submitted.owner) == ["editor", "owner", "owner"]
    assert csv_respondents(client, submitted, submitted.editor) == ["editor", "owner", "owner"]
    assert csv_respondents(client, submitted, submitted.viewer) == ["owner", "owner"]
    assert csv_respondents(client, submitted, submitted.staff) == ["owner", "owner"]


def test_drafts_stay_out_of_the_xlsx_for_viewers(client, submitted):
    client.force_login(submitted.viewer)
    answers = xlsx(client, submitted)["Answers"]
    respondents = [row[3].value for row in answers.iter_rows(min_row=2)]
    assert respondents == ["owner", "owner"]


def test_another_respondents_draft_is_not_an_editors(client, world):
    answer(world.owner_response, "DEV-01", current=1, target=2)
    answer(world.editor_response, "DEV-01", current=2, target=2)
    assert csv_respondents(client, world, world.editor) == ["editor"]


@pytest.mark.parametrize("name", ["export_xlsx", "export_csv"])
def test_permissions(client, submitted, name):
    url = reverse(name, args=[submitted.assessment.pk])
    assert_login_required(client, url)
    assert_status(client, submitted.outsider, url, 404)
    assert_status(client, submitted.staff, url, 200)
    assert_status(client, submitted.owner, url, 405, method="post")


@pytest.mark.parametrize(
    "name", ["export_xlsx", "export_csv", pytest.param("report_pdf", marks=pytest.mark.pdf)]
)
def test_downloads_work_with_an_api_token(client, submitted, name):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=submitted.viewer)
    url = reverse(name, args=[submitted.assessment.pk])
    assert client.get(url, HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
    assert client.get(url, HTTP_AUTHORIZATION="Token wrong").status_code == 401
    outsider = Token.objects.create(user=submitted.outsider)
    assert client.get(url, HTTP_AUTHORIZATION=f"Token {outsider.key}").status_code == 404


def test_control_characters_do_not_break_the_spreadsheet(client, world):
    answer(world.owner_response, "DEV-01", current=1, target=1, comment="soft\x0bbreak\x01")
    client.force_login(world.owner)
    answers = xlsx(client, world)["Answers"]
    assert answers.cell(row=2, column=13).value == "soft break "
