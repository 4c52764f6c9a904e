"""Hostile text for figures, and the check that it reaches them only as text."""

from __future__ import annotations

# Markup a user could type: plotly would draw a link and fetch the style's URL.
HOSTILE = '<a href="//127.0.0.1:9/a"><span style="background:url(//127.0.0.1:9/b)">&</span></a>'
# Short enough for a level name (80 characters) with the level after it.
HOSTILE_SHORT = '<span style="background:url(//127.0.0.1:9/)">&</span>'


def figure_strings(value):
    """Every string in a figure's JSON, keys aside."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from figure_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from figure_strings(item)


def assert_text_only(figure_json: dict) -> None:
    """No "<" in a figure but the hover box's own <extra> tags and the line
    breaks reports.charts puts into long axis labels."""
    strings = list(figure_strings(figure_json))
    for text in strings:
        own_tags = text.replace("<extra>", "").replace("</extra>", "").replace("<br>", "")
        assert "<" not in own_tags, text
