"""reports.svg_text: WeasyPrint's SVG text in one run, unless positioned per character."""

from __future__ import annotations

import base64
import re

import pytest
from weasyprint import HTML
from weasyprint import svg as weasyprint_svg

from reports import pdf, svg_text  # importing reports.pdf installs svg_text

pytestmark = pytest.mark.pdf

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="80" '
    'style="font-family: DejaVu Sans; font-size: 12px">{}</svg>'
)


def pdf_of(svg_body: str) -> bytes:
    """A page with the SVG as its image, uncompressed so its operators can be read."""
    uri = "data:image/svg+xml;base64," + base64.b64encode(SVG.format(svg_body).encode()).decode()
    document = HTML(string=f'<img src="{uri}">', url_fetcher=pdf.AppOnlyURLFetcher())
    return document.write_pdf(uncompressed_pdf=True)


def text_placements(svg_body: str) -> int:
    """How many times the PDF places text (a ``Tm`` operator for each run)."""
    return len(re.findall(rb"\bTm\b", pdf_of(svg_body)))


def test_installed_by_the_report():
    assert weasyprint_svg.TAGS["text"] is svg_text.text_in_one_run
    assert weasyprint_svg.TAGS["tspan"] is svg_text.text_in_one_run
    assert weasyprint_svg.text is svg_text.text_in_one_run


def test_plain_text_is_placed_once():
    assert text_placements('<text x="10" y="30">Model monitoring</text>') == 1
    # A tspan per line, as plotly writes wrapped labels: a run per line.
    two_lines = (
        '<text x="10" y="30"><tspan x="10" dy="0">Environments for</tspan>'
        '<tspan x="10" dy="1.3em">innovation</tspan></text>'
    )
    assert text_placements(two_lines) == 2


@pytest.mark.parametrize(
    "attributes",
    [
        'x="10 20 30" y="30"',
        'x="10" y="30" dx="0,2,4"',
        'x="10" y="30" rotate="10"',
        'x="10" y="30" letter-spacing="2"',
        'x="10" y="30" textLength="80"',
    ],
)
def test_text_positioned_per_character_keeps_weasyprints_loop(attributes):
    assert text_placements(f"<text {attributes}>abc</text>") == 3


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_text_with_a_line_separator_keeps_weasyprints_loop(separator):
    # One run would end at the separator (WeasyPrint draws a layout's first
    # line only) and lose the rest; plotly passes such characters through.
    text = f"ab{separator}cd"
    assert text_placements(f'<text x="10" y="30">{text}</text>') == 4


def test_weasyprint_still_draws_character_by_character(monkeypatch):
    # When this fails, WeasyPrint draws such text in one run itself
    # (Kozea/WeasyPrint#2249): remove reports/svg_text.py.
    monkeypatch.setitem(weasyprint_svg.TAGS, "text", svg_text.text_by_character)
    monkeypatch.setattr(weasyprint_svg, "text", svg_text.text_by_character)
    assert text_placements('<text x="10" y="30">abc</text>') == 3


def test_text_anchor_still_applies():
    # WeasyPrint shifts middle- and end-anchored text by its measured width;
    # it recognises text nodes by the function that draws them.
    start = '<text x="150" y="30">centred</text>'
    middle = '<text x="150" y="30" text-anchor="middle">centred</text>'

    def placed_x(body: str) -> float:
        shifts = re.findall(rb"1 0 0 1 (-?[\d.]+) 0 cm", pdf_of(body))
        return float(shifts[-1]) if shifts else 0.0

    assert placed_x(start) == 0.0
    assert placed_x(middle) < -10  # moved left by half its width
