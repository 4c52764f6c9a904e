"""Results of the pure core kept in the cache under a hash of their inputs.

Scoring an assessment (pandas) and building its plotly figures were most of
the results and roadmap pages' time, and they are pure functions of data the
page has read already. The key is a hash of that data's repr (frozen
dataclasses, lists, strings), so changed data can never reuse a result; the
cache's key prefix changes with each release (settings.release_fingerprint),
so new code never reuses what old code computed.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field

import plotly.graph_objects as go
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from assessment.scoring import AnswerInfo, CriterionInfo, QuestionInfo, Results, score

CACHE_SECONDS = 24 * 3600


def _key(prefix: str, inputs) -> str:
    return f"{prefix}:" + hashlib.sha256(repr(inputs).encode("utf-8")).hexdigest()


def score_cached(
    questions: list[QuestionInfo],
    answers: list[AnswerInfo],
    levels: int,
    criteria: list[CriterionInfo] = (),
) -> Results:
    """assessment.scoring.score, computed once for the same answers and criteria."""
    key = _key("score", (questions, answers, levels, tuple(criteria)))
    results = cache.get(key)
    if results is None:
        results = score(questions, answers, levels, criteria)
        cache.set(key, results, timeout=CACHE_SECONDS)
    return results


def content_cached(prefix: str, compute: Callable, *args, **kwargs):
    """``compute(*args, **kwargs)`` for a pure function of plain data (frozen
    dataclasses, lists, mappings, dates): computed once for the same inputs.
    An exception is raised every time, never kept."""
    key = _key(prefix, (args, sorted(kwargs.items())))
    value = cache.get(key)
    if value is None:
        value = compute(*args, **kwargs)
        cache.set(key, value, timeout=CACHE_SECONDS)
    return value


@dataclass(frozen=True)
class FigureSpec:
    """A chart function of reports.charts and its arguments: the figure, or
    its JSON for the page, is built from it when needed."""

    draw: Callable[..., go.Figure]
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    @classmethod
    def of(cls, draw: Callable[..., go.Figure], *args, **kwargs) -> FigureSpec:
        return cls(draw, args, kwargs)

    def figure(self) -> go.Figure:
        return self.draw(*self.args, **self.kwargs)

    def key(self) -> str:
        # The language too: axis labels and titles are translated.
        name = f"{self.draw.__module__}.{self.draw.__qualname__}"
        return _key("figure-json", (name, self.args, sorted(self.kwargs.items()), get_language()))


def figures_json(specs: dict[str, FigureSpec]) -> dict[str, dict]:
    """Each figure as the plain dict the page hands to plotly.js, built only
    when the same figure was not built before (one cache round trip)."""
    keys = {name: spec.key() for name, spec in specs.items()}
    cached = cache.get_many(list(keys.values()))
    built = {}
    figures = {}
    for name, spec in specs.items():
        figure = cached.get(keys[name])
        if figure is None:
            figure = json.loads(spec.figure().to_json())
            built[keys[name]] = figure
        figures[name] = figure
    if built:
        cache.set_many(built, timeout=CACHE_SECONDS)
    return figures


# ---------------------------------------------------------------- pages


def html_cached(
    prefix: str, inputs, draw: Callable[[], str], unchanged: Callable[[], bool] | None = None
) -> str:
    """HTML that ``draw`` makes from ``inputs`` (everything it shows comes
    from them), drawn once for the same inputs, language and time zone.

    ``unchanged``: when ``inputs`` were read before ``draw`` reads what it
    shows, asked after drawing whether they still hold; if a write came in
    between, the HTML is shown but not kept (it may show newer data than
    the key says)."""
    return source_cached(prefix, inputs, draw, unchanged)


def source_cached(
    prefix: str, inputs, build: Callable, unchanged: Callable[[], bool] | None = None
):
    """What ``build`` makes from ``inputs`` (plain data, or model instances),
    built once for the same inputs, language and time zone; ``unchanged`` as
    for html_cached."""
    # Pickled, not repr'd: a model instance's repr names only its row, its
    # pickle holds every field (and what was read with it). The same content
    # pickles the same way within a process; where two processes differ
    # (a set's order), the value is built once more, never wrongly reused.
    content = pickle.dumps(
        (inputs, get_language(), timezone.get_current_timezone_name()), protocol=5
    )
    key = f"{prefix}:" + hashlib.sha256(content).hexdigest()
    value = cache.get(key)
    if value is None:
        value = build()
        if unchanged is None or unchanged():
            cache.set(key, value, timeout=CACHE_SECONDS)
    return value


def html_cached_many(prefix: str, parts: list[tuple[object, Callable[[], str]]]) -> list[str]:
    """html_cached for several parts of a page, in one cache round trip each
    way: ``parts`` are (inputs, draw) pairs; the HTML comes back in order."""
    context = (get_language(), timezone.get_current_timezone_name())
    keys = [
        f"{prefix}:" + hashlib.sha256(pickle.dumps((inputs, context), protocol=5)).hexdigest()
        for inputs, _draw in parts
    ]
    cached = cache.get_many(keys)
    drawn = {}
    html = []
    for key, (_inputs, draw) in zip(keys, parts, strict=True):
        if key not in cached:
            cached[key] = drawn[key] = draw()
        html.append(cached[key])
    if drawn:
        cache.set_many(drawn, timeout=CACHE_SECONDS)
    return html
