"""The benchmark's figures from plain numbers (no database), for the page and
the PDF alike, in the style of reports.charts (colours with 3:1 contrast,
series that differ by more than colour, user text escaped)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from benchmark.aggregate import Distribution
from reports.charts import CURRENT_COLOUR, FONT, INK, TARGET_COLOUR, chart_text

PEERS_COLOUR = CURRENT_COLOUR
OWN_COLOUR = TARGET_COLOUR
GRID = "#d5dbe3"
# Dimension names wrap at this many characters: on a phone, one-line names
# would leave the boxes no room.
LABEL_WIDTH = 20


def _layout(title: str, height: int, **layout) -> dict:
    return {
        "title": {"text": chart_text(title), "x": 0, "xanchor": "left", "font": {"size": 16}},
        "font": {"family": FONT, "size": 12, "color": INK},
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 60, "b": 50},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "legend": {"orientation": "h", "y": -0.15},
        **layout,
    }


def levels_bar(
    level_names: Sequence[str], counts: Sequence[int], own_level: int | None, title: str
) -> go.Figure:
    """How many offices of the group are at each level; the office's own
    level is the hatched, orange bar."""
    names = [chart_text(n) for n in level_names]
    own = [rank == own_level for rank in range(1, len(level_names) + 1)]
    bar = go.Bar(
        x=names,
        y=list(counts),
        name=chart_text(_("Offices in the group")),
        marker={
            "color": [OWN_COLOUR if mine else PEERS_COLOUR for mine in own],
            "pattern": {"shape": ["/" if mine else "" for mine in own]},
        },
        text=[chart_text(_("Your level")) if mine else "" for mine in own],
        textposition="outside",
        hovertemplate="%{x}: %{y}<extra></extra>",
        cliponaxis=False,
    )
    return go.Figure(
        data=[bar],
        layout=_layout(
            title,
            360,
            showlegend=False,
            yaxis={
                "title": {"text": chart_text(_("Offices"))},
                "gridcolor": GRID,
                "rangemode": "tozero",
            },
        ),
    )


def distributions_box(
    labels: Sequence[str],
    distributions: Sequence[Distribution],
    level_names: Sequence[str],
    title: str,
) -> go.Figure:
    """One box per dimension (quartiles, whiskers at the 10th and 90th
    percentiles, computed on the server: no office's value reaches the page),
    and the office's own score as a diamond."""
    shown = [(label, d) for label, d in zip(labels, distributions, strict=True) if d.shown]
    # Escaped first, so that the line breaks are the only markup.
    names = ["<br>".join(textwrap.wrap(chart_text(label), LABEL_WIDTH)) for label, _d in shown]
    boxes = go.Box(
        y=names,
        q1=[d.q1 for _l, d in shown],
        median=[d.median for _l, d in shown],
        q3=[d.q3 for _l, d in shown],
        lowerfence=[d.low for _l, d in shown],
        upperfence=[d.high for _l, d in shown],
        orientation="h",
        name=chart_text(_("Offices in the group")),
        marker={"color": PEERS_COLOUR},
        line={"color": PEERS_COLOUR},
        fillcolor="rgba(0, 114, 178, 0.15)",
        hoverinfo="skip",
    )
    own = go.Scatter(
        y=names,
        x=[d.own for _l, d in shown],
        mode="markers",
        name=chart_text(_("Your office")),
        marker={
            "symbol": "diamond",
            "size": 12,
            "color": OWN_COLOUR,
            "line": {"color": INK, "width": 1},
        },
        hovertemplate="%{y}: %{x:.1f}<extra>%{fullData.name}</extra>",
    )
    axis = {
        "range": [0.8, len(level_names) + 0.2],
        "tickvals": list(range(1, len(level_names) + 1)),
        "ticktext": [chart_text(n) for n in level_names],
        "gridcolor": GRID,
    }
    return go.Figure(
        data=[boxes, own],
        layout=_layout(
            title,
            140 + sum(30 + 16 * name.count("<br>") for name in names),
            xaxis=axis,
            yaxis={"autorange": "reversed", "automargin": True},
            margin={"l": 20, "r": 20, "t": 60, "b": 60},
            boxgap=0.35,
        ),
    )
