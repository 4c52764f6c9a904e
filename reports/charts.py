"""Plotly figures from plain results data: no database, so the web page and
the PDF draw exactly the same figures.

Colours are the hues of the Okabe-Ito palette, which stays distinguishable
for the common forms of colour blindness, darkened so that each has at least
3:1 contrast against the white background (WCAG 1.4.11); series differ by
more than colour too (a dash, a marker or a fill pattern each), and every
chart has a table with the same numbers next to it on the page. Numbers on
heatmap cells are dark ink on a scale light enough for 4.5:1 on every cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from reports.roadmap import quarter_first_day, quarter_label, quarter_number

INK = "#1d2733"
CURRENT_COLOUR = "#0072B2"  # blue, 5.2:1 on white
TARGET_COLOUR = "#C05600"  # orange, 4.6:1
BEFORE_COLOUR = "#767676"  # grey, 4.5:1
DELIVERABLE_COLOURS = ["#0072B2", "#007A5A", "#A8437F", "#C05600", "#5E4FA2", "#767676"]
# Fill patterns, so that bars of different series differ by more than colour.
PATTERNS = ["", "/", "x", ".", "\\", "+"]
# From near white to a mid blue on which INK still has 6.2:1.
HEATMAP_SCALE = [[0.0, "#f7fbff"], [1.0, "#6baed6"]]
FONT = "DejaVu Sans, Arial, sans-serif"


def chart_text(value: object) -> str:
    """Text as plotly shows it literally.

    plotly reads tags (<a href>, <span style>, <br>) and entities in every
    title, name, label and hover text; a tag from a user would become a link
    or a stylesheet URL that the browser, and kaleido's Chromium, fetch.
    Escaped, plotly turns &lt; back into the < the user typed.
    """
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _texts(values) -> list[str]:
    return [chart_text(value) for value in values]


def _figure(data: list, *, title: str, height: int = 420, **layout) -> go.Figure:
    """One figure, its layout given whole: plotly validates it once, where
    repeated update_layout calls cost more than the rest of the page."""
    return go.Figure(
        data=data,
        layout={
            "title": {"text": chart_text(title), "x": 0, "xanchor": "left", "font": {"size": 16}},
            "font": {"family": FONT, "size": 12, "color": INK},
            "height": height,
            "margin": {"l": 60, "r": 30, "t": 60, "b": 50},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "legend": {"orientation": "h", "y": -0.12},
            **layout,
        },
    )


def _level_axis(level_names: Sequence[str]) -> dict:
    return {
        "range": [0, len(level_names)],
        "tickvals": list(range(1, len(level_names) + 1)),
        "ticktext": _texts(level_names),
        "gridcolor": "#d5dbe3",
    }


@dataclass(frozen=True)
class Point:
    """One dimension on a chart: its label and levels (None when not scored)."""

    label: str
    current: float | None
    target: float | None = None


def principles_radar(points: Sequence[Point], level_names: Sequence[str], title: str) -> go.Figure:
    labels = _texts(p.label for p in points)
    labels = labels + labels[:1]

    def closed(values):
        # An unscored principle is a gap in the line, not a point below level 1.
        values = list(values)
        return values + values[:1]

    traces = [
        go.Scatterpolar(
            r=closed(values),
            theta=labels,
            name=chart_text(name),
            mode="lines+markers",
            line={"color": colour, "width": 2, "dash": dash},
            marker={"symbol": symbol, "size": 8, "color": colour},
            fill="toself",
            opacity=0.6,
            # The name through plotly, not pasted into the template.
            hovertemplate="%{theta}: %{r:.1f}<extra>%{fullData.name}</extra>",
        )
        for name, values, colour, dash, symbol in (
            (_("Target"), [p.target for p in points], TARGET_COLOUR, "dash", "diamond"),
            (_("Current"), [p.current for p in points], CURRENT_COLOUR, "solid", "circle"),
        )
    ]
    polar = {
        "radialaxis": {**_level_axis(level_names), "angle": 0, "tickfont": {"size": 10}},
        "angularaxis": {"rotation": 90, "direction": "clockwise"},
        "bgcolor": "white",
    }
    return _figure(traces, title=title, height=480, polar=polar)


def gaps_bar(points: Sequence[Point], level_names: Sequence[str], title: str) -> go.Figure:
    """Current to target per dimension, largest gap at the top."""
    labels = _texts(p.label for p in points)[::-1]
    current = [p.current for p in points][::-1]
    gap = [(p.target or 0) - (p.current or 0) for p in points][::-1]
    traces = [
        go.Bar(
            y=labels,
            x=current,
            orientation="h",
            name=chart_text(_("Current")),
            marker_color=CURRENT_COLOUR,
            hovertemplate="%{y}: %{x:.1f}<extra></extra>",
        ),
        go.Bar(
            y=labels,
            x=gap,
            orientation="h",
            name=chart_text(_("Gap to target")),
            marker={"color": TARGET_COLOUR, "pattern": {"shape": PATTERNS[1]}},
            hovertemplate="%{y}: gap %{x:.1f}<extra></extra>",
        ),
    ]
    return _figure(
        traces,
        title=title,
        height=max(300, 28 * len(points) + 120),
        barmode="stack",
        xaxis=_level_axis(level_names),
    )


def _heatmap(rows, columns, values, text, title: str, **heatmap) -> go.Figure:
    """Rows top to bottom, a labelled cell each, the shared look of both heatmaps."""
    trace = go.Heatmap(
        z=values,
        x=_texts(columns),
        y=_texts(rows),
        colorscale=HEATMAP_SCALE,
        text=text,
        texttemplate="%{text}",
        textfont={"color": INK},
        hovertemplate="%{y}, %{x}: %{z}<extra></extra>",
        xgap=2,
        ygap=2,
        **heatmap,
    )
    return _figure(
        [trace],
        title=title,
        height=max(300, 30 * len(rows) + 120),
        yaxis={"autorange": "reversed"},
    )


def level_heatmap(
    rows: Sequence[str], counts: Sequence[Sequence[int]], level_names: Sequence[str], title: str
) -> go.Figure:
    """How many questions of each row sit at each level."""
    return _heatmap(
        rows,
        level_names,
        counts,
        counts,
        title,
        colorbar={"title": {"text": chart_text(_("Questions"))}},
    )


def disagreement_heatmap(
    questions: Sequence[str],
    perspectives: Sequence[str],
    levels: Sequence[Sequence[float | None]],
    level_names: Sequence[str],
    title: str,
) -> go.Figure:
    """The level each perspective gave, for the questions where they differ."""
    text = [["–" if v is None else f"{v:g}" for v in row] for row in levels]
    return _heatmap(
        questions,
        perspectives,
        levels,
        text,
        title,
        zmin=1,
        zmax=len(level_names),
        colorbar={
            "title": {"text": chart_text(_("Level"))},
            "tickvals": list(range(1, len(level_names) + 1)),
            "ticktext": _texts(level_names),
        },
    )


def change_bar(
    labels: Sequence[str],
    before: Sequence[float | None],
    after: Sequence[float | None],
    level_names: Sequence[str],
    title: str,
    before_name: str,
    after_name: str,
) -> go.Figure:
    labels = _texts(labels)
    traces = [
        go.Bar(
            x=labels,
            y=list(before),
            name=chart_text(before_name),
            marker={"color": BEFORE_COLOUR, "pattern": {"shape": PATTERNS[1]}},
        ),
        go.Bar(x=labels, y=list(after), name=chart_text(after_name), marker_color=CURRENT_COLOUR),
    ]
    return _figure(traces, title=title, barmode="group", yaxis=_level_axis(level_names))


@dataclass(frozen=True)
class TimelineItem:
    label: str
    phase: int
    group: str = ""
    start: date | None = None
    end: date | None = None


def roadmap_timeline(items: Sequence[TimelineItem], title: str) -> go.Figure:
    """By dates when every item has them, else by phase. Bars in swim lanes by
    group (the deliverable's name, in the order given), a line between lanes,
    each item's name above its bar (names beside the bars would leave a phone
    no room for the bars); on a date axis the quarters are labelled ("2027 Q1")
    in the middle of each, with grid lines at their boundaries."""
    by_dates = bool(items) and all(i.start and i.end for i in items)
    groups = list(dict.fromkeys(i.group for i in items))
    # Lane by lane in the order given; by date within a lane.
    ordered = [
        i
        for group in groups
        for i in sorted(
            (i for i in items if i.group == group),
            key=lambda i: (i.start, i.end) if by_dates else (i.phase,),
        )
    ]
    traces = []
    for index, group in enumerate(groups):
        members = [i for i in ordered if i.group == group]
        colour = DELIVERABLE_COLOURS[index % len(DELIVERABLE_COLOURS)]
        if by_dates:
            base = [i.start.isoformat() for i in members]
            # Bar lengths on a date axis are in milliseconds.
            length = [((i.end - i.start).days + 1) * 86_400_000 for i in members]
            when = [_quarters(i.start, i.end) for i in members]
        else:
            base = [i.phase - 0.45 for i in members]
            length = [0.9] * len(members)
            when = [_("Phase %(number)s") % {"number": i.phase} for i in members]
        traces.append(
            go.Bar(
                y=_texts(i.label for i in members),
                x=length,
                base=base,
                orientation="h",
                # The lower half of the item's row: its name is in the upper.
                width=0.45,
                offset=-0.5,
                name=chart_text(group or _("Capabilities")),
                customdata=_texts(when),
                marker={
                    "color": colour,
                    "pattern": {"shape": PATTERNS[index % len(PATTERNS)]},
                },
                hovertemplate="%{y}: %{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    order = _texts(i.label for i in ordered)
    xaxis = _quarter_axis(items) if by_dates else _phase_axis(items)
    return _figure(
        traces,
        title=title,
        height=max(320, 32 * len(items) + 120),
        barmode="overlay",
        xaxis=xaxis,
        yaxis={
            "categoryorder": "array",
            "categoryarray": order[::-1],
            "showticklabels": False,
            "range": [-0.6, len(items) - 0.4],
        },
        shapes=_lane_lines(ordered),
        annotations=[
            {
                "text": label,
                "xref": "paper",
                "x": 0,
                "xanchor": "left",
                "yref": "y",
                "y": label,
                "yanchor": "bottom",
                "yshift": -2,
                "showarrow": False,
                "font": {"size": 12},
            }
            for label in order
        ],
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        # Room at the top for the title, if any; a legend of several rows on a
        # phone takes more, which plotly adds itself.
        margin={"l": 10, "r": 10, "t": 70 if title else 20, "b": 40},
    )


def _quarters(start: date, end: date) -> str:
    first, last = quarter_label(start), quarter_label(end)
    return first if first == last else f"{first} – {last}"


def _quarter_axis(items: Sequence[TimelineItem]) -> dict:
    first = quarter_number(min(i.start for i in items))
    last = quarter_number(max(i.end for i in items))
    quarters = range(first, last + 1)
    # Past about twelve quarters, every second label, or they run into each other.
    step = 1 if len(quarters) <= 12 else 2
    labelled = [q for q in quarters if (q - first) % step == 0]
    return {
        "type": "date",
        # Labels in the middle of their quarter, grid lines at its edges.
        "tickvals": [_middle(q).isoformat() for q in labelled],
        "ticktext": [chart_text(quarter_label(quarter_first_day(q))) for q in labelled],
        "showgrid": False,
        "ticks": "",
        "minor": {
            "tickmode": "array",
            "tickvals": [quarter_first_day(q).isoformat() for q in range(first, last + 2)],
            "showgrid": True,
            "gridcolor": "#d5dbe3",
        },
        "range": [quarter_first_day(first).isoformat(), quarter_first_day(last + 1).isoformat()],
    }


def _middle(quarter: int) -> date:
    start = quarter_first_day(quarter)
    return start + (quarter_first_day(quarter + 1) - start) / 2


def _phase_axis(items: Sequence[TimelineItem]) -> dict:
    phases = sorted({i.phase for i in items}) or [1]
    return {
        "tickvals": phases,
        "ticktext": _texts(_("Phase %(number)s") % {"number": p} for p in phases),
        "range": [0.4, max(phases) + 0.6],
        "gridcolor": "#d5dbe3",
    }


def _lane_lines(ordered: Sequence[TimelineItem]) -> list[dict]:
    """A line across the chart between two lanes. Categories sit at 0, 1, ...
    from the bottom: the first item of the list is at the top."""
    count = len(ordered)
    return [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": count - index - 0.5,
            "y1": count - index - 0.5,
            "line": {"color": INK, "width": 1},
        }
        for index in range(1, count)
        if ordered[index].group != ordered[index - 1].group
    ]


def gsbpm_heatmap(
    phases: Sequence[str], stages: Sequence[str], counts: Sequence[Sequence[int]], title: str
) -> go.Figure:
    """How many ML solutions serve each production phase, by stage."""
    return _heatmap(
        phases,
        stages,
        counts,
        counts,
        title,
        # Counts of solutions: whole-number ticks only (no "1.5 solutions").
        colorbar={"title": {"text": chart_text(_("Solutions"))}, "dtick": 1, "tick0": 0},
    )
