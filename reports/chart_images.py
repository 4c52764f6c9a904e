"""Plotly figures as SVG, through kaleido and one persistent Chromium.

Starting Chromium costs about two seconds, so one kaleido server is started
on first use and kept for the life of the process; each figure then costs a
fraction of a second. Without Chromium (or if it fails) the caller gets the
reason instead of images, and the report shows tables in their place.

That Chromium has no network. A figure needs nothing from outside (plotly.js
comes from a local file, MathJax is off), and one that asked for a URL, say
through a stylesheet in a chart's text, would make the server itself fetch
it: from its own address, inside the firewall.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import threading
from dataclasses import dataclass, field

import plotly.graph_objects as go
from django.core.cache import cache
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_server_started = False

SVG_WIDTH = 760

# No name or address resolves (IP addresses included, as the test checks),
# and should a request get past that, it goes to a proxy on a closed port,
# with the implicit exemption of loopback addresses from proxies removed.
OFFLINE_FLAGS = (
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class ChartImages:
    svgs: dict[str, str] = field(default_factory=dict)
    unavailable_reason: str = ""


def _ensure_server() -> None:
    global _server_started
    if _server_started:
        return
    import kaleido

    kaleido.start_sync_server(mathjax=False, silence_warnings=True, browser_cls=_offline_chromium())
    _server_started = True


def _offline_chromium():
    """choreographer's Chromium with OFFLINE_FLAGS.

    kaleido hands its keyword arguments to choreographer's Browser, whose
    browser_cls builds the command line; it has a proxy option but none for
    other flags, hence the subclass.
    """
    from choreographer.browsers.chromium import Chromium

    class OfflineChromium(Chromium):
        def get_cli(self):
            return [*super().get_cli(), *OFFLINE_FLAGS]

    return OfflineChromium


def figures_to_svg(figures: dict[str, go.Figure]) -> ChartImages:
    if not figures:
        return ChartImages()
    if chromium_path() is None:
        return ChartImages(
            unavailable_reason=_(
                "Chromium is not installed on the server, so the charts are shown as tables "
                "(install the Debian package chromium to get charts)."
            )
        )
    import kaleido

    images = ChartImages()
    with _lock:  # one Chromium, one figure at a time
        try:
            _ensure_server()
            for name, figure in figures.items():
                images.svgs[name] = _svg(kaleido, figure)
        except Exception as error:  # noqa: BLE001 - any failure means: tables instead
            logger.warning("Charts could not be drawn: %s", error)
            return ChartImages(
                unavailable_reason=_(
                    "The charts could not be drawn (%(error)s), so they are shown as tables."
                )
                % {"error": type(error).__name__}
            )
    return images


def _svg(kaleido, figure: go.Figure) -> str:
    """The figure's SVG, from the cache when the same figure was drawn before.

    The key is the figure itself, so changed data can never reuse a drawing.
    """
    height = int(figure.layout.height or 420)
    # v2: colour bars redrawn in user space (gradients_in_user_space).
    drawn = f"v2:{SVG_WIDTH}x{height}:{figure.to_json()}"
    key = "svg:" + hashlib.sha256(drawn.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = kaleido.calc_fig_sync(
            figure, opts={"format": "svg", "width": SVG_WIDTH, "height": height}
        )
        svg = svg.decode("utf-8") if isinstance(svg, bytes) else svg
        svg = gradients_in_user_space(svg)
        cache.set(key, svg, timeout=None)
    return svg


_GRADIENT = re.compile(
    r'<linearGradient x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)" '
    r'gradientUnits="objectBoundingBox" id="([^"]+)"'
)
_GRADIENT_FILLED_RECT = re.compile(
    r"<rect [^>]*?style=\"fill: url\('#([^']+)'\);\" "
    r'x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"'
)


def gradients_in_user_space(svg: str) -> str:
    """Plotly's colour bars, with their gradient in the rectangle's own
    coordinates.

    Plotly fills a colour bar with a gradient in ``objectBoundingBox`` units,
    which WeasyPrint does not draw (the bar comes out blank, ticks only); the
    same gradient in ``userSpaceOnUse`` units, worked out from the rectangle
    it fills, it does.
    """
    boxes = {
        match[1]: tuple(float(value) for value in match.groups()[1:])
        for match in _GRADIENT_FILLED_RECT.finditer(svg)
    }

    def in_user_space(match: re.Match) -> str:
        gradient_id = match[5]
        if gradient_id not in boxes:
            return match[0]
        x, y, width, height = boxes[gradient_id]
        x1, y1, x2, y2 = (float(value) for value in match.groups()[:4])
        return (
            f'<linearGradient x1="{x + x1 * width:g}" y1="{y + y1 * height:g}" '
            f'x2="{x + x2 * width:g}" y2="{y + y2 * height:g}" '
            f'gradientUnits="userSpaceOnUse" id="{gradient_id}"'
        )

    return _GRADIENT.sub(in_user_space, svg)
