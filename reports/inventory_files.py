"""The ML solution inventory as CSV and XLSX, out and back in.

Offices keep such lists in spreadsheets. The file has one row per solution
under a header row; the header may use the column titles written on export
or the field names (``phase_code``), in any order. Stage and method take the
code or the label. Reading a file only turns it into rows: checking and
saving them, all or nothing, is ``assessment.services.ml_solutions_import``.
"""

from __future__ import annotations

import csv
import io
import zipfile

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from assessment.models import MLSolution
from assessment.selectors import Inventory, InventoryVocabulary
from assessment.services import InventoryNotSaved
from reports.exports import _sheet, neutralise

COLUMNS = (
    ("name", gettext_lazy("Name")),
    ("purpose", gettext_lazy("Purpose")),
    ("phase_code", gettext_lazy("GSBPM phase")),
    ("subprocess_code", gettext_lazy("GSBPM sub-process")),
    ("stage", gettext_lazy("Stage")),
    ("method", gettext_lazy("Method family")),
    ("run_by", gettext_lazy("Run by")),
    ("component_codes", gettext_lazy("Components")),
)
REQUIRED = ("name", "phase_code", "stage", "method")
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000


def solution_rows(inventory: Inventory, vocabulary: InventoryVocabulary):
    """Header and rows, codes as the import reads them back, names beside them
    for people (the import ignores the extra columns)."""
    header = [str(label) for _key, label in COLUMNS] + [
        _("Phase name"),
        _("Sub-process name"),
    ]
    rows = [
        [
            s.name,
            s.purpose,
            s.phase_code,
            s.subprocess_code,
            s.stage,
            s.method,
            s.run_by,
            ", ".join(s.component_codes),
            vocabulary.name("phases", s.phase_code),
            vocabulary.name("subprocesses", s.subprocess_code) if s.subprocess_code else "",
        ]
        for s in inventory.solutions
    ]
    return header, rows


def solutions_csv(inventory: Inventory, vocabulary: InventoryVocabulary) -> str:
    header, rows = solution_rows(inventory, vocabulary)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that Excel reads UTF-8
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    return buffer.getvalue()


def solutions_xlsx(inventory: Inventory, vocabulary: InventoryVocabulary) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, _("ML solutions"), *solution_rows(inventory, vocabulary))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fail(message: str, field: str = "", line: int = 1):
    raise InventoryNotSaved([(line, field, message)])


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phase typed as 5 in a spreadsheet
    text = str(value).strip()
    # What the CSV export put in front of formula-like text.
    return text[1:] if text.startswith("'") else text


def _table(content: bytes, filename: str) -> list[list[str]]:
    if len(content) > MAX_FILE_BYTES:
        _fail(_("The file is larger than 2 MB."))
    if filename.lower().endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError):
            _fail(_("This is not an XLSX file that can be read."))
        sheet = workbook.worksheets[0]
        return [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    if filename.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            _fail(_("The CSV file must be saved as UTF-8."))
        try:
            dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [[_cell(value) for value in row] for row in csv.reader(io.StringIO(text), dialect)]
    _fail(_("Upload a .csv or .xlsx file."))


def _choice(value: str, choices) -> str:
    """A stage or method by code or label, whatever the case."""
    for code, label in choices:
        if value.lower() in (code.lower(), str(label).lower()):
            return code
    return value


def solutions_read(content: bytes, filename: str) -> list[dict]:
    """The rows of an inventory file, each with its ``line`` (the header is line 1).

    Raises InventoryNotSaved for a file that cannot be read as a table of
    solutions; the values in the rows are checked when they are saved.
    """
    table = _table(content, filename)
    if not table or not any(table[0]):
        _fail(_("The first row must name the columns."))
    names = {}
    for key, label in COLUMNS:
        names[key.lower()] = key
        names[str(label).lower()] = key
    columns = {}
    for index, title in enumerate(table[0]):
        key = names.get(title.lower())
        if key and key not in columns:
            columns[key] = index
    missing = [str(label) for key, label in COLUMNS if key in REQUIRED and key not in columns]
    if missing:
        _fail(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        row = {"line": line}
        for key, _label in COLUMNS:
            index = columns.get(key)
            row[key] = cells[index] if index is not None and index < len(cells) else ""
        row["stage"] = _choice(row["stage"], MLSolution.Stage.choices)
        row["method"] = _choice(row["method"], MLSolution.Method.choices)
        rows.append(row)
        if len(rows) > MAX_ROWS:
            _fail(_("At most %(count)s solutions can be imported at once.") % {"count": MAX_ROWS})
    if not rows:
        _fail(_("The file holds no solutions."), line=2)
    return rows
