"""The answers, scores and roadmap as a spreadsheet (XLSX) and as CSV; the
roadmap also as CSV and as an iCalendar file, for the tools offices plan in.

Text that a spreadsheet could read as a formula (starting with =, +, -, @, a
tab or a carriage return), such as a comment =HYPERLINK(...), stays text when
someone opens the file: in XLSX a text cell with the quote-prefix style (what
a spreadsheet stores when you type '=1+1: the cell shows =1+1 and never
evaluates it); CSV has no types, so there it gets a visible leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Calendar, Event
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from assessment.access import answers_readable
from assessment.models import Assessment
from reports.inventory_report import InventoryReport
from reports.results import ResultsReport, results_build
from reports.roadmap_view import RoadmapView, roadmap_view

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_COLUMN_WIDTH = 60


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value):
    """For CSV: an apostrophe in front of anything a spreadsheet would evaluate."""
    return "'" + value if looks_like_formula(value) else value


def answer_rows(assessment: Assessment) -> tuple[list[str], list[list]]:
    level_names = dict(assessment.framework.levels.values_list("rank", "name"))
    answers = (
        answers_readable(assessment)
        .select_related("question__section", "response__respondent")
        .order_by(
            "question__section__position", "question__position", "response__respondent__username"
        )
    )
    header = [
        _("Section"),
        _("Question code"),
        _("Question"),
        _("Respondent"),
        _("Perspective"),
        _("Submitted"),
        _("Current level"),
        _("Current level name"),
        _("Target level"),
        _("Target level name"),
        _("Not applicable"),
        _("Don't know"),
        _("Comment"),
        _("Evidence link"),
        _("Carried over, not confirmed"),
        # In the reader's time zone (accounts/time_zones.py), named.
        _("Last changed (%(zone)s)") % {"zone": timezone.get_current_timezone_name()},
    ]
    rows = [
        [
            answer.question.section.name,
            answer.question.code,
            answer.question.text,
            answer.response.respondent.get_username(),
            answer.response.get_perspective_display(),
            answer.response.is_submitted,
            answer.current,
            level_names.get(answer.current, ""),
            answer.target,
            level_names.get(answer.target, ""),
            answer.not_applicable,
            answer.dont_know,
            answer.comment,
            answer.evidence_url,
            answer.carried_over,
            timezone.localtime(answer.updated_at).replace(tzinfo=None),
        ]
        for answer in answers
    ]
    return header, rows


def score_rows(report: ResultsReport) -> tuple[list[str], list[list]]:
    overall = report.results.overall
    header = [
        _("Kind"),
        _("Code"),
        _("Name"),
        _("Current"),
        _("Target"),
        _("Gap"),
        _("Questions with a level"),
        _("Not applicable"),
        _("Don't know"),
        _("Unanswered"),
    ]
    rows = [
        [
            _("profile score"),
            "",
            report.overall_name or _("not assessed"),
            overall.score,
            None,
            None,
            overall.levelled,
            overall.not_applicable,
            overall.dont_know,
            overall.unanswered,
        ]
    ]
    for dimension in report.results.dimensions:
        rows.append(
            [
                dimension.kind,
                dimension.code,
                report.data.name(dimension.kind, dimension.code),
                dimension.current,
                dimension.target,
                dimension.gap,
                dimension.levelled,
                dimension.not_applicable,
                dimension.dont_know,
                dimension.unanswered,
            ]
        )
    return header, rows


def level_rows(report: ResultsReport) -> tuple[list[str], list[list]]:
    """The level, the profile score and every criterion, met or not: the
    first thing a reader of the spreadsheet looks for."""
    overall = report.results.overall
    header = [_("Item"), _("Level"), _("Question"), _("Text"), _("Now"), _("Met"), _("Must reach")]
    rule = _("staged (level criteria)") if overall.rule == "staged" else _("profile score")
    rows = [
        [
            _("Maturity level"),
            report.overall_name or _("not assessed"),
            "",
            "",
            overall.level,
            "",
            "",
        ],
        [_("Profile score"), "", "", "", overall.score, "", ""],
        [_("Worked out by"), rule, "", "", None, "", ""],
    ]
    next_unmet = {(c.level, c.question) for c in report.next_level_unmet}
    for criterion in report.criteria:
        label = (
            _("Next level: not met")
            if (criterion.level, criterion.question) in next_unmet
            else _("Criterion")
        )
        rows.append(
            [
                label,
                criterion.level_name,
                criterion.question,
                criterion.text,
                criterion.current if criterion.current is not None else criterion.status_label,
                _("yes") if criterion.met else _("no"),
                criterion.descriptor,
            ]
        )
    return header, rows


def not_applicable_rows(report: ResultsReport) -> tuple[list[str], list[list]]:
    header = [_("Question"), _("Text"), _("Respondent"), _("Reason")]
    rows = [
        [row.question, text, row.respondent, row.reason or _("no reason given")]
        for row, text in report.not_applicable
    ]
    return header, rows


def roadmap_rows(roadmap: RoadmapView) -> tuple[list[str], list[list]]:
    items = roadmap.items  # none with a cycle: the page and the PDF explain it
    header = [
        _("Order"),
        _("Phase"),
        _("Code"),
        _("Capability"),
        _("Priority"),
        _("Closes gaps on"),
        _("Needs first"),
        _("Roles involved"),
        _("Effort"),
        _("Deliverable"),
        _("Typical owner"),
        _("Owner role"),
        _("Start"),
        _("End"),
        _("Status"),
        _("Notes"),
        _("What the office has"),
        _("Roles the office lacks"),
    ]
    rows = [
        [
            position,
            item.phase,
            item.capability_code,
            item.name,
            round(item.priority, 3),
            ", ".join(item.reasons),
            ", ".join(item.need_names),
            ", ".join(item.role_names),
            item.effort,
            item.deliverable_name or item.deliverable_code,
            item.typical_owner,
            item.owner_role_name,
            item.start_date,
            item.end_date,
            item.status_label,
            item.notes,
            " ".join(item.inventory_notes),
            ", ".join(item.lacking_role_names),
        ]
        for position, item in enumerate(items, start=1)
    ]
    return header, rows


def solution_rows(inventory: InventoryReport) -> tuple[list[str], list[list]]:
    header = [
        _("Name"),
        _("Purpose"),
        _("GSBPM phase"),
        _("Phase name"),
        _("GSBPM sub-process"),
        _("Sub-process name"),
        _("Stage"),
        _("Method family"),
        _("Run by"),
        _("Components"),
    ]
    rows = [
        [
            s.name,
            s.purpose,
            s.phase_code,
            s.phase_name,
            s.subprocess_code,
            s.subprocess_name,
            s.stage_label,
            s.method_label,
            s.run_by,
            ", ".join(s.component_codes),
        ]
        for s in inventory.solutions
    ]
    return header, rows


def component_rows(inventory: InventoryReport) -> tuple[list[str], list[list]]:
    header = [_("Code"), _("Component"), _("Status"), _("Tools"), _("Shared with the rest of IT")]
    rows = [
        [
            row.code,
            row.name,
            row.status_label,
            row.tools,
            row.shared_with_it if row.status else None,
        ]
        for row in inventory.components
    ]
    return header, rows


def role_rows(inventory: InventoryReport) -> tuple[list[str], list[list]]:
    header = [
        _("Code"),
        _("Role"),
        _("People holding it"),
        _("People needed"),
        _("Hard to recruit or keep"),
        _("The office lacks it"),
    ]
    rows = [
        [row.code, row.name, row.held, row.needed, row.hard_to_fill, row.lacking]
        for row in inventory.roles
    ]
    return header, rows


def assessment_xlsx(assessment: Assessment) -> bytes:
    report = results_build(assessment)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, (header, rows) in (
        (_("Level"), level_rows(report)),
        (_("Answers"), answer_rows(assessment)),
        (_("Scores"), score_rows(report)),
        (_("Not applicable"), not_applicable_rows(report)),
        (_("Roadmap"), roadmap_rows(roadmap_view(assessment, report))),
        # A sheet's name has at most 31 characters; a longer one makes Excel
        # refuse the file.
        (
            pgettext("sheet name, 31 characters at most", "ML solutions"),
            solution_rows(report.inventory),
        ),
        (_("Components in place"), component_rows(report.inventory)),
        (_("Roles"), role_rows(report.inventory)),
    ):
        _sheet(workbook, title, header, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(workbook: Workbook, title: str, header: list[str], rows: Iterable[list]) -> None:
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(name)) for name in header]
    for row in rows:
        sheet.append([_xlsx_text(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if looks_like_formula(cell.value):
                cell.data_type = "s"  # openpyxl made it a formula
                cell.quotePrefix = True
        for index, value in enumerate(row):
            text = (
                value.strftime("%Y-%m-%d %H:%M")
                if isinstance(value, datetime)
                else str(value or "")
            )
            widths[index] = max(widths[index], min(len(text), MAX_COLUMN_WIDTH))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _xlsx_text(value):
    """XLSX cannot hold control characters (Word pastes \x0b for a soft break)."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub(" ", value)
    return value


def answers_csv(assessment: Assessment) -> str:
    """The answers sheet as CSV."""
    return _csv(*answer_rows(assessment))


def roadmap_plan_rows(roadmap: RoadmapView) -> tuple[list[str], list[list]]:
    """One row per item, in the order of time, as planning tools import them."""
    header = [
        _("Code"),
        _("Name"),
        _("Deliverable"),
        _("Effort"),
        _("Start"),
        _("End"),
        _("Status"),
        _("Owner"),
        _("Needs first"),
    ]
    rows = [
        [
            item.capability_code,
            item.name,
            item.deliverable_name or item.deliverable_code,
            item.effort,
            item.start_date.isoformat(),
            item.end_date.isoformat(),
            item.status_label,
            item.owner_role_name or item.typical_owner,
            "; ".join(item.need_names),
        ]
        for item in roadmap.items
    ]
    return header, rows


def roadmap_csv(roadmap: RoadmapView) -> str:
    return _csv(*roadmap_plan_rows(roadmap))


def roadmap_ics(roadmap: RoadmapView, title: str, url: str) -> bytes:
    """An all-day event per item over its dates. ``url``: the roadmap page,
    where each event links back to. Each event's UID stays the same for the
    same item of the same assessment, so a calendar that imports the file
    again updates its events instead of doubling them."""
    calendar = Calendar()
    calendar.add("prodid", "-//ML maturity//Roadmap//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    stamp = timezone.now()
    for item in roadmap.items:
        event = Event()
        event.add("uid", f"roadmap-{roadmap.assessment_id}-{item.capability_code}@ml-maturity")
        event.add("dtstamp", stamp)
        event.add("summary", item.name)
        event.add("dtstart", item.start_date)
        # All-day events end on the day after their last (RFC 5545).
        event.add("dtend", item.end_date + timedelta(days=1))
        event.add("description", _ics_description(item))
        event.add("categories", [item.deliverable_name or item.deliverable_code])
        event.add("url", f"{url}#item-{item.capability_code}")
        calendar.add_component(event)
    return calendar.to_ical()


def _ics_description(item) -> str:
    lines = [
        _("Effort: %(effort)s") % {"effort": item.effort},
        _("Status: %(status)s") % {"status": item.status_label},
    ]
    if owner := item.owner_role_name or item.typical_owner:
        lines.append(_("Owner: %(owner)s") % {"owner": owner})
    if item.need_names:
        lines.append(_("Needs first: %(names)s") % {"names": ", ".join(item.need_names)})
    if item.wait_reason:
        lines.append(item.wait_reason)
    return "\n".join(lines)


def _csv(header: list[str], rows: Iterable[list]) -> str:
    """CSV with a byte-order mark, so that Excel reads it as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    # Every field quoted: a spreadsheet set to split on ";" cannot cut a
    # comment so that a part of it starts with "=".
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(_csv_value(value)) for value in row])
    return buffer.getvalue()


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value
