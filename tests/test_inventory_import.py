"""Importing and downloading the ML solution inventory as CSV and XLSX."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from assessment.models import MLSolution
from assessment.services import InventoryNotSaved
from reports.inventory_files import solutions_read
from tests.factories import make_solution
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db

HEADER = "Name,Purpose,GSBPM phase,GSBPM sub-process,Stage,Method family,Run by,Components\n"


def import_url(world):
    return reverse("inventory_import", args=[world.assessment.pk])


def export_url(world, extension):
    return reverse("inventory_export", args=[world.assessment.pk, extension])


def csv_file(text: str, name: str = "solutions.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- reading files


def test_reads_csv_by_titles_or_field_names_with_labels_for_choices():
    text = HEADER + "Coder,Codes jobs,5,5.2,In production,Coding,The hub,C1\n\n"
    rows = solutions_read(text.encode(), "list.csv")
    assert rows == [
        {
            "line": 2,
            "name": "Coder",
            "purpose": "Codes jobs",
            "phase_code": "5",
            "subprocess_code": "5.2",
            "stage": "production",
            "method": "coding",
            "run_by": "The hub",
            "component_codes": "C1",
        }
    ]
    semicolons = "name;phase_code;stage;method\nCoder;5;pilot;coding\n"
    assert solutions_read(semicolons.encode(), "LIST.CSV")[0]["stage"] == "pilot"


def test_reads_xlsx_numbers_as_codes():
    content = xlsx_bytes(
        [["Name", "GSBPM phase", "Stage", "Method family"], ["A", 5, "idea", "other"]]
    )
    assert solutions_read(content, "list.xlsx")[0]["phase_code"] == "5"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"name,stage\nA,idea\n", "a.csv", "Missing columns: GSBPM phase, Method family."),
        (b"", "a.csv", "The first row must name the columns."),
        ("é".encode("latin-1"), "a.csv", "must be saved as UTF-8"),
        (b"not a zip", "a.xlsx", "not an XLSX file"),
        (b"x", "a.ods", "Upload a .csv or .xlsx file."),
    ],
)
def test_unreadable_files_are_named(content, name, message):
    with pytest.raises(InventoryNotSaved) as error:
        solutions_read(content, name)
    assert message in error.value.errors[0][2]


# ---------------------------------------------------------------- the page


def test_import_replaces_the_list(client, world):
    make_solution(world.assessment, name="Old")
    client.force_login(world.editor)
    text = HEADER + "Coder,,5,5.2,pilot,coding,,C1\nImputer,,5,5.4,idea,imputation,,\n"
    response = client.post(import_url(world), {"file": csv_file(text)})
    assert response.status_code == 302
    assert sorted(MLSolution.objects.values_list("name", flat=True)) == ["Coder", "Imputer"]


def test_errors_name_line_and_column_and_nothing_is_saved(client, world):
    make_solution(world.assessment, name="Old")
    client.force_login(world.owner)
    text = HEADER + "Coder,,5,5.2,pilot,coding,,C1\n,,7,,soon,coding,,C1;C5\n"
    response = client.post(import_url(world), {"file": csv_file(text)})
    assert response.status_code == 400
    problems = response.context["problems"]
    assert (3, "Name", "Give the solution a name.") in problems
    assert (3, "GSBPM phase", "Choose one of the phases 5.") in problems
    assert any(p[:2] == (3, "Stage") for p in problems)
    assert (3, "Components", "Unknown component C5.") in problems
    assert "Nothing was imported: 4 problems were found." in response.content.decode()
    assert list(MLSolution.objects.values_list("name", flat=True)) == ["Old"]


def test_download_then_upload_round_trips(client, world):
    make_solution(world.assessment, name="=HYPERLINK(1)")
    make_solution(world.assessment, name="Nowcaster", method="nowcasting", component_codes=[])
    client.force_login(world.owner)
    for extension in ("csv", "xlsx"):
        content = client.get(export_url(world, extension)).content
        before = list(MLSolution.objects.values("name", "stage", "method", "component_codes"))
        upload = SimpleUploadedFile(f"list.{extension}", content)
        assert client.post(import_url(world), {"file": upload}).status_code == 302
        after = list(MLSolution.objects.values("name", "stage", "method", "component_codes"))
        assert sorted(after, key=str) == sorted(before, key=str)


def test_xlsx_download_has_a_sheet_of_solutions(client, world):
    make_solution(world.assessment)
    client.force_login(world.viewer)
    response = client.get(export_url(world, "xlsx"))
    assert response["Content-Disposition"].endswith('ml-solutions.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "ML solutions"
    assert [c.value for c in sheet[2]][:3] == ["Occupation coder", "Codes job titles to ISCO.", "5"]


def test_permissions(client, world):
    url = import_url(world)
    assert_login_required(client, url)
    assert_status(client, world.outsider, url, 404)
    assert_status(client, world.viewer, url, 403)
    assert_status(client, world.viewer, url, 403, method="post")
    assert_status(client, world.owner, url, 405, method="put")
    for extension in ("csv", "xlsx"):
        url = export_url(world, extension)
        assert_login_required(client, url)
        assert_status(client, world.outsider, url, 404)
        assert_status(client, world.viewer, url, 200)
        assert_status(client, world.owner, url, 405, method="post")
    assert_status(client, world.owner, export_url(world, "ods"), 404)


def test_assessment_spreadsheet_has_a_sheet_each(client, world):
    from assessment import services

    make_solution(world.assessment)
    services.component_statuses_save(
        assessment=world.assessment,
        statuses={"C1": services.ComponentValues("partly", "Jenkins", True)},
    )
    services.role_statuses_save(
        assessment=world.assessment, statuses={"R7": services.RoleValues(0, 2, True)}
    )
    client.force_login(world.viewer)
    content = client.get(reverse("export_xlsx", args=[world.assessment.pk])).content
    book = load_workbook(io.BytesIO(content))
    solutions = [[c.value for c in row] for row in book["ML solutions"].iter_rows()]
    assert solutions[1][:7] == [
        "Occupation coder",
        "Codes job titles to ISCO.",
        "5",
        "Process",
        "5.2",
        "Classify and code",
        "In production",
    ]
    components = [[c.value for c in row] for row in book["Components in place"].iter_rows()]
    assert components[1] == ["C1", "CI/CD component", "Partly in place", "Jenkins", True]
    roles = [[c.value for c in row] for row in book["Roles"].iter_rows(min_row=2)]
    assert ["R7", "ML engineer", 0, 2, True, True] in roles
    assert ["R1", "Business stakeholder", None, None, False, False] in roles
