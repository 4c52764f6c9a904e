"""SVG text laid out in one run, not one character at a time, in WeasyPrint.

WeasyPrint 70 draws every SVG ``<text>`` character by character: one Pango
layout and one positioned glyph run per character, because SVG allows each
character its own position. A report's charts hold about 5,000 characters,
so that loop is a tenth of the whole PDF's time; it also splits what
shaping must keep together (combining accents, Arabic joining, ligatures).
Upstream knows both (Kozea/WeasyPrint#2249, "draw the whole text when
there's no specified x, y, dx, dy or rotate values for specific glyphs")
and plans a rewrite of its text handling; until then this module does
exactly that narrow thing, and hands anything positioned per character to
WeasyPrint's own code unchanged.

How: WeasyPrint's ``text()`` lays out ``for char in node.text``. Text that
iterates as one piece (``_OneRun``) makes that loop lay out and draw the
whole text once, with the first (and only) position, which is what the
characters one by one would have added up to. Remove this module when
WeasyPrint draws such text in one run; ``tests/test_svg_text.py`` says when.
"""

from __future__ import annotations

from weasyprint import svg as weasyprint_svg
from weasyprint.svg.text import text as text_by_character

# Attributes that place or space characters one by one, so that text must
# keep WeasyPrint's loop.
PER_CHARACTER = ("rotate", "textLength", "lengthAdjust")
POSITION_LISTS = ("x", "y", "dx", "dy")
NO_SPACING = ("", "normal", "0", "0px")
# Characters at which Pango starts a new line. WeasyPrint draws the first
# line of a layout only; its loop, one character at a time, never meets a
# line. (Its whitespace handling has already replaced newlines and tabs, not
# these.)
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")


class _OneRun(str):
    """A string that iterates as one piece."""

    def __iter__(self):
        yield str(self)


def positioned_per_character(node) -> bool:
    """Whether the text must keep WeasyPrint's loop: characters placed or
    spaced one by one, or a line break that one run would end at."""
    if not LINE_BREAKS.isdisjoint(node.text):
        return True
    if any(name in node.attrib for name in PER_CHARACTER):
        return True
    if node.get("letter-spacing", "").strip() not in NO_SPACING:
        return True
    return any(len(node.get(name, "").replace(",", " ").split()) > 1 for name in POSITION_LISTS)


def text_in_one_run(svg, node, font_size):
    if node.text and not positioned_per_character(node):
        node._etree_node.text = _OneRun(node.text)
    return text_by_character(svg, node, font_size)


def install() -> None:
    """Draws WeasyPrint's SVG text through ``text_in_one_run``. The module
    global matters too: WeasyPrint recognises text nodes by comparing with
    it (for text-anchor)."""
    weasyprint_svg.text = text_in_one_run
    for tag, draw in weasyprint_svg.TAGS.items():
        if draw is text_by_character:
            weasyprint_svg.TAGS[tag] = text_in_one_run
