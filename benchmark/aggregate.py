"""The benchmark's numbers from stored contributions: pandas and numpy, no
database, so the privacy rule and the aggregation are tested as tables.

The privacy rule (also in the README, "Benchmark"):

- Contributors are counted per organisation: its latest contribution.
- Peer groups are "all contributors" and every combination of equality
  filters on kind, size band, region and operating structure.
- Groups are admitted in a fixed order (all; then one filter, two, three,
  four; within that, the order of the filters and their choices). Admitting
  a group splits the contributors into *pieces*: organisations that belong
  to exactly the same admitted groups. A group is admitted only if every
  piece keeps at least ``minimum`` organisations (or it changes no piece).
- Only admitted groups with at least ``minimum`` organisations are shown;
  every other group shows no figure at all, not even a count.

Every figure the benchmark shows of a group is a sum or a quantile over its
organisations, and every admitted group is a union of pieces. Whatever
combination of admitted groups someone subtracts, adds or intersects
(a narrow group from a broad one, a group from all, two overlapping groups
against their union) comes out constant on pieces: it describes at least
``minimum`` organisations, never fewer. The order is fixed and the same for
everyone, so which groups are admitted does not depend on who asks, or on
which group was asked first.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

FILTERS = ("kind", "size", "region", "structure")
# Whiskers at the 10th and 90th percentiles rather than the extremes: the
# lowest and highest value of a group are single offices' values.
PERCENTILES = (10, 25, 50, 75, 90)
BEHIND_SHOWN = 8


@dataclass(frozen=True)
class Filters:
    """One peer group: "" is any value."""

    kind: str = ""
    size: str = ""
    region: str = ""
    structure: str = ""

    def as_tuple(self) -> tuple[str, str, str, str]:
        return (self.kind, self.size, self.region, self.structure)

    @property
    def count(self) -> int:
        return sum(1 for value in self.as_tuple() if value)


def group_candidates(choices: dict[str, Sequence[str]]) -> list[Filters]:
    """Every peer group, in the order the privacy rule admits them: all, then
    by number of filters; among those, in the order of FILTERS and choices."""
    candidates = []
    for count in range(len(FILTERS) + 1):
        for names in itertools.combinations(FILTERS, count):
            for values in itertools.product(*(choices.get(name, ()) for name in names)):
                candidates.append(Filters(**dict(zip(names, values, strict=True))))
    return candidates


def groups_admitted(
    profiles: pd.DataFrame, choices: dict[str, Sequence[str]], minimum: int
) -> dict[Filters, int]:
    """The groups that may be shown, with their number of organisations.

    ``profiles`` has one row per organisation and a column per filter.
    """
    total = len(profiles)
    if total < minimum:
        return {}
    columns = {name: profiles[name].to_numpy() for name in FILTERS}
    masks: dict[tuple[str, str], np.ndarray] = {}
    labels = np.zeros(total, dtype=np.int64)
    pieces = 1
    admitted: dict[Filters, int] = {}
    everyone = np.ones(total, dtype=bool)
    for candidate in group_candidates(choices):
        mask = everyone
        for name, value in zip(FILTERS, candidate.as_tuple(), strict=True):
            if value:
                key = (name, value)
                if key not in masks:
                    masks[key] = columns[name] == value
                mask = mask & masks[key]
        size = int(mask.sum())
        if size == 0:
            continue  # nothing to show, and it splits nothing
        if size == total:
            admitted[candidate] = size
            continue
        split = labels * 2 + mask
        counts = np.bincount(split, minlength=2 * pieces)
        if ((counts > 0) & (counts < minimum)).any():
            continue
        used = counts > 0
        labels = (np.cumsum(used) - 1)[split]
        pieces = int(used.sum())
        admitted[candidate] = size
    return admitted


def latest_per_organisation(contributions: pd.DataFrame) -> pd.DataFrame:
    """An organisation counts once: its most recently completed contribution
    (``contributions`` come in the order their assessments were completed)."""
    return contributions.drop_duplicates("organisation", keep="last").reset_index(drop=True)


def group_mask(population: pd.DataFrame, filters: Filters) -> np.ndarray:
    mask = np.ones(len(population), dtype=bool)
    for name, value in zip(FILTERS, filters.as_tuple(), strict=True):
        if value:
            mask &= population[name].to_numpy() == value
    return mask


def group_rows(population: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    return population[group_mask(population, filters)]


def current_matrix(scores: Sequence[dict], codes: Sequence[str]) -> np.ndarray:
    """Rows of contributions, columns of question codes: the combined current
    level, NaN where the contribution has none (not asked, N/A, unanswered)."""
    frame = pd.DataFrame([s.get("current", {}) for s in scores], columns=list(codes))
    return frame.to_numpy(dtype=float, na_value=np.nan)


@dataclass(frozen=True)
class Distribution:
    """A dimension's or question's scores across the group; the numbers are
    None when fewer than the minimum of organisations have a score."""

    code: str
    count: int | None
    low: float | None = None  # 10th percentile
    q1: float | None = None
    median: float | None = None
    q3: float | None = None
    high: float | None = None  # 90th percentile
    own: float | None = None

    @property
    def shown(self) -> bool:
        return self.median is not None


@dataclass(frozen=True)
class Behind:
    code: str
    own: float
    median: float

    @property
    def difference(self) -> float:
        return self.median - self.own


@dataclass(frozen=True)
class OwnScores:
    """The viewed assessment's own numbers (from its scoring)."""

    level: int | None
    score: float | None
    questions: dict[str, float] = field(default_factory=dict)  # code -> current
    dimensions: dict[tuple[str, str], float] = field(default_factory=dict)  # (kind, code)


@dataclass(frozen=True)
class Benchmark:
    size: int
    level_counts: list[int]  # index 0 is the first level
    others: int  # the group without the office's own organisation
    ahead: int | None  # others with a lower profile score; None without one
    dimensions: dict[str, list[Distribution]]
    behind: list[Behind]


def benchmark_compute(
    group: pd.DataFrame,
    currents: np.ndarray,
    *,
    codes: Sequence[str],
    dimensions: dict[str, list[tuple[str, Sequence[str]]]],
    own: OwnScores,
    own_organisation: int | None,
    level_count: int,
    minimum: int,
) -> Benchmark:
    """The figures of one admitted group (``group``: one row per organisation,
    with columns organisation, level and score; ``currents``: its rows'
    current levels, a column per code of ``codes``, see current_matrix).

    ``dimensions``: per kind (principle, component, section), each
    dimension's code and its question codes in the viewed framework version;
    a peer's dimension score is the mean of its levelled questions there, as
    the results compute it.
    """
    levels = group["level"].to_numpy(dtype=int)
    level_counts = np.bincount(levels, minlength=level_count + 1)[1 : level_count + 1]
    others = group[group["organisation"] != own_organisation]
    ahead = None
    if own.score is not None:
        ahead = int((others["score"].to_numpy(dtype=float) < own.score - 1e-9).sum())
    by_kind = {
        kind: _dimension_distributions(currents, codes, items, kind, own, minimum)
        for kind, items in dimensions.items()
    }
    return Benchmark(
        size=len(group),
        level_counts=[int(c) for c in level_counts],
        others=len(others),
        ahead=ahead,
        dimensions=by_kind,
        behind=_behind(currents, codes, own, minimum),
    )


def _distributions(values: np.ndarray, minimum: int) -> tuple[np.ndarray, np.ndarray]:
    """Per column: how many values, and their percentiles (NaN where fewer
    than ``minimum``), interpolated linearly as numpy's default.

    One sort of the whole matrix (NaN sort last) instead of nanpercentile,
    which goes column by column in Python.
    """
    ordered = np.sort(values, axis=0)
    counts = np.count_nonzero(~np.isnan(values), axis=0)
    percentiles = np.full((len(PERCENTILES), values.shape[1]), np.nan)
    columns = np.flatnonzero(counts >= minimum)
    if len(columns) and len(ordered):
        last = counts[columns] - 1
        for row, percentile in enumerate(PERCENTILES):
            position = last * percentile / 100
            below = np.floor(position).astype(int)
            above = np.minimum(below + 1, last)
            fraction = position - below
            low = ordered[below, columns]
            high = ordered[above, columns]
            percentiles[row, columns] = low + (high - low) * fraction
    return counts, percentiles


def _distribution(code: str, count: int, column: np.ndarray, own, minimum: int) -> Distribution:
    if count < minimum:
        return Distribution(code, None, own=own)
    low, q1, median, q3, high = (float(v) for v in column)
    return Distribution(code, int(count), low, q1, median, q3, high, own)


def _dimension_distributions(
    currents: np.ndarray,
    codes: Sequence[str],
    items: list[tuple[str, Sequence[str]]],
    kind: str,
    own: OwnScores,
    minimum: int,
) -> list[Distribution]:
    if not items:
        return []
    index = {code: position for position, code in enumerate(codes)}
    membership = np.zeros((len(codes), len(items)))
    for column, (_code, questions) in enumerate(items):
        for question in questions:
            if question in index:
                membership[index[question], column] = 1.0
    levelled = ~np.isnan(currents)
    sums = np.where(levelled, currents, 0.0) @ membership
    counts = levelled.astype(float) @ membership
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / counts, np.nan)
    organisations, percentiles = _distributions(means, minimum)
    return [
        _distribution(
            code, organisations[i], percentiles[:, i], own.dimensions.get((kind, code)), minimum
        )
        for i, (code, _questions) in enumerate(items)
    ]


def _behind(
    currents: np.ndarray, codes: Sequence[str], own: OwnScores, minimum: int
) -> list[Behind]:
    """The questions where the office's current level is furthest below the
    group's median, largest difference first (ties by code)."""
    counts, percentiles = _distributions(currents, minimum)
    medians = percentiles[PERCENTILES.index(50)]
    behind = [
        Behind(code, own.questions[code], float(medians[i]))
        for i, code in enumerate(codes)
        if counts[i] >= minimum
        and code in own.questions
        and medians[i] - own.questions[code] > 1e-9
    ]
    behind.sort(key=lambda b: (-b.difference, b.code))
    return behind[:BEHIND_SHOWN]
