"""Download and upload the ML solution inventory as a spreadsheet."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from assessment import services
from assessment.access import Need, assessment_for
from assessment.selectors import inventory_read, inventory_vocabulary
from config.api import login_or_token_required
from reports.forms import InventoryImportForm
from reports.inventory_files import COLUMNS, solutions_csv, solutions_read, solutions_xlsx
from reports.views import _download

FORMATS = {
    "csv": ("text/csv; charset=utf-8", solutions_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", solutions_xlsx),
}


@login_or_token_required
@require_GET
def inventory_export(request, pk: int, extension: str):
    assessment = assessment_for(request, pk)
    if extension not in FORMATS:
        raise Http404
    content_type, write = FORMATS[extension]
    content = write(inventory_read(assessment), inventory_vocabulary(assessment.framework))
    return _download(assessment, content, content_type, f"ml-solutions.{extension}")


@login_required
@require_http_methods(["GET", "POST"])
def inventory_import(request, pk: int):
    assessment = assessment_for(request, pk, Need.WRITE)
    form = InventoryImportForm(request.POST or None, request.FILES or None)
    problems: list[tuple[int, str, str]] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = solutions_read(upload.read(), upload.name)
            count = services.ml_solutions_import(assessment=assessment, rows=rows)
        except services.ResponseLocked as error:
            messages.error(request, str(error))
            return redirect("inventory", assessment.pk)
        except services.InventoryNotSaved as error:
            messages.error(request, error.message)
            titles = {key: str(label) for key, label in COLUMNS}
            problems = [(line, titles.get(key, key), text) for line, key, text in error.errors]
            status = 400
        else:
            messages.success(
                request,
                ngettext(
                    "Imported %(count)s solution; it replaces the earlier list.",
                    "Imported %(count)s solutions; they replace the earlier list.",
                    count,
                )
                % {"count": count},
            )
            return redirect("inventory", assessment.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "reports/inventory_import.html",
        {"assessment": assessment, "form": form, "problems": problems},
        status=status,
    )
