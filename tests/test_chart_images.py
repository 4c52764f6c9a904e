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


def test_colour_bar_found_whatever_the_order_of_its_attributes():
    svg = (
        '<linearGradient x1="0" y1="1" x2="0" y2="0" gradientUnits="objectBoundingBox" '
        'id="g2-cb"></linearGradient>'
        '<rect x="10" y="20" width="30" height="100" class="cbfill" '
        "style=\"fill: url('#g2-cb');\"/>"
    )
    assert (
        '<linearGradient x1="10" y1="120" x2="10" y2="20" gradientUnits="userSpaceOnUse" '
        'id="g2-cb">' in chart_images.gradients_in_user_space(svg)
    )


def titled(title: str) -> go.Figure:
    return go.Figure(go.Bar(x=[1, 2], y=[3, 1]), layout={"title": {"text": title}})


def test_figures_drawn_together_each_get_their_own_drawing(monkeypatch):
    # Tabs are reused (reloaded every RELOAD_EVERY figures, here every 2):
    # six figures drawn at once on TABS tabs, each SVG has its own title.
    monkeypatch.setattr(chart_images, "RELOAD_EVERY", 2)
    figures = {f"chart{n}": titled(f"Title number {n}") for n in range(6)}
    images = chart_images.figures_to_svg(figures)
    assert images.unavailable_reason == ""
    for n in range(6):
        svg = images.svgs[f"chart{n}"]
        assert f"Title number {n}" in svg
        assert all(f"Title number {other}" not in svg for other in range(6) if other != n)
    # Side by side: the figures went to both tabs (kaleido's profile of its
    # latest calls names the tab of each).
    calls = chart_images._current._kaleido.profiler
    assert len({render.info["tab"] for call in calls for render in call.renders}) == 2


def test_a_chromium_that_died_is_replaced_and_the_report_gets_its_charts():
    chart_images.figures_to_svg({"first": titled("Drawn before it died")})
    dead = chart_images._current
    dead._kaleido.subprocess.kill()
    dead._kaleido.subprocess.wait(10)

    images = chart_images.figures_to_svg({"after": titled("Drawn after it died")})
    assert images.unavailable_reason == ""
    assert "Drawn after it died" in images.svgs["after"]
    assert chart_images._current is not dead
    assert not dead._thread.is_alive()  # its loop stopped, its thread gone


def test_a_failed_chromium_gives_tables_then_is_replaced(monkeypatch):
    def broken(self, figures):
        raise ConnectionError("Chromium went away")

    with monkeypatch.context() as patched:
        patched.setattr(chart_images._Renderer, "draw", broken)
        images = chart_images.figures_to_svg({"failed": titled("Not drawn")})
    assert images.svgs == {}
    assert "could not be drawn (ConnectionError)" in images.unavailable_reason
    assert chart_images._current is None  # stopped, not kept half-broken (tried twice)

    images = chart_images.figures_to_svg({"again": titled("Drawn by a new Chromium")})
    assert "Drawn by a new Chromium" in images.svgs["again"]


@pytest.mark.parametrize(("reload_every", "reloads"), [(1000, 0), (1, 4)])
def test_tabs_are_reloaded_only_every_reload_every_figures(monkeypatch, reload_every, reloads):
    # kaleido reloads a tab after each figure (four times the drawing's own
    # cost); if kaleido renamed what chart_images overrides, this shows it.
    from kaleido._kaleido_tab import _KaleidoTab

    reloaded = []
    original_reload = _KaleidoTab.reload

    async def counted_reload(tab):
        reloaded.append(tab)
        await original_reload(tab)

    monkeypatch.setattr(_KaleidoTab, "reload", counted_reload)
    monkeypatch.setattr(chart_images, "RELOAD_EVERY", reload_every)
    figures = {f"chart{n}": titled(f"Reloads {reload_every} {n}") for n in range(4)}
    assert len(chart_images.figures_to_svg(figures).svgs) == 4
    assert len(reloaded) == reloads
