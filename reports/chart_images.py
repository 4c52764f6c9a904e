"""Plotly figures as SVG, through kaleido and one persistent Chromium.

Starting Chromium costs about two seconds, so one kaleido server is started
on first use and kept for the life of the process; each figure then costs a
fraction of a second. Without Chromium (or if it fails) the caller gets the
reason instead of images, and the report shows tables in their place.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import threading
from dataclasses import dataclass, field

import plotly.graph_objects as go
from django.core.cache import cache

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_server_started = False

SVG_WIDTH = 760


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

    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    _server_started = True


def figures_to_svg(figures: dict[str, go.Figure]) -> ChartImages:
    if not figures:
        return ChartImages()
    if chromium_path() is None:
        return ChartImages(
            unavailable_reason="Chromium is not installed on the server, so the charts are "
            "shown as tables (install the Debian package chromium to get charts)."
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
                unavailable_reason=f"The charts could not be drawn ({type(error).__name__}), "
                "so they are shown as tables."
            )
    return images


def _svg(kaleido, figure: go.Figure) -> str:
    """The figure's SVG, from the cache when the same figure was drawn before.

    The key is the figure itself, so changed data can never reuse a drawing.
    """
    height = int(figure.layout.height or 420)
    key = "svg:" + hashlib.sha256(f"{SVG_WIDTH}x{height}:{figure.to_json()}".encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = kaleido.calc_fig_sync(
            figure, opts={"format": "svg", "width": SVG_WIDTH, "height": height}
        )
        svg = svg.decode("utf-8") if isinstance(svg, bytes) else svg
        cache.set(key, svg, timeout=None)
    return svg
