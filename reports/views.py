from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment.access import Need, assessment_for
from capabilities.frozen import frozen_read
from capabilities.selectors import framework_roles
from config.api import login_or_token_required
from reports import exports, pdf, services
from reports.content_cache import figures_json, html_cached, html_cached_many
from reports.forms import RegenerateForm, RoadmapEntryForm, RoadmapSettingsForm
from reports.models import StoredReport
from reports.results import results_build
from reports.roadmap import RoadmapCycleError
from reports.roadmap_view import roadmap_view, roadmap_view_cached
from reports.selectors import assessment_has_levels, results_page_source
from reports.summary import summary_build

logger = logging.getLogger(__name__)
# How often the "being prepared" page asks again (seconds).
REPORT_RETRY_SECONDS = 2


@login_required
@require_GET
def results(request, pk: int):
    assessment = assessment_for(request, pk)

    def draw_body(report=None, summary=None) -> str:
        if report is None:
            report, summary = _results_read(assessment)
        context = {
            "assessment": assessment,
            "report": report,
            "summary": summary,
            "overall": report.results.overall,
            "figures": report.figures_json(),
        }
        return render_to_string("reports/results_body.html", context)

    # Drawing the tables and charts was most of the page's time, and building
    # the report most of the rest; the same content gives the same HTML, so
    # it is drawn once (content_cache), keyed by what it is drawn from, read
    # first in a few queries (reports.selectors.results_page_source).
    source = results_page_source(assessment)
    if source is not None:
        body = html_cached(
            "results-page",
            source,
            draw_body,
            unchanged=lambda: results_page_source(assessment) == source,
        )
    else:  # a draft framework: only the built report says what it shows
        report, summary = _results_read(assessment)
        body = html_cached(
            "results-body", (report.page_inputs(), summary), lambda: draw_body(report, summary)
        )
    return render(
        request,
        "reports/results.html",
        {"assessment": assessment, "body": mark_safe(body)},
    )


def _results_read(assessment):
    """The results and their summary (with the roadmap's first steps, once
    there is a level)."""
    report = results_build(assessment)
    roadmap = roadmap_view(assessment, report) if report.assessed else None
    return report, summary_build(report, roadmap)


@login_required
@require_GET
def roadmap(request, pk: int):
    assessment = assessment_for(request, pk)
    view = roadmap_view_cached(assessment)
    spec = view.timeline_spec("")  # its heading is the page's
    return render(
        request,
        "reports/roadmap.html",
        {
            "assessment": assessment,
            "roadmap": view,
            "figure": figures_json({"timeline": spec})["timeline"] if spec else None,
            "regenerate_form": RegenerateForm(),
            "items_html": _roadmap_items_html(request, assessment, view),
            # Asked only when the roadmap is empty, to say why.
            "answered": bool(view.items) or assessment_has_levels(assessment),
        },
    )


# Stands for the CSRF token in an item's HTML kept in the cache, which every
# reader shares; replaced by the reader's own token on the way out. A tag
# no escaped user text can contain.
CSRF_PLACEHOLDER = '<input type="hidden" name="csrfmiddlewaretoken" value="CSRF-PLACEHOLDER">'


def _roadmap_items_html(request, assessment, view) -> list[str]:
    """Each item's row, drawn once per content (twenty-five rows with their
    edit forms were most of the page's time): the item, whether the reader
    may edit it (and with which choices), whether it is the one shown open."""
    edit_choices = _edit_choices(assessment)
    open_code = request.GET.get("open", "")  # the item just saved, shown open

    def draw(item):
        context = {
            "assessment": assessment,
            "item": item,
            "edit_choices": edit_choices,
            "open_code": open_code,
            "csrf_token": "CSRF-PLACEHOLDER",
        }
        return lambda: render_to_string("reports/roadmap_item.html", context)

    parts = [
        ((assessment.pk, item, edit_choices, item.capability_code == open_code), draw(item))
        for item in view.items
    ]
    token = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    return [
        mark_safe(html.replace(CSRF_PLACEHOLDER, token))
        for html in html_cached_many("roadmap-item", parts)
    ]


def _edit_choices(assessment) -> dict | None:
    """The choices of RoadmapEntryForm, which the page writes out per item."""
    if not assessment.access.is_owner:
        return None

    def read():
        form = RoadmapEntryForm(roles=framework_roles(assessment.framework_id))
        return {
            "roles": [c for c in form.fields["owner_role"].choices if c[0]],
            "statuses": form.fields["status"].choices,
        }

    # The roles of a published version never change (capabilities.frozen).
    return frozen_read(assessment.framework, "roadmap edit choices", read)


def _entry_form(item, roles, data=None) -> RoadmapEntryForm:
    initial = {
        # Planned dates are not the owner's: an empty field keeps them planned.
        "start_date": item.start_date if item.dates_fixed else None,
        "end_date": item.end_date if item.dates_fixed else None,
        "owner_role": item.owner_role,
        "status": item.status,
        "notes": item.notes,
        "version": item.version,
    }
    return RoadmapEntryForm(data, roles=roles, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_entry_edit(request, pk: int, code: str):
    assessment = assessment_for(request, pk, Need.OWN)
    view = roadmap_view(assessment)
    if view.error:
        messages.error(request, view.error)
        return redirect("roadmap", assessment.pk)
    item = view.item(code)
    if item is None:
        raise Http404
    roles = framework_roles(assessment.framework_id)
    form = _entry_form(item, roles, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            services.roadmap_entry_update(
                assessment=assessment,
                code=code,
                based_on_version=values.pop("version"),
                **values,
            )
        except services.RoadmapEntryConflict as conflict:
            form.add_error(None, _conflict_message(conflict.entry, roles))
            # What the owner typed stays; saving again is then a deliberate
            # overwrite of the stored item.
            form.data = form.data.copy()
            form.data["version"] = str(conflict.entry.version if conflict.entry else 0)
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                for message in field_errors:
                    form.add_error(field, message)
        except RoadmapCycleError as error:  # the framework changed since the page was read
            messages.error(request, str(error))
            return redirect("roadmap", assessment.pk)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": item.name})
            page = reverse("roadmap", args=[assessment.pk])
            return redirect(f"{page}?{urlencode({'open': code})}#item-{code}")
    return render(
        request,
        "reports/roadmap_entry.html",
        {"assessment": assessment, "entry": item, "form": form},
    )


def _conflict_message(entry, roles) -> str:
    if entry is None:
        return _(
            "Not saved: this item is no longer on the roadmap, which was regenerated from the "
            "answers since you opened this page."
        )
    role_names = {role.code: role.name for role in roles}
    parts = [entry.get_status_display()]
    if entry.start_date:
        start, end = (
            date_format(d, "SHORT_DATE_FORMAT") for d in (entry.start_date, entry.end_date)
        )
        parts.append(f"{start} – {end}")
    else:
        parts.append(_("dates planned with the others"))
    if entry.owner_role:
        parts.append(_("owner role %(role)s") % {"role": role_names.get(entry.owner_role, "")})
    if entry.notes:
        parts.append(_("notes “%(notes)s”") % {"notes": entry.notes})
    return _(
        "Not saved: this item was changed elsewhere since you opened this page. It is now: "
        "%(summary)s. What you entered is still in the form: save again to overwrite it, "
        "or cancel to keep the stored item."
    ) % {"summary": ", ".join(str(part) for part in parts)}


@login_required
@require_POST
def roadmap_regenerate(request, pk: int):
    assessment = assessment_for(request, pk, Need.OWN)
    try:
        services.roadmap_generate(
            assessment=assessment, replace_edits=RegenerateForm(request.POST).is_valid()
        )
    except services.RoadmapEdited:
        messages.error(
            request,
            _("Tick the box to confirm that your edits will be replaced, then regenerate."),
        )
    except RoadmapCycleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Regenerated the roadmap from the answers."))
    return redirect("roadmap", assessment.pk)


def _settings_form(view, data=None) -> RoadmapSettingsForm:
    return RoadmapSettingsForm(
        data, initial={"start_date": view.start_date, "capacity": view.capacity}
    )


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_settings(request, pk: int):
    """When the roadmap starts and how much work the office runs at once."""
    assessment = assessment_for(request, pk, Need.OWN)
    view = roadmap_view(assessment)
    form = _settings_form(view, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.roadmap_settings_update(assessment=assessment, **form.cleaned_data)
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                for message in field_errors:
                    form.add_error(None if field == NON_FIELD_ERRORS else field, message)
        else:
            messages.success(request, _("Saved the roadmap's start and capacity."))
            return redirect("roadmap", assessment.pk)
    return render(
        request,
        "reports/roadmap_settings.html",
        {"assessment": assessment, "roadmap": view, "form": form},
    )


@login_or_token_required
@require_GET
def roadmap_csv(request, pk: int):
    assessment = assessment_for(request, pk)
    content = exports.roadmap_csv(roadmap_view(assessment))
    return _download(assessment, content, "text/csv; charset=utf-8", "csv", suffix="roadmap")


@login_or_token_required
@require_GET
def roadmap_ics(request, pk: int):
    assessment = assessment_for(request, pk)
    title = _("Roadmap: %(title)s") % {"title": assessment.title}
    page = request.build_absolute_uri(reverse("roadmap", args=[assessment.pk]))
    content = exports.roadmap_ics(roadmap_view(assessment), title, page)
    return _download(assessment, content, "text/calendar; charset=utf-8", "ics", suffix="roadmap")


def _download(assessment, content, content_type: str, extension: str, *, inline=False, suffix=""):
    """A file named after the organisation and assessment."""
    stem = slugify(f"{assessment.organisation.name} {assessment.title} {suffix}") or "assessment"
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{stem}.{extension}"'
    return response


@login_or_token_required
@require_GET
def report_pdf(request, pk: int):
    """The PDF report when it is stored; else it is queued (once for the same
    data) and a page that reloads itself says it is being prepared.
    ``?annex=1``: with the annex (the detail behind the main report)."""
    assessment = assessment_for(request, pk)
    annex = request.GET.get("annex") == "1"
    try:
        stored = services.stored_report_request(
            assessment=assessment,
            key=pdf.report_source(assessment, annex=annex).key,
            annex=annex,
        )
    except Exception:  # noqa: BLE001 - never a bare 500 for a report
        logger.exception("PDF report of assessment %s failed", assessment.pk)
        stored = None
    if stored is None or stored.status == StoredReport.Status.FAILED:
        return render(request, "reports/report_failed.html", {"assessment": assessment}, status=503)
    if stored.status == StoredReport.Status.PENDING:
        response = render(
            request,
            "reports/report_preparing.html",
            {"assessment": assessment, "retry_seconds": REPORT_RETRY_SECONDS, "annex": annex},
            status=202,
        )
        response["Retry-After"] = str(REPORT_RETRY_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    with stored.file.open("rb") as stored_file:
        content = stored_file.read()
    suffix = _("annex") if annex else ""
    return _download(assessment, content, "application/pdf", "pdf", inline=True, suffix=suffix)


@login_or_token_required
@require_GET
def export_xlsx(request, pk: int):
    assessment = assessment_for(request, pk)
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(assessment, exports.assessment_xlsx(assessment), content_type, "xlsx")


@login_or_token_required
@require_GET
def export_csv(request, pk: int):
    assessment = assessment_for(request, pk)
    content_type = "text/csv; charset=utf-8"
    return _download(assessment, exports.answers_csv(assessment), content_type, "csv")
