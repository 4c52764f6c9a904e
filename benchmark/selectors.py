"""What the benchmark shows of one assessment: one read model for the page,
the API and the PDF page (``benchmark_build``).

Peers are the contributions on the same framework (any published version,
the same number of levels). Questions are compared by code: a peer on
another version counts for the questions with the same code, and a
dimension's score of a peer is the mean over the questions the *viewed*
version puts in that dimension, among those the peer has a level for.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
from django.conf import settings
from django.core.cache import cache
from django.db.models import F, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.models import Assessment, Organisation
from assessment.scoring import LEVELLED
from benchmark import charts
from benchmark.aggregate import (
    FILTERS,
    Benchmark,
    Filters,
    OwnScores,
    benchmark_compute,
    current_matrix,
    group_mask,
    groups_admitted,
    latest_per_organisation,
)
from benchmark.models import Contribution
from benchmark.services import contributions_refresh_stale
from capabilities.selectors import profile_options
from reports.content_cache import CACHE_SECONDS, FigureSpec, figures_json, score_cached
from reports.selectors import AssessmentData, assessment_data

DIMENSION_KINDS = (
    ("principle", gettext_lazy("Principles")),
    ("component", gettext_lazy("Components")),
    ("section", gettext_lazy("Topics")),
)
# The broadest first (the order groups are admitted in); the form reaches the rest.
GROUPS_LIKE_YOURS = 6
POPULATION_COLUMNS = [
    "contribution",
    "organisation",
    "scored_at",
    "level",
    "score",
    "kind",
    "size",
    "region",
    "structure",
]


def minimum_group() -> int:
    return settings.BENCHMARK_MIN_GROUP


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """Each filter's values and names, in the order groups are admitted."""
    return {
        "kind": list(Organisation.Kind.choices),
        "size": list(Organisation.Size.choices),
        "region": list(Organisation.Region.choices),
        "structure": list(profile_options().structures.items()),
    }


@dataclass
class Population:
    """The contributing organisations (one row each: its latest contribution)
    and, row for row, their current levels per question code."""

    frame: pd.DataFrame
    currents: np.ndarray


def _eligible(assessment: Assessment, level_count: int):
    """Completed, not excluded, numbers taken after the last completion."""
    return Contribution.objects.filter(
        framework__slug=assessment.framework.slug,
        excluded=False,
        level__isnull=False,
        level_count=level_count,
        assessment__status=Assessment.Status.COMPLETE,
        assessment__completed_at__lte=F("scored_at"),
    )


def population(assessment: Assessment, level_count: int, codes: list[str] = ()) -> Population:
    """Who contributes, read fresh on every request (profiles, exclusions,
    withdrawals take effect at once); their stored per-question numbers,
    which only change with a new ``scored_at``, come from the cache by the
    contribution and when its numbers were taken. Decoding 10,000
    contributions' numbers costs about a second; a page pays it for the
    contributions it has not seen yet only.
    """
    eligible = _eligible(assessment, level_count)
    # Ordered by completion in the database, and the time a contribution's
    # numbers were taken as text: parsing 20,000 datetimes in Python cost a
    # tenth of a second, and this needs only their order and identity.
    rows = eligible.order_by("assessment__completed_at", "pk").values_list(
        "pk",
        "organisation_id",
        Cast("scored_at", TextField()),
        "level",
        "profile_score",
        "organisation__kind",
        "organisation__size",
        "organisation__region",
        "organisation__structure_code",
    )
    frame = latest_per_organisation(
        pd.DataFrame.from_records(list(rows), columns=POPULATION_COLUMNS)
    )
    return Population(frame, _currents(eligible, frame, codes, assessment.framework.slug))


# More contributions than this to decode at once: read them all in one query
# rather than name each (SQLite limits the parameters of one query).
DECODE_BY_NAME = 500


def _currents(eligible, frame: pd.DataFrame, codes, framework_slug: str) -> np.ndarray:
    """Each contribution's row of current levels, kept in the cache by
    (contribution, when its numbers were taken) for these codes: a new or
    refreshed contribution decodes its own numbers only. Kept as one matrix
    and an index of its rows: ten thousand small arrays took a second to
    pickle."""
    wanted_columns = "|".join([framework_slug, *codes]).encode("utf-8")
    key = "benchmark-rows:" + hashlib.sha256(wanted_columns).hexdigest()
    wanted = list(zip(frame["contribution"], frame["scored_at"], strict=True))
    index, matrix = cache.get(key) or ({}, np.empty((0, len(codes))))
    missing = {pk for pk, scored in wanted if (pk, scored) not in index}
    if missing:
        source = eligible if len(missing) > DECODE_BY_NAME else eligible.filter(pk__in=missing)
        rows = [(pk, scores) for pk, scores in source.values_list("pk", "scores") if pk in missing]
        decoded = current_matrix([scores for _pk, scores in rows], codes)
        position = {pk: len(matrix) + i for i, (pk, _scores) in enumerate(rows)}
        combined = np.vstack([matrix, decoded])
        # Only what is wanted now is kept: withdrawn or refreshed rows go.
        order = [position[pk] if pk in missing else index[(pk, scored)] for pk, scored in wanted]
        matrix = combined[order] if order else np.empty((0, len(codes)))
        index = {item: row for row, item in enumerate(wanted)}
        cache.set(key, (index, matrix), timeout=CACHE_SECONDS)
        return matrix
    return matrix[[index[item] for item in wanted]] if wanted else matrix[:0]


def _groups_admitted_cached(
    profiles: pd.DataFrame, choices: dict[str, list[str]], minimum: int
) -> dict[Filters, int]:
    """groups_admitted, once for the same profiles (a fifth of a second for
    10,000 organisations, the same for every page until one changes)."""
    digest = hashlib.sha256(repr((sorted(choices.items()), minimum)).encode("utf-8"))
    digest.update(pd.util.hash_pandas_object(profiles, index=False).to_numpy().tobytes())
    key = "benchmark-groups:" + digest.hexdigest()
    admitted = cache.get(key)
    if admitted is None:
        admitted = groups_admitted(profiles, choices, minimum)
        cache.set(key, admitted, timeout=CACHE_SECONDS)
    return admitted


@dataclass(frozen=True)
class GroupLink:
    filters: Filters
    label: str
    size: int


@dataclass
class BenchmarkReport:
    assessment: Assessment
    filters: Filters
    minimum: int
    data: AssessmentData
    own: OwnScores
    benchmark: Benchmark | None  # None: the group is not shown
    groups_like_yours: list[GroupLink]
    contribution: Contribution | None  # of this assessment
    counted: bool  # this assessment is its organisation's counted contribution
    choices: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.benchmark is not None

    @property
    def level_names(self) -> list[str]:
        return self.data.level_names

    @property
    def own_level_name(self) -> str | None:
        level = self.own.level
        return self.level_names[level - 1] if level else None

    @property
    def group_label(self) -> str:
        return group_label(self.filters, self.choices)

    @property
    def level_rows(self) -> list[tuple[str, int, bool]]:
        """(level name, offices, whether it is the office's own level)."""
        return [
            (name, count, rank == self.own.level)
            for rank, (name, count) in enumerate(
                zip(self.level_names, self.benchmark.level_counts, strict=True), start=1
            )
        ]

    @property
    def dimension_tables(self) -> list[tuple[str, str, list]]:
        """(kind, heading, [(name, distribution)]) for each kind with dimensions."""
        return [
            (
                kind,
                str(heading),
                [(self.data.name(kind, d.code), d) for d in self.benchmark.dimensions[kind]],
            )
            for kind, heading in DIMENSION_KINDS
            if self.benchmark.dimensions.get(kind)
        ]

    @property
    def behind_rows(self) -> list[tuple[str, object]]:
        return [(self.data.question_texts.get(b.code, b.code), b) for b in self.benchmark.behind]

    @cached_property
    def figure_specs(self) -> dict[str, FigureSpec]:
        if not self.shown:
            return {}
        specs = {
            "levels": FigureSpec.of(
                charts.levels_bar,
                self.level_names,
                self.benchmark.level_counts,
                self.own.level,
                _("Offices at each maturity level"),
            )
        }
        for kind, _heading, rows in self.dimension_tables:
            if any(d.shown for _name, d in rows):
                specs[kind] = FigureSpec.of(
                    charts.distributions_box,
                    [name for name, _d in rows],
                    [d for _name, d in rows],
                    self.level_names,
                    _("The group's scores and yours"),
                )
        return specs

    def figures_json(self) -> dict[str, dict]:
        return figures_json(self.figure_specs)

    @cached_property
    def figures(self) -> dict:
        return {name: spec.figure() for name, spec in self.figure_specs.items()}


def group_label(filters: Filters, choices: dict[str, list[tuple[str, str]]]) -> str:
    names = [
        str(dict(choices.get(name, ())).get(value, value))
        for name, value in zip(FILTERS, filters.as_tuple(), strict=True)
        if value
    ]
    return ", ".join(names) if names else _("All contributing offices")


def _own_scores(data: AssessmentData) -> OwnScores:
    results = score_cached(data.questions, data.answers, len(data.levels), data.criteria)
    return OwnScores(
        level=results.overall.level,
        score=results.overall.score,
        questions={
            code: s.current for code, s in results.questions.items() if s.status == LEVELLED
        },
        dimensions={
            (d.kind, d.code): d.current for d in results.dimensions if d.current is not None
        },
    )


def _dimension_items(data: AssessmentData) -> dict[str, list[tuple[str, list[str]]]]:
    """Per kind, each dimension (in the framework's order) and its questions."""
    items: dict[str, list[tuple[str, list[str]]]] = {}
    for kind, _heading in DIMENSION_KINDS:
        members: dict[str, list[str]] = {code: [] for (k, code) in data.names if k == kind}
        for question in data.questions:
            codes = {
                "principle": question.principles,
                "component": question.components,
                "section": (question.section,),
            }[kind]
            for code in codes:
                members.setdefault(code, []).append(question.code)
        items[kind] = [(code, questions) for code, questions in members.items() if questions]
    return items


def _profile_of(organisation: Organisation) -> dict[str, str]:
    return {
        "kind": organisation.kind,
        "size": organisation.size,
        "region": organisation.region,
        "structure": organisation.structure_code,
    }


def benchmark_build(
    assessment: Assessment,
    filters: Filters | None = None,
    choices: dict[str, list[tuple[str, str]]] | None = None,
) -> BenchmarkReport:
    """The benchmark of ``assessment`` against the peer group ``filters``.

    Contributions made stale by a reopening are scored again first (one
    query when none is, the usual case). ``choices``: filter_choices(), when
    the caller has them already.
    """
    filters = filters or Filters()
    contributions_refresh_stale(framework_slug=assessment.framework.slug)
    minimum = minimum_group()
    data = assessment_data(assessment)
    own = _own_scores(data)
    level_count = len(data.levels)
    codes = [q.code for q in data.questions]
    peers = population(assessment, level_count, codes)
    choices = choices or filter_choices()
    admitted = _groups_admitted_cached(
        peers.frame[list(FILTERS)],
        {name: [v for v, _n in c] for name, c in choices.items()},
        minimum,
    )
    benchmark = None
    if admitted.get(filters, 0) >= minimum:
        mask = group_mask(peers.frame, filters)
        benchmark = benchmark_compute(
            peers.frame[mask],
            peers.currents[mask],
            codes=codes,
            dimensions=_dimension_items(data),
            own=own,
            own_organisation=assessment.organisation_id,
            level_count=level_count,
            minimum=minimum,
        )
    profile = _profile_of(assessment.organisation)
    like_yours = [
        GroupLink(group, group_label(group, choices), size)
        for group, size in admitted.items()
        if size >= minimum
        and all(
            not value or value == profile[name]
            for name, value in zip(FILTERS, group.as_tuple(), strict=True)
        )
    ][:GROUPS_LIKE_YOURS]
    contribution = Contribution.objects.filter(assessment=assessment).first()
    counted = contribution is not None and contribution.pk in set(peers.frame["contribution"])
    return BenchmarkReport(
        assessment=assessment,
        filters=filters,
        minimum=minimum,
        data=data,
        own=own,
        benchmark=benchmark,
        groups_like_yours=like_yours,
        contribution=contribution,
        counted=counted,
        choices=choices,
    )
