"""Gaps ranked by priority: plain data in, plain data out, no database.

priority = gap x focus factor x question weight

The focus factor comes from how much the organisation cares about the
question's focus areas (the highest of them counts): not at all 0.25, a
little 0.5, moderately 1, very much 1.5; a question without focus areas
counts 1. Weights change the order of the gaps, never the maturity score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assessment.scoring import LEVELLED, DimensionScore, QuestionInfo, QuestionScore

FOCUS_FACTORS = {0: 0.25, 1: 0.5, 2: 1.0, 3: 1.5}
NEUTRAL_FACTOR = 1.0


@dataclass(frozen=True)
class Gap:
    question: str
    section: str
    current: float
    target: float
    gap: float
    weight: float
    focus_factor: float
    priority: float
    capabilities: tuple[str, ...]


def focus_factor(focus_areas: Iterable[str], weights: Mapping[str, int]) -> float:
    factors = [FOCUS_FACTORS[weights[code]] for code in focus_areas if code in weights]
    return max(factors) if factors else NEUTRAL_FACTOR


def gaps_rank(
    questions: Iterable[QuestionInfo],
    scores: Mapping[str, QuestionScore],
    focus_weights: Mapping[str, int],
) -> list[Gap]:
    """Every answered question below its target, highest priority first."""
    gaps = []
    for question in questions:
        result = scores.get(question.code)
        if result is None or result.status != LEVELLED or not result.gap:
            continue
        factor = focus_factor(question.focus_areas, focus_weights)
        gaps.append(
            Gap(
                question=question.code,
                section=question.section,
                current=result.current,
                target=result.target,
                gap=result.gap,
                weight=question.weight,
                focus_factor=factor,
                priority=result.gap * factor * question.weight,
                capabilities=question.capabilities,
            )
        )
    return sorted(gaps, key=lambda g: (-g.priority, -g.gap, g.question))


def dimension_gaps(dimensions: Iterable[DimensionScore]) -> list[DimensionScore]:
    """Dimensions with a gap, largest first."""
    with_gap = [d for d in dimensions if d.gap]
    return sorted(with_gap, key=lambda d: (-d.gap, d.kind, d.code))
