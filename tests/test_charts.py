"""reports.charts: figures from plain data, without the database."""

from datetime import date

from reports import charts

LEVELS = ["Initial", "Spreading", "Widespread", "Mature"]


def test_radar_closes_the_shape_and_draws_current_over_target():
    points = [charts.Point("P1", 2.0, 3.0), charts.Point("P2", None, None)]
    figure = charts.principles_radar(points, LEVELS, "Principles")
    target, current = figure.data
    assert list(current.theta) == ["P1", "P2", "P1"]
    assert list(current.r) == [2.0, None, 2.0]  # not scored: a gap, not a zero
    assert list(target.r) == [3.0, None, 3.0]
    assert list(figure.layout.polar.radialaxis.ticktext) == LEVELS


def test_gaps_bar_stacks_current_and_gap_largest_on_top():
    points = [charts.Point("Big", 1.0, 4.0), charts.Point("Small", 3.0, 3.5)]
    current, gap = charts.gaps_bar(points, LEVELS, "Gaps").data
    assert list(current.y) == ["Small", "Big"]  # plotly draws bottom-up
    assert list(gap.x) == [0.5, 3.0]


def test_heatmap_keeps_rows_and_levels():
    figure = charts.level_heatmap(["C1", "C2"], [[1, 2, 0, 0], [0, 0, 3, 1]], LEVELS, "Heat")
    assert list(figure.data[0].x) == LEVELS
    assert [list(row) for row in figure.data[0].z] == [[1, 2, 0, 0], [0, 0, 3, 1]]


def test_disagreement_heatmap_marks_missing_perspectives():
    figure = charts.disagreement_heatmap(["Q1"], ["IT", "Business"], [[2.0, None]], LEVELS, "D")
    assert [list(row) for row in figure.data[0].text] == [["2", "–"]]


def test_change_bar():
    figure = charts.change_bar(["P1"], [1.0], [2.0], LEVELS, "Change", "2025", "2026")
    assert [trace.name for trace in figure.data] == ["2025", "2026"]


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
