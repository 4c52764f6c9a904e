"""reports.chart_images: figures to SVG through kaleido's Chromium."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from reports import chart_images

pytestmark = pytest.mark.pdf

if chart_images.chromium_path() is None:
    pytest.skip("Chromium is not installed", allow_module_level=True)


def test_chromium_fetches_nothing_even_for_markup_that_asks_it_to(listener):
    port = listener.port
    # Built by hand, past reports.charts' escaping: a style with a URL, which
    # Chromium fetches when plotly draws it, and an image by address and name.
    figure = go.Figure(
        go.Bar(
            x=[1],
            y=[2],
            name=f'<span style="background:url(http://127.0.0.1:{port}/n)">n</span>',
        ),
        layout={
            "title": {"text": f'<span style="background:url(http://127.0.0.1:{port}/t)">t</span>'},
            "images": [
                {"source": f"http://127.0.0.1:{port}/a.png", "x": 0, "y": 0},
                {"source": f"http://localhost:{port}/b.png", "x": 0, "y": 0},
            ],
        },
    )
    images = chart_images.figures_to_svg({"hostile": figure})
    assert images.unavailable_reason == ""
    assert "<svg" in images.svgs["hostile"]  # drawn, just without anything fetched
    assert listener.made() == []


def test_unavailable_without_chromium(monkeypatch):
    monkeypatch.setattr(chart_images, "chromium_path", lambda: None)
    images = chart_images.figures_to_svg({"any": go.Figure()})
    assert images.svgs == {} and "Chromium is not installed" in images.unavailable_reason


def test_colour_bars_get_their_gradient_in_user_space():
    # Plotly's SVG of a colour bar, as kaleido draws it (shortened).
    svg = (
        '<defs><linearGradient x1="0" y1="1" x2="0" y2="0" gradientUnits="objectBoundingBox" '
        'id="g1-cb"><stop offset="0%" stop-color="rgb(247, 251, 255)"/></linearGradient>'
        '<linearGradient x1="0" y1="0" x2="1" y2="0" gradientUnits="objectBoundingBox" '
        'id="unused"></linearGradient></defs>'
        '<rect class="cbfill gradient_filled" style="fill: url(\'#g1-cb\');" '
        'x="609" y="10" width="30" height="149"/>'
    )
    fixed = chart_images.gradients_in_user_space(svg)
    assert (
        '<linearGradient x1="609" y1="159" x2="609" y2="10" gradientUnits="userSpaceOnUse" '
        'id="g1-cb">' in fixed
    )
    # A gradient that fills no rectangle is left as it was.
    assert 'gradientUnits="objectBoundingBox" id="unused"' in fixed
