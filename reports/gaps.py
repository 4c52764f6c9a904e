"""Gaps ranked by priority: plain data in, plain data out, no database.

priority = gap x focus factor x question weight

The focus factor comes from how much the organisation cares about the
question's focus areas (the highest of them counts): not at all 0.25, a
little 0.5, moderately 1, very much 1.5; a question without focus areas
counts 1. The organisation sets these weights twice, for the statistics
(business) perspective and for the IT perspective, as the report contrasts
them (line 149): each respondent's gap counts with the weights of their
side, and a respondent of neither side with the mean of both, so the factor
of a question is the mean over the respondents who levelled it. Weights
change the order of the gaps, never the maturity level or score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assessment.scoring import LEVELLED, SIDES, DimensionScore, QuestionInfo, QuestionScore

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


def question_factor(
    focus_areas: Iterable[str],
    sides: Iterable[str],
    focus_weights: Mapping[str, Mapping[str, int]],
) -> float:
    """The mean focus factor over the respondents' sides (see the module)."""
    focus_areas = tuple(focus_areas)
    by_side = {side: focus_factor(focus_areas, focus_weights.get(side, {})) for side in SIDES}
    neither = sum(by_side.values()) / len(by_side)
    factors = [by_side.get(side, neither) for side in sides] or [neither]
    return sum(factors) / len(factors)


def gaps_rank(
    questions: Iterable[QuestionInfo],
    scores: Mapping[str, QuestionScore],
    focus_weights: Mapping[str, Mapping[str, int]],
) -> list[Gap]:
    """Every answered question below its target, highest priority first.

    ``focus_weights``: per side ("statistics", "it"), focus area code -> 0..3.
    """
    gaps = []
    for question in questions:
        result = scores.get(question.code)
        if result is None or result.status != LEVELLED or not result.gap:
            continue
        factor = question_factor(question.focus_areas, result.sides, focus_weights)
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
