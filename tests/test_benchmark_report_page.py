"""benchmark/report_page.py and templates/benchmark/report_benchmark.html:
the benchmark's page of the PDF report renders from its context."""

import io

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from benchmark.report_page import TEMPLATE, report_benchmark_part
from reports import pdf
from tests import benchmark_factories as peers

pytestmark = pytest.mark.django_db


def render(part, charts=None) -> str:
    context, _figures = part
    return render_to_string(TEMPLATE, {**context, "charts": charts or {}})


def test_the_page_renders_with_its_context(submitted_and_closed):
    world = submitted_and_closed
    peers.make_contributors(world.framework, 5)
    part = report_benchmark_part(world.assessment)
    assert part is not None
    context, figures = part
    assert set(figures) == {"benchmark_levels"}
    html = render(part, {"benchmark_levels": "data:image/svg+xml;base64,AA=="})
    assert "Compared with peer offices" in html
    assert "Compared with 5 contributing offices, anonymously." in html
    assert "The profile score is ahead of 1 of 5 offices like this one." in html
    assert 'src="data:image/svg+xml;base64,AA=="' in html
    assert "Principles: the group’s scores and this office’s" in html
    assert "CI/CD automation" in html  # names, not codes
    assert "Is the code versioned?" in html  # furthest behind, by its text


def test_without_charts_the_tables_carry_the_numbers(submitted_and_closed):
    world = submitted_and_closed
    peers.make_contributors(world.framework, 5)
    html = render(report_benchmark_part(world.assessment))
    assert "<img" not in html
    assert "Offices at each maturity level" in html


def test_no_page_when_the_group_is_too_small(submitted_and_closed):
    world = submitted_and_closed
    peers.make_contributors(world.framework, 4)
    assert report_benchmark_part(world.assessment) is None


def test_no_name_or_free_text_of_another_office(submitted_and_closed):
    world = submitted_and_closed
    peers.make_contributors(world.framework, 5)
    html = render(report_benchmark_part(world.assessment))
    for secret in (
        peers.SECRET_COMMENT,
        peers.SECRET_EVIDENCE,
        peers.SECRET_NAME,
        peers.SECRET_TITLE,
        peers.SECRET_USER,
    ):
        assert secret not in html


@pytest.mark.parametrize("contributors, shown", [(4, False), (5, True)])
def test_the_pdf_report_has_the_page_only_for_a_group_large_enough(
    submitted_and_closed, monkeypatch, contributors, shown
):
    monkeypatch.setattr("reports.chart_images.chromium_path", lambda: None)  # tables suffice
    world = submitted_and_closed
    peers.make_contributors(world.framework, contributors)
    text = " ".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(pdf.report_pdf(world.assessment))).pages
    )
    text = " ".join(text.split())
    assert ("Compared with peer offices" in text) is shown
    assert ("Compared with 5 contributing offices" in text) is shown
    for secret in (peers.SECRET_COMMENT, peers.SECRET_NAME, peers.SECRET_TITLE, peers.SECRET_USER):
        assert secret not in text
