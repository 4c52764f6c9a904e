"""What the office has, as the results page, the PDF, the exports and the
API show it: built once from the assessment's inventory.

``phase_stage_counts`` is pure (the GSBPM map's numbers); the rest reads
through assessment.selectors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from assessment.models import Assessment, ComponentStatus, MLSolution
from assessment.selectors import inventory_read, inventory_vocabulary
from reports import charts
from reports.content_cache import FigureSpec, figures_json
from reports.roadmap import RoleFact

STAGE_LABELS = dict(MLSolution.Stage.choices)
METHOD_LABELS = dict(MLSolution.Method.choices)
COMPONENT_LABELS = dict(ComponentStatus.Status.choices)


@dataclass(frozen=True)
class SolutionRow:
    name: str
    purpose: str
    phase_code: str
    phase_name: str
    subprocess_code: str
    subprocess_name: str
    stage: str
    stage_label: str
    method: str
    method_label: str
    run_by: str
    component_codes: tuple[str, ...]
    component_names: tuple[str, ...]


@dataclass(frozen=True)
class ComponentRow:
    code: str
    name: str
    status: str  # "" when the office said nothing
    status_label: str
    tools: str
    shared_with_it: bool


@dataclass(frozen=True)
class RoleRow:
    code: str
    name: str
    held: int | None
    needed: int | None
    hard_to_fill: bool
    lacking: bool


@dataclass
class InventoryReport:
    solutions: list[SolutionRow] = field(default_factory=list)
    phases: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    stages: list[tuple[str, str]] = field(default_factory=list)  # (code, label)
    counts: list[list[int]] = field(default_factory=list)  # phase x stage
    components: list[ComponentRow] = field(default_factory=list)
    roles: list[RoleRow] = field(default_factory=list)

    @property
    def has_components(self) -> bool:
        return any(row.status for row in self.components)

    @property
    def has_roles(self) -> bool:
        return any(
            row.held is not None or row.needed is not None or row.hard_to_fill for row in self.roles
        )

    @property
    def is_empty(self) -> bool:
        return not (self.solutions or self.has_components or self.has_roles)

    @property
    def phase_rows(self) -> list[tuple[tuple[str, str], list[int]]]:
        return list(zip(self.phases, self.counts, strict=True))

    def figure_spec(self) -> FigureSpec | None:
        if not self.solutions:
            return None
        return FigureSpec.of(
            charts.gsbpm_heatmap,
            # Whole names: the chart breaks long ones over two lines.
            [f"{code} {name}" for code, name in self.phases],
            [label for _code, label in self.stages],
            self.counts,
            _("Where ML is used in the production process (GSBPM)"),
        )

    def figure(self) -> go.Figure | None:
        spec = self.figure_spec()
        return spec.figure() if spec else None

    def figure_json(self) -> dict | None:
        """For the page, built once for the same counts (the content cache)."""
        spec = self.figure_spec()
        return figures_json({"gsbpm": spec})["gsbpm"] if spec else None


def phase_stage_counts(
    phases: Sequence[str], stages: Sequence[str], solutions: Iterable[tuple[str, str]]
) -> list[list[int]]:
    """Solutions per phase (rows) and stage (columns); ``solutions`` as
    (phase code, stage). A phase or stage not listed is not counted."""
    counts = [[0] * len(stages) for _phase in phases]
    row_of = {code: index for index, code in enumerate(phases)}
    column_of = {code: index for index, code in enumerate(stages)}
    for phase, stage in solutions:
        if phase in row_of and stage in column_of:
            counts[row_of[phase]][column_of[stage]] += 1
    return counts


def inventory_report(assessment: Assessment) -> InventoryReport:
    """Seven queries: the framework's vocabulary (4) and the inventory (3)."""
    vocabulary = inventory_vocabulary(assessment.framework)
    inventory = inventory_read(assessment)
    solutions = [
        SolutionRow(
            name=s.name,
            purpose=s.purpose,
            phase_code=s.phase_code,
            phase_name=vocabulary.name("phases", s.phase_code),
            subprocess_code=s.subprocess_code,
            subprocess_name=(
                vocabulary.name("subprocesses", s.subprocess_code) if s.subprocess_code else ""
            ),
            stage=s.stage,
            stage_label=str(STAGE_LABELS.get(s.stage, s.stage)),
            method=s.method,
            method_label=str(METHOD_LABELS.get(s.method, s.method)),
            run_by=s.run_by,
            component_codes=tuple(s.component_codes),
            component_names=tuple(vocabulary.name("components", c) for c in s.component_codes),
        )
        for s in inventory.solutions
    ]
    stages = [(code, str(label)) for code, label in MLSolution.Stage.choices]
    components = []
    for code, name in vocabulary.components:
        stored = inventory.components.get(code)
        components.append(
            ComponentRow(
                code=code,
                name=name,
                status=stored.status if stored else "",
                status_label=str(COMPONENT_LABELS[stored.status]) if stored else _("Not said"),
                tools=stored.tools if stored else "",
                shared_with_it=stored.shared_with_it if stored else False,
            )
        )
    roles = []
    for code, name in vocabulary.roles:
        stored = inventory.roles.get(code)
        held, needed = (stored.held, stored.needed) if stored else (None, None)
        roles.append(
            RoleRow(
                code=code,
                name=name,
                held=held,
                needed=needed,
                hard_to_fill=stored.hard_to_fill if stored else False,
                lacking=RoleFact(held, needed).lacking,
            )
        )
    return InventoryReport(
        solutions=solutions,
        phases=list(vocabulary.phases),
        stages=stages,
        counts=phase_stage_counts(
            [code for code, _name in vocabulary.phases],
            [code for code, _label in stages],
            [(s.phase_code, s.stage) for s in solutions],
        ),
        components=components,
        roles=roles,
    )
