"""Plotly figures as SVG, through kaleido and one persistent Chromium.

Starting Chromium costs about two seconds, so one is started on first use
and kept for the life of the process, with ``TABS`` tabs that draw a
report's figures side by side. Kaleido reloads a tab (plotly.js and all)
after every figure, which costs four times the drawing itself; plotly
draws each figure into a new element it removes afterwards, so a tab here
is reloaded only every ``RELOAD_EVERY`` figures, to hand back the memory.
Without Chromium (or if it fails) the caller gets the reason instead of
images, and the report shows tables in their place. A Chromium that fails
(it may have died since the last report) is stopped and the figures are
drawn once more by a new one; only a new Chromium's failure means tables.

That Chromium has no network. A figure needs nothing from outside (plotly.js
comes from a local file, MathJax is off), and one that asked for a URL, say
through a stylesheet in a chart's text, would make the server itself fetch
it: from its own address, inside the firewall.
"""

from __future__ import annotations

import asyncio
import atexit
import hashlib
import logging
import re
import shutil
import threading
from contextlib import suppress
from dataclasses import dataclass, field

import plotly.graph_objects as go
from django.core.cache import cache
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

SVG_WIDTH = 760
TABS = 2  # figures drawn at once; the machines this runs on have two cores or more
RELOAD_EVERY = 50  # figures a tab draws before it is reloaded
START_TIMEOUT = 30  # seconds for Chromium to start with its tabs
DRAW_TIMEOUT = 60  # seconds for one figure (kaleido's limit), and for all of a report's
CLOSE_TIMEOUT = 10  # seconds for Chromium to close before it is left to the OS

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
    with _lock:
        try:
            return ChartImages(svgs=_svgs(figures))
        except Exception as error:  # noqa: BLE001 - any failure means: tables instead
            logger.warning("Charts could not be drawn: %r", error, exc_info=True)
            failure = type(error).__name__
    return ChartImages(
        unavailable_reason=_(
            "The charts could not be drawn (%(error)s), so they are shown as tables."
        )
        % {"error": failure}
    )


def _svgs(figures: dict[str, go.Figure]) -> dict[str, str]:
    """Each figure's SVG, from the cache when the same figure was drawn
    before; the others drawn together. The key is the figure itself, so
    changed data can never reuse a drawing."""
    keys = {name: _cache_key(figure) for name, figure in figures.items()}
    svgs = cache.get_many(list(keys.values()))
    missing = [name for name, key in keys.items() if key not in svgs]
    if missing:
        drawn = _draw([figures[name] for name in missing])
        fresh = {
            keys[name]: gradients_in_user_space(svg)
            for name, svg in zip(missing, drawn, strict=True)
        }
        cache.set_many(fresh, timeout=None)
        svgs |= fresh
    return {name: svgs[key] for name, key in keys.items()}


def _height(figure: go.Figure) -> int:
    return int(figure.layout.height or 420)


def _cache_key(figure: go.Figure) -> str:
    # v2: colour bars redrawn in user space (gradients_in_user_space).
    drawn = f"v2:{SVG_WIDTH}x{_height(figure)}:{figure.to_json()}"
    return "svg:" + hashlib.sha256(drawn.encode()).hexdigest()


def _draw(figures: list[go.Figure]) -> list[str]:
    """The figures drawn by the running Chromium, or if that fails, once more
    by a new one; a new Chromium's failure is raised."""
    global _current
    if _current is not None:
        try:
            return _current.draw(figures)
        except Exception:  # noqa: BLE001 - a new Chromium tries again
            logger.warning("Chromium failed; starting a new one", exc_info=True)
            _renderer_discard()
    _current = _Renderer()
    try:
        return _current.draw(figures)
    except Exception:
        _renderer_discard()
        raise


class _Renderer:
    """kaleido on an event loop of its own, in a thread, so that a report's
    figures are drawn at once whatever the caller's thread (a request, a
    task worker)."""

    def __init__(self) -> None:
        import kaleido

        # The browser kaleido starts is the one chromium_path() found.
        self._kaleido = _tab_reusing(kaleido.Kaleido)(
            n=TABS,
            path=chromium_path(),
            mathjax=False,
            browser_cls=_offline_chromium(),
            timeout=DRAW_TIMEOUT,
        )
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kaleido", daemon=True)
        self._thread.start()
        try:
            self._run(self._kaleido.open(), START_TIMEOUT)
        except BaseException:
            self.close()
            raise

    def _run(self, coroutine, timeout: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def draw(self, figures: list[go.Figure]) -> list[str]:
        async def draw_all() -> list[bytes]:
            return await asyncio.gather(
                *(
                    self._kaleido.calc_fig(
                        figure,
                        opts={"format": "svg", "width": SVG_WIDTH, "height": _height(figure)},
                    )
                    for figure in figures
                )
            )

        return [svg.decode("utf-8") for svg in self._run(draw_all(), DRAW_TIMEOUT)]

    def close(self) -> None:
        """Chromium closed, the loop stopped and its thread gone."""
        with suppress(Exception):
            self._run(self._kaleido.close(), CLOSE_TIMEOUT)
        with suppress(Exception):
            self._run(_tasks_cancelled(), CLOSE_TIMEOUT)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(CLOSE_TIMEOUT)
        if not self._thread.is_alive():
            self._loop.close()


async def _tasks_cancelled() -> None:
    """What is still running on the loop (choreographer's watchdog of a
    Chromium that died, say) cancelled and finished, so that closing the
    loop leaves no task behind."""
    tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _tab_reusing(kaleido_class):
    """kaleido's Kaleido, reloading a tab every RELOAD_EVERY figures rather
    than after each (the reload is the one thing overridden)."""

    class TabReusingKaleido(kaleido_class):
        async def _return_kaleido_tab(self, tab) -> None:
            tab.figures_drawn = getattr(tab, "figures_drawn", 0) + 1
            if tab.figures_drawn >= RELOAD_EVERY:
                tab.figures_drawn = 0
                await tab.reload()
            await self.tabs_ready.put(tab)

    return TabReusingKaleido


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


_lock = threading.Lock()  # one renderer, one report's figures at a time
_current: _Renderer | None = None


def _renderer_discard() -> None:
    """Stops the running renderer, if any (the caller holds ``_lock``)."""
    global _current
    if _current is not None:
        renderer, _current = _current, None
        renderer.close()


@atexit.register
def renderer_stop() -> None:
    """Stops Chromium, once no report is being drawn (the next report starts
    a new one). At exit, and for the bench to time a cold start."""
    if _lock.acquire(timeout=DRAW_TIMEOUT):
        try:
            _renderer_discard()
        finally:
            _lock.release()


_GRADIENT = re.compile(
    r'<linearGradient x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)" '
    r'gradientUnits="objectBoundingBox" id="([^"]+)"'
)
_GRADIENT_FILLED_RECT = re.compile(r"<rect [^>]*?fill: url\('#([^']+)'\)[^>]*>")
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def gradients_in_user_space(svg: str) -> str:
    """Plotly's colour bars, with their gradient in the rectangle's own
    coordinates.

    Plotly fills a colour bar with a gradient in ``objectBoundingBox`` units,
    which WeasyPrint does not draw (the bar comes out blank, ticks only); the
    same gradient in ``userSpaceOnUse`` units, worked out from the rectangle
    it fills, it does.
    """
    boxes = {}
    for match in _GRADIENT_FILLED_RECT.finditer(svg):
        attributes = dict(_ATTRIBUTE.findall(match[0]))
        with suppress(KeyError, ValueError):  # a rectangle without its box keeps its gradient
            boxes[match[1]] = tuple(
                float(attributes[name]) for name in ("x", "y", "width", "height")
            )

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
