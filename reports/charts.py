"""Plotly figures from plain results data: no database, so the web page and
the PDF draw exactly the same figures.

Colours are the hues of the Okabe-Ito palette, which stays distinguishable
for the common forms of colour blindness, darkened so that each has at least
3:1 contrast against the white background (WCAG 1.4.11); series differ by
more than colour too (a dash, a marker or a fill pattern each), and every
chart has a table with the same numbers next to it on the page. Numbers on
heatmap cells are black or white, whichever the cell's own colour gives the
higher contrast: one of the two always has at least 4.58:1 (WCAG 1.4.3).

Labels a person reads are names ("P1 CI/CD automation"); long ones break
over two lines on the axis (``ticktext``), while the data keep the whole label
for the hover box and the tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from reports.roadmap import quarter_first_day, quarter_label, quarter_number

INK = "#1d2733"
CURRENT_COLOUR = "#0072B2"  # blue, 5.2:1 on white
TARGET_COLOUR = "#C05600"  # orange, 4.6:1
BEFORE_COLOUR = "#767676"  # grey, 4.5:1
DELIVERABLE_COLOURS = ["#0072B2", "#007A5A", "#A8437F", "#C05600", "#5E4FA2", "#767676"]
# Fill patterns, so that bars of different series differ by more than colour.
PATTERNS = ["", "/", "x", ".", "\\", "+"]
# From near white to a dark blue: the cells' text picks its colour per cell.
HEATMAP_SCALE = [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08519c"]]
CELL_TEXT_COLOURS = ("#000000", "#ffffff")
GRID_COLOUR = "#d5dbe3"
QUIET_COLOUR = "#4a5563"  # axis labels that are not data: 7.6:1 on white
FONT = "DejaVu Sans, Arial, sans-serif"
LABEL_WIDTH = 26  # characters per line of an axis label
LABEL_LINES = 2
# On a phone (static/js/charts.js applies layout.meta.narrow below this
# width): smaller type, and labels over three shorter lines.
NARROW_FONT = 10
NARROW_LABEL_WIDTH = 14
NARROW_LABEL_LINES = 3


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


def dimension_label(code: str, name: str) -> str:
    """How a chart names a principle, component or topic: the name, after its
    code (short, and what tells "P2 Workflow orchestration" from "C3 Workflow
    orchestration")."""
    return f"{code} {name}".strip() if name and name != code else code


def wrap_label(text: str, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> str:
    """An axis label broken at spaces over at most ``lines`` lines of about
    ``width`` characters; the last line takes the rest, up to a third longer,
    and ends in "…" where it is cut. The lines are escaped and joined by
    plotly's line break, the one tag a label may carry."""
    rows: list[str] = []
    for word in str(text).split():
        if rows and (len(rows[-1]) + 1 + len(word) <= width or len(rows) == lines):
            rows[-1] += " " + word
        else:
            rows.append(word)
    longest = width + width // 3
    return "<br>".join(chart_text(_cut(row, longest)) for row in rows)


def _cut(row: str, longest: int) -> str:
    """The row, or as many of its words as fit with "…" (a long word is cut)."""
    if len(row) <= longest:
        return row
    kept = row[: longest - 1]
    if " " in kept:
        kept = kept[: kept.rindex(" ")]
    return kept.rstrip() + "…"


def _wrapped(values) -> list[str]:
    return [wrap_label(value) for value in values]


def _narrow_labels(values) -> list[str]:
    return [wrap_label(value, NARROW_LABEL_WIDTH, NARROW_LABEL_LINES) for value in values]


def _luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb colour (WCAG 2)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    red, green, blue = (
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    )
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(one: str, other: str) -> float:
    darker, lighter = sorted([_luminance(one), _luminance(other)])
    return (lighter + 0.05) / (darker + 0.05)


def scale_colour(scale: Sequence[Sequence], fraction: float) -> str:
    """The #rrggbb colour a plotly colour scale gives at ``fraction`` (0..1)."""
    fraction = min(max(fraction, 0.0), 1.0)
    for (start, low), (end, high) in zip(scale, scale[1:], strict=False):
        if start <= fraction <= end:
            share = (fraction - start) / (end - start) if end > start else 0.0
            channels = (
                int(low[i : i + 2], 16) * (1 - share) + int(high[i : i + 2], 16) * share
                for i in (1, 3, 5)
            )
            return "#" + "".join(f"{round(channel):02x}" for channel in channels)
    return scale[-1][1]


def cell_text_colour(fill: str) -> str:
    """Black or white, whichever has the higher contrast on the cell."""
    return max(CELL_TEXT_COLOURS, key=lambda colour: contrast_ratio(colour, fill))


def _figure(
    data: list, *, title: str, height: int = 420, narrow: dict | None = None, **layout
) -> go.Figure:
    """One figure, its layout given whole: plotly validates it once, where
    repeated update_layout calls cost more than the rest of the page.

    ``narrow``: what changes on a phone, as plotly.relayout's dotted keys;
    the page applies it (static/js/charts.js), the PDF never does."""
    narrow = {
        "font.size": NARROW_FONT,
        "title.font.size": 14,
        "margin.l": 10,
        "margin.r": 30,  # the last level's name, centred on the axis's end
        **(narrow or {}),
    }
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
            # Numbers in hover labels and on axes as the reader's language
            # writes them: "2,5" in French.
            "separators": get_format("DECIMAL_SEPARATOR") + get_format("THOUSAND_SEPARATOR"),
            "meta": {"narrow": narrow},
            **layout,
        },
    )


def _legend_below(height: int) -> dict:
    """A legend just under the level axis's labels, however tall the chart:
    a fixed fraction of the plot would leave a gap the taller it grows."""
    plot_height = max(height - 110, 100)  # the figure less its top and bottom margins
    return {"orientation": "h", "y": -48 / plot_height, "yanchor": "top", "traceorder": "normal"}


def _level_axis(level_names: Sequence[str]) -> dict:
    return {
        "range": [0, len(level_names)],
        "tickvals": list(range(1, len(level_names) + 1)),
        "ticktext": _texts(level_names),
        "gridcolor": GRID_COLOUR,
    }


@dataclass(frozen=True)
class Point:
    """One dimension on a chart: its label and levels (None when not scored)."""

    label: str
    current: float | None
    target: float | None = None


def radial_axis_angle(count: int) -> float:
    """Where the level labels go: the gap between two neighbouring axes that
    lies nearest to the horizontal on the right, so that they sit on no axis
    and none of its markers, and read across. The first axis is at the top,
    the others follow clockwise (degrees counter-clockwise from the right)."""
    step = 360 / max(count, 1)
    gaps = [(90 - (index + 0.5) * step) % 360 for index in range(max(count, 1))]
    return min(gaps, key=lambda angle: min(angle, 360 - angle))


def principles_radar(points: Sequence[Point], level_names: Sequence[str], title: str) -> go.Figure:
    """Principles in the order given (P1..P9), clockwise from the top."""
    labels = _texts(p.label for p in points)
    closed_labels = labels + labels[:1]

    def closed(values):
        # An unscored principle is a gap in the line, not a point below level 1.
        values = list(values)
        return values + values[:1]

    traces = [
        go.Scatterpolar(
            r=closed(values),
            theta=closed_labels,
            name=chart_text(name),
            mode="lines+markers",
            line={"color": colour, "width": 2, "dash": dash},
            marker={"symbol": symbol, "size": 8, "color": colour},
            # Only the current profile is filled: the target is its outline.
            fill=fill,
            fillcolor=fillcolor,
            # The name through plotly, not pasted into the template.
            hovertemplate="%{theta}: %{r:.1f}<extra>%{fullData.name}</extra>",
        )
        for name, values, colour, dash, symbol, fill, fillcolor in (
            (
                _("Target"),
                [p.target for p in points],
                TARGET_COLOUR,
                "dash",
                "diamond",
                "none",
                None,
            ),
            (
                _("Current"),
                [p.current for p in points],
                CURRENT_COLOUR,
                "solid",
                "circle",
                "toself",
                "rgba(0, 114, 178, 0.18)",
            ),
        )
    ]
    polar = {
        "radialaxis": {
            **_level_axis(level_names),
            "angle": radial_axis_angle(len(points)),
            "tickfont": {"size": 10, "color": QUIET_COLOUR},
            "showline": False,
        },
        "angularaxis": {
            "rotation": 90,
            "direction": "clockwise",
            "tickvals": labels,
            "ticktext": [wrap_label(p.label, 18) for p in points],
            "gridcolor": GRID_COLOUR,
        },
        "bgcolor": "white",
    }
    return _figure(
        traces,
        title=title,
        height=520,
        polar=polar,
        margin={"l": 90, "r": 90, "t": 70, "b": 60},
        narrow={
            "height": 420,
            "font.size": 9,
            "margin.l": 72,
            "margin.r": 72,
            "polar.angularaxis.ticktext": [wrap_label(p.label, 12, 3) for p in points],
            # Too small a circle for the level names: the table below has them.
            "polar.radialaxis.showticklabels": False,
        },
    )


def gaps_bar(points: Sequence[Point], level_names: Sequence[str], title: str) -> go.Figure:
    """Current to target per dimension, in the order given, the first at the top."""
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
            hovertemplate=_("%{y}: gap %{x:.1f}") + "<extra></extra>",
        ),
    ]
    height = max(300, 40 * len(points) + 130)
    return _figure(
        traces,
        title=title,
        height=height,
        barmode="stack",
        xaxis=_level_axis(level_names),
        yaxis={"tickvals": labels, "ticktext": _wrapped(p.label for p in points)[::-1]},
        legend=_legend_below(height),
        narrow={
            "yaxis.ticktext": _narrow_labels(p.label for p in points)[::-1],
            # Room for the last level's name, which a phone would drop.
            "xaxis.range": [0, len(level_names) + 0.5],
        },
    )


def _heatmap(
    rows, columns, values, text, title: str, *, zmin: float, zmax: float, **heatmap
) -> go.Figure:
    """Rows top to bottom, a labelled cell each, the shared look of every heatmap.

    The cells' numbers are annotations rather than the trace's text, so that
    each can take the colour that reads on its own cell (plotly gives the
    trace's text one colour)."""
    x, y = _texts(columns), _texts(rows)
    trace = go.Heatmap(
        z=values,
        x=x,
        y=y,
        colorscale=HEATMAP_SCALE,
        zmin=zmin,
        zmax=zmax,
        hovertemplate="%{y}, %{x}: %{z}<extra></extra>",
        xgap=2,
        ygap=2,
        **heatmap,
    )
    return _figure(
        [trace],
        title=title,
        height=max(300, 40 * len(rows) + 130),
        yaxis={"autorange": "reversed", "tickvals": y, "ticktext": _wrapped(rows)},
        annotations=_cell_labels(x, y, values, text, zmin, zmax),
        narrow={
            "yaxis.ticktext": _narrow_labels(rows),
            "xaxis.ticktext": _narrow_labels(columns),
            "xaxis.tickvals": x,
        },
    )


def _cell_labels(x, y, values, text, zmin: float, zmax: float) -> list[dict]:
    annotations = []
    for row, row_values, row_text in zip(y, values, text, strict=True):
        for column, value, label in zip(x, row_values, row_text, strict=True):
            if value is None:
                fill = "#ffffff"  # no cell is drawn: the background shows
            else:
                fill = scale_colour(HEATMAP_SCALE, (value - zmin) / ((zmax - zmin) or 1))
            annotations.append(
                {
                    "x": column,
                    "y": row,
                    "text": chart_text(label),
                    "showarrow": False,
                    # The size follows the figure's (smaller on a phone).
                    "font": {"color": cell_text_colour(fill)},
                }
            )
    return annotations


def whole_number_colour_bar(title: str, largest: int) -> dict:
    """A colour bar of counts: whole-number ticks (no "1.5 solutions")."""
    return {
        "title": {"text": chart_text(title)},
        "tick0": 0,
        "dtick": max(1, -(-largest // 5)),
    }


def level_heatmap(
    rows: Sequence[str], counts: Sequence[Sequence[int]], level_names: Sequence[str], title: str
) -> go.Figure:
    """How many questions of each row sit at each level. The scale runs from
    0 to the largest count (at least 1): never around zero when all are zero."""
    largest = max((count for row in counts for count in row), default=0)
    return _heatmap(
        rows,
        level_names,
        counts,
        counts,
        title,
        zmin=0,
        zmax=max(largest, 1),
        colorbar=whole_number_colour_bar(_("Questions"), largest),
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
    """Before and now per dimension, side by side, the first at the top."""
    shown = _texts(labels)
    traces = [
        go.Bar(
            y=shown,
            x=list(values),
            orientation="h",
            name=chart_text(name),
            marker=marker,
            hovertemplate="%{y}: %{x:.1f}<extra>%{fullData.name}</extra>",
        )
        for name, values, marker in (
            (
                before_name,
                before,
                {"color": BEFORE_COLOUR, "pattern": {"shape": PATTERNS[1]}},
            ),
            (after_name, after, {"color": CURRENT_COLOUR}),
        )
    ]
    height = max(320, 48 * len(labels) + 130)
    return _figure(
        traces,
        title=title,
        height=height,
        barmode="group",
        xaxis=_level_axis(level_names),
        yaxis={
            "autorange": "reversed",
            "tickvals": shown,
            "ticktext": _wrapped(labels),
        },
        legend=_legend_below(height),
        narrow={
            "yaxis.ticktext": _narrow_labels(labels),
            "xaxis.range": [0, len(level_names) + 0.5],
        },
    )


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
    largest = max((count for row in counts for count in row), default=0)
    return _heatmap(
        phases,
        stages,
        counts,
        counts,
        title,
        zmin=0,
        zmax=max(largest, 1),
        colorbar=whole_number_colour_bar(_("Solutions"), largest),
    )
