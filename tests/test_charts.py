"""reports.charts: figures from plain data, without the database."""

import inspect
import json
from datetime import date

import plotly.graph_objects as go
import pytest

from reports import charts
from tests.figures import HOSTILE, assert_text_only

LEVELS = ["Initial", "Spreading", "Widespread", "Mature"]


def test_radar_closes_the_shape_and_draws_current_over_target():
    points = [charts.Point("P1", 2.0, 3.0), charts.Point("P2", None, None)]
    figure = charts.principles_radar(points, LEVELS, "Principles")
    target, current = figure.data
    assert list(current.theta) == ["P1", "P2", "P1"]
    assert list(current.r) == [2.0, None, 2.0]  # not scored: a gap, not a zero
    assert list(target.r) == [3.0, None, 3.0]
    assert list(figure.layout.polar.radialaxis.ticktext) == LEVELS
    # The target is an outline: a filled target would cover the current level.
    assert (target.fill, current.fill) == ("none", "toself")


def test_radar_axes_are_named_in_the_order_given():
    points = [
        charts.Point(charts.dimension_label(code, name), 2.0, 3.0)
        for code, name in (("P1", "CI/CD automation"), ("P2", "Workflow orchestration"))
    ]
    axis = charts.principles_radar(points, LEVELS, "Principles").layout.polar.angularaxis
    assert list(axis.tickvals) == ["P1 CI/CD automation", "P2 Workflow orchestration"]
    assert list(axis.ticktext) == ["P1 CI/CD<br>automation", "P2 Workflow<br>orchestration"]
    assert (axis.rotation, axis.direction) == (90, "clockwise")  # P1 at the top


@pytest.mark.parametrize("count", range(1, 14))
def test_the_level_labels_sit_between_two_axes(count):
    angle = charts.radial_axis_angle(count)
    step = 360 / count
    spokes = [(90 - index * step) % 360 for index in range(count)]
    nearest = min(min(abs(angle - s), 360 - abs(angle - s)) for s in spokes)
    assert nearest == pytest.approx(step / 2)
    # and in the gap nearest to the horizontal, where the labels read across
    assert min(angle, 360 - angle) <= step / 2 + 1e-9


@pytest.mark.parametrize(
    ("code", "name", "label"),
    [
        ("P1", "CI/CD automation", "P1 CI/CD automation"),
        ("C3", "Workflow orchestration", "C3 Workflow orchestration"),
        ("DEV", "", "DEV"),  # no name: the code, not "DEV "
        ("DEV", "DEV", "DEV"),
    ],
)
def test_dimension_label(code, name, label):
    assert charts.dimension_label(code, name) == label


@pytest.mark.parametrize(
    ("text", "width", "lines", "wrapped"),
    [
        ("Short", 26, 2, "Short"),
        (
            "C11 Environments for innovation and production",
            26,
            2,
            "C11 Environments for<br>innovation and production",
        ),
        # The last line takes the rest, up to a third longer.
        (
            "P6 Continuous ML training & evaluation",
            18,
            2,
            "P6 Continuous ML<br>training &amp; evaluation",
        ),
        # Cut at a word, with an ellipsis.
        (
            "MON-03 Are the services and infrastructure that run ML monitored?",
            26,
            2,
            "MON-03 Are the services<br>and infrastructure that run ML…",
        ),
        ("x" * 40, 12, 2, "x" * 15 + "…"),  # one long word is cut
        ("R&D <b>", 26, 2, "R&amp;D &lt;b&gt;"),  # escaped, line by line
        ("", 26, 2, ""),
    ],
)
def test_wrap_label(text, width, lines, wrapped):
    assert charts.wrap_label(text, width, lines) == wrapped


def test_gaps_bar_stacks_current_and_gap_largest_on_top():
    points = [charts.Point("Big", 1.0, 4.0), charts.Point("Small", 3.0, 3.5)]
    current, gap = charts.gaps_bar(points, LEVELS, "Gaps").data
    assert list(current.y) == ["Small", "Big"]  # plotly draws bottom-up
    assert list(gap.x) == [0.5, 3.0]


def test_heatmap_keeps_rows_and_levels():
    figure = charts.level_heatmap(["C1", "C2"], [[1, 2, 0, 0], [0, 0, 3, 1]], LEVELS, "Heat")
    assert list(figure.data[0].x) == LEVELS
    assert [list(row) for row in figure.data[0].z] == [[1, 2, 0, 0], [0, 0, 3, 1]]
    cells = [(a.y, a.x, a.text) for a in figure.layout.annotations]
    assert cells[:2] == [("C1", "Initial", "1"), ("C1", "Spreading", "2")]
    assert len(cells) == 8


@pytest.mark.parametrize(
    ("counts", "zmax", "dtick"),
    [
        ([[0, 0, 0, 0]], 1, 1),  # nothing yet: 0..1, never a scale around zero
        ([[1, 2, 0, 0]], 2, 1),
        ([[6, 4, 3, 0]], 6, 2),
        ([[23, 0, 0, 0]], 23, 5),
    ],
)
def test_heatmap_scale_starts_at_zero_and_keeps_its_colour_bar(counts, zmax, dtick):
    (trace,) = charts.level_heatmap(["C1"], counts, LEVELS, "Heat").data
    assert (trace.zmin, trace.zmax) == (0, zmax)
    assert trace.showscale is not False and trace.colorbar.title.text == "Questions"
    assert (trace.colorbar.tick0, trace.colorbar.dtick) == (0, dtick)


def test_gsbpm_heatmap_colour_bar_counts_in_whole_numbers():
    figure = charts.gsbpm_heatmap(["5 Process"], ["Pilot", "In production"], [[1, 3]], "Map")
    colorbar = figure.data[0].colorbar
    assert (colorbar.dtick, colorbar.tick0) == (1, 0)


def test_gsbpm_heatmap_keeps_phases_and_stages():
    figure = charts.gsbpm_heatmap(
        ["5 Process", "6 Analyse"], ["Pilot", "In production"], [[1, 2], [0, 1]], "Map"
    )
    trace = figure.data[0]
    assert list(trace.y) == ["5 Process", "6 Analyse"] and list(trace.x) == [
        "Pilot",
        "In production",
    ]
    assert [list(row) for row in trace.z] == [[1, 2], [0, 1]]


def test_disagreement_heatmap_marks_missing_perspectives():
    figure = charts.disagreement_heatmap(["Q1"], ["IT", "Business"], [[2.0, None]], LEVELS, "D")
    assert [a.text for a in figure.layout.annotations] == ["2", "–"]
    (trace,) = figure.data
    assert (trace.zmin, trace.zmax) == (1, 4)
    assert list(trace.colorbar.ticktext) == LEVELS


def test_change_bar():
    figure = charts.change_bar(
        ["P1 CI/CD automation"], [1.0], [2.0], LEVELS, "Change", "2025", "2026"
    )
    assert [trace.name for trace in figure.data] == ["2025", "2026"]
    # Named rows, read across: a bar per dimension and year.
    assert [trace.orientation for trace in figure.data] == ["h", "h"]
    assert list(figure.layout.yaxis.ticktext) == ["P1 CI/CD automation"]


def test_timeline_by_phase_groups_by_deliverable():
    items = [
        charts.TimelineItem("Repo", 1, "PLATFORMS"),
        charts.TimelineItem("Strategy", 1, "SKILLS"),
        charts.TimelineItem("CI/CD", 2, "PLATFORMS"),
    ]
    figure = charts.roadmap_timeline(items, "Roadmap")
    assert [trace.name for trace in figure.data] == ["PLATFORMS", "SKILLS"]
    assert list(figure.data[0].base) == [0.55, 1.55]
    assert list(figure.layout.xaxis.ticktext) == ["Phase 1", "Phase 2"]


def test_timeline_by_dates_when_every_item_has_them():
    items = [charts.TimelineItem("Repo", 1, "", date(2027, 1, 1), date(2027, 1, 31))]
    figure = charts.roadmap_timeline(items, "Roadmap")
    assert figure.layout.xaxis.type == "date"
    assert list(figure.data[0].x) == [31 * 86_400_000]


def test_empty_inputs_still_give_a_figure():
    assert charts.roadmap_timeline([], "Roadmap").data == ()
    assert len(charts.principles_radar([], LEVELS, "Empty").data) == 2


HOSTILE_LEVELS = [f"{HOSTILE} {name}" for name in LEVELS]


def hostile_figures():
    """Every public figure-building function of reports.charts, each with
    hostile text in every text argument."""
    points = [charts.Point(HOSTILE, 1.0, 3.0), charts.Point(HOSTILE + "2", 2.0, 2.5)]
    items = [
        charts.TimelineItem(HOSTILE, 1, HOSTILE),
        charts.TimelineItem(HOSTILE + "2", 2, ""),
    ]
    dated = [charts.TimelineItem(HOSTILE, 1, HOSTILE, date(2027, 1, 1), date(2027, 2, 1))]
    return {
        "principles_radar": [charts.principles_radar(points, HOSTILE_LEVELS, HOSTILE)],
        "gaps_bar": [charts.gaps_bar(points, HOSTILE_LEVELS, HOSTILE)],
        "level_heatmap": [charts.level_heatmap([HOSTILE], [[1, 0, 0, 2]], HOSTILE_LEVELS, HOSTILE)],
        "disagreement_heatmap": [
            charts.disagreement_heatmap(
                [HOSTILE], [HOSTILE, "IT"], [[1.0, 3.0]], HOSTILE_LEVELS, HOSTILE
            )
        ],
        "change_bar": [
            charts.change_bar([HOSTILE], [1.0], [2.0], HOSTILE_LEVELS, HOSTILE, HOSTILE, HOSTILE)
        ],
        "gsbpm_heatmap": [charts.gsbpm_heatmap([HOSTILE], [HOSTILE, "Pilot"], [[1, 2]], HOSTILE)],
        "roadmap_timeline": [
            charts.roadmap_timeline(items, HOSTILE),
            charts.roadmap_timeline(dated, HOSTILE),
        ],
    }


def test_every_figure_function_is_walked():
    public = {
        name
        for name, function in inspect.getmembers(charts, inspect.isfunction)
        if function.__module__ == charts.__name__
        and not name.startswith("_")
        and inspect.signature(function).return_annotation in ("go.Figure", go.Figure)
    }
    assert public == set(hostile_figures())


def test_user_text_reaches_every_figure_as_text():
    for name, figures in hostile_figures().items():
        for figure in figures:
            shown = json.loads(figure.to_json())
            assert_text_only(shown)
            # and it is still there, for plotly to show as typed
            assert "&lt;a href=" in figure.to_json(), name


def test_chart_text_escapes_so_plotly_shows_it_literally():
    # plotly turns &lt; &gt; &amp; back into < > & when it draws text.
    assert charts.chart_text('R&D <b>x</b> "q"') == 'R&amp;D &lt;b&gt;x&lt;/b&gt; "q"'
    assert charts.chart_text("&lt;") == "&amp;lt;"  # shown as typed, not as <
    assert charts.chart_text(3) == "3"


def contrast(one: str, other: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    darker, lighter = sorted([luminance(one), luminance(other)])
    return (lighter + 0.05) / (darker + 0.05)


def series_of(figure) -> list:
    return [trace for trace in figure.data if trace.type in ("bar", "scatterpolar")]


def test_series_colours_have_3_to_1_against_white():
    colours = {charts.CURRENT_COLOUR, charts.TARGET_COLOUR, charts.BEFORE_COLOUR}
    for colour in colours | set(charts.DELIVERABLE_COLOURS):
        assert contrast(colour, "#ffffff") >= 3, colour


@pytest.mark.parametrize(
    ("fill", "text"),
    [
        ("#ffffff", "#000000"),
        ("#f7fbff", "#000000"),
        ("#6baed6", "#000000"),
        ("#08519c", "#ffffff"),
        ("#000000", "#ffffff"),
    ],
)
def test_cell_text_colour_follows_the_cell(fill, text):
    assert charts.cell_text_colour(fill) == text


@pytest.mark.parametrize(
    ("fraction", "colour"),
    [(0, "#f7fbff"), (0.5, "#6baed6"), (1, "#08519c"), (-1, "#f7fbff"), (2, "#08519c")],
)
def test_scale_colour(fraction, colour):
    assert charts.scale_colour(charts.HEATMAP_SCALE, fraction) == colour


def test_every_colour_of_the_scale_has_a_text_colour_with_4_5_to_1():
    for step in range(101):
        fill = charts.scale_colour(charts.HEATMAP_SCALE, step / 100)
        assert contrast(charts.cell_text_colour(fill), fill) >= 4.5, fill


def cell_colours(figure):
    """Each annotation's text colour and the colour of the cell under it."""
    (trace,) = figure.data
    z = {
        (row, column): value
        for row, values in zip(trace.y, trace.z, strict=True)
        for column, value in zip(trace.x, values, strict=True)
    }
    for annotation in figure.layout.annotations:
        value = z[(annotation.y, annotation.x)]
        share = (value - trace.zmin) / (trace.zmax - trace.zmin) if value is not None else 0
        fill = charts.scale_colour(charts.HEATMAP_SCALE, share) if value is not None else "#ffffff"
        yield annotation.font.color, fill


@pytest.mark.parametrize(
    "figure",
    [
        charts.level_heatmap(["C1", "C2"], [[0, 1, 2, 3], [4, 5, 6, 0]], LEVELS, "Components"),
        charts.level_heatmap(["C1"], [[0, 0, 0, 0]], LEVELS, "Nothing yet"),
        charts.disagreement_heatmap(
            ["Q1", "Q2"], ["IT", "Business"], [[1.0, 2.5], [4.0, None]], LEVELS, "Disagree"
        ),
        charts.gsbpm_heatmap(["5 Process"], ["Pilot", "In production"], [[1, 3]], "Map"),
    ],
    ids=["levels", "all zero", "disagreement", "gsbpm"],
)
def test_heatmap_numbers_have_4_5_to_1_on_every_cell(figure):
    pairs = list(cell_colours(figure))
    assert pairs
    for text, fill in pairs:
        assert contrast(text, fill) >= 4.5, (text, fill)


def test_every_figure_has_a_phone_layout_of_text_only():
    for name, figures in hostile_figures().items():
        if name == "roadmap_timeline":
            continue  # drawn by the roadmap's own code
        for figure in figures:
            narrow = figure.layout.meta["narrow"]
            assert narrow["font.size"] <= charts.NARROW_FONT, name
            assert_text_only(json.loads(json.dumps(narrow)))


def test_series_differ_by_more_than_colour():
    points = [charts.Point("P1", 2.0, 3.0)]
    radar = series_of(charts.principles_radar(points, LEVELS, "Principles"))
    assert len({(t.line.dash, t.marker.symbol) for t in radar}) == 2
    gaps = series_of(charts.gaps_bar(points, LEVELS, "Gaps"))
    change = series_of(charts.change_bar(["P1"], [1.0], [2.0], LEVELS, "C", "Before", "Now"))
    items = [charts.TimelineItem(f"Item {n}", 1, group=f"G{n}") for n in range(3)]
    timeline = series_of(charts.roadmap_timeline(items, "Roadmap"))
    for figure in (gaps, change, timeline):
        assert len({t.marker.pattern.shape or "" for t in figure}) == len(figure)
