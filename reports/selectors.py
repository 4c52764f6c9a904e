"""What the results and roadmap need from the database, as plain data for
the pure core (assessment.scoring, reports.gaps, reports.roadmap)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from assessment.models import (
    Answer,
    Assessment,
    ComponentStatus,
    FocusWeight,
    MLSolution,
    Response,
    RoleStatus,
)
from assessment.scoring import AnswerInfo, CriterionInfo, QuestionInfo
from assessment.selectors import focus_weights_by_side
from capabilities.frozen import frozen_read
from capabilities.models import (
    Capability,
    Component,
    Framework,
    Level,
    LevelDescriptor,
    OrganisationalStructure,
    Principle,
    Question,
    Section,
    StructureOwner,
)
from capabilities.selectors import level_criteria, own_else_newest, versions_of
from reports.models import REPORT_RENDER_TIMEOUT, Roadmap, RoadmapEntry, StoredReport
from reports.roadmap import (
    CapabilityInfo,
    ComponentFact,
    InventoryFacts,
    RoleFact,
    next_quarter_start,
    unmonitored_solutions,
)

PERSPECTIVES = dict(Response.Perspective.choices)


@dataclass
class AssessmentData:
    questions: list[QuestionInfo]
    answers: list[AnswerInfo]
    levels: list[Level]
    focus_weights: dict[str, dict[str, int]]  # side -> focus area code -> 0..3
    question_texts: dict[str, str] = field(default_factory=dict)
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, code) -> name
    respondents: int = 0
    criteria: list[CriterionInfo] = field(default_factory=list)
    # The framework version the criteria come from, when not this one's own.
    criteria_version: int | None = None
    # (question code, level rank) -> descriptor, for the criteria's questions.
    descriptors: dict[tuple[str, int], str] = field(default_factory=dict)

    @property
    def level_names(self) -> list[str]:
        return [level.name for level in self.levels]

    def name(self, kind: str, code: str) -> str:
        return self.names.get((kind, code), code)


def question_infos(framework_id: int) -> tuple[list[QuestionInfo], dict[str, str]]:
    """The framework's questions as plain data, and their texts by code.

    Five queries of plain tuples: building model instances through
    prefetch_related cost more than everything else on the results page.
    """
    rows = list(
        Question.objects.filter(framework_id=framework_id)
        .order_by("section__position", "position")
        .values_list("pk", "code", "text", "section__code", "weight")
    )
    links: dict[str, dict[int, list[str]]] = {}
    for relation, target in (
        ("principles", "principle"),
        ("components", "component"),
        ("focus_areas", "focusarea"),
        ("capabilities", "capability"),
    ):
        through = getattr(Question, relation).through
        pairs = (
            through.objects.filter(question__framework_id=framework_id)
            .order_by(f"{target}__position", f"{target}__code")
            .values_list("question_id", f"{target}__code")
        )
        by_question: dict[int, list[str]] = {}
        for question_id, code in pairs:
            by_question.setdefault(question_id, []).append(code)
        links[relation] = by_question
    infos = [
        QuestionInfo(
            code=code,
            section=section,
            weight=float(weight),
            **{
                relation: tuple(links[relation].get(pk, ()))
                for relation in ("principles", "components", "focus_areas", "capabilities")
            },
        )
        for pk, code, _text, section, weight in rows
    ]
    return infos, {code: text for _pk, code, text, _section, _weight in rows}


def assessment_data(assessment: Assessment) -> AssessmentData:
    """Submitted answers and the framework around them, in a fixed number of queries."""
    framework = assessment.framework
    questions, texts = frozen_read(
        framework, "question infos", lambda: question_infos(assessment.framework_id)
    )
    known = {q.code for q in questions}
    rows = Answer.objects.filter(
        response__assessment=assessment, response__submitted_at__isnull=False
    ).values_list(
        "response__respondent__username",
        "response__perspective",
        "question__code",
        "current",
        "target",
        "not_applicable",
        "dont_know",
    )
    answers = [
        AnswerInfo(
            respondent=username,
            perspective=str(PERSPECTIVES.get(perspective, PERSPECTIVES["other"])),
            side=str(Response.SIDE_OF_PERSPECTIVE.get(perspective, "")),
            question=question_code,
            current=current,
            target=target,
            not_applicable=not_applicable,
            dont_know=dont_know,
        )
        for username, perspective, question_code, current, target, not_applicable, dont_know in rows
        if question_code in known
    ]
    framework_id = assessment.framework_id
    # Criteria may be borrowed from the newest version, which a new
    # publication changes: read afresh, unlike this version's own items.
    criteria, criteria_version = level_criteria(framework)
    criteria_codes = tuple(sorted({code for _rank, code, _allowed in criteria}))
    return AssessmentData(
        questions=questions,
        answers=answers,
        levels=frozen_read(
            framework,
            "levels",
            lambda: list(Level.objects.filter(framework_id=framework_id).order_by("rank")),
        ),
        focus_weights=focus_weights_by_side(assessment),
        question_texts=texts,
        names=frozen_read(framework, "names", lambda: _names(framework_id)),
        respondents=len({a.respondent for a in answers}),
        # Borrowed criteria may name a question this version lacks: not met.
        criteria=[CriterionInfo(*criterion) for criterion in criteria],
        criteria_version=(
            criteria_version if criteria_version != assessment.framework.version else None
        ),
        descriptors=frozen_read(
            framework,
            ("descriptors", criteria_codes),
            lambda: _descriptors(framework_id, set(criteria_codes)),
        ),
    )


def _names(framework_id: int) -> dict[tuple[str, str], str]:
    names = {
        ("principle", p.code): p.name for p in Principle.objects.filter(framework_id=framework_id)
    }
    names |= {
        ("component", c.code): c.name for c in Component.objects.filter(framework_id=framework_id)
    }
    names |= {
        ("section", s.code): s.name for s in Section.objects.filter(framework_id=framework_id)
    }
    return names


def _descriptors(framework_id: int, codes: set[str]) -> dict[tuple[str, int], str]:
    if not codes:
        return {}
    rows = LevelDescriptor.objects.filter(
        question__framework_id=framework_id, question__code__in=codes
    ).values_list("question__code", "level__rank", "text")
    return {(code, rank): text for code, rank, text in rows}


@dataclass(frozen=True)
class NotApplicable:
    question: str
    respondent: str
    reason: str


def not_applicable_reasons(assessment: Assessment) -> list[NotApplicable]:
    """Submitted "not applicable" answers and why, for a reader to judge them."""
    rows = (
        Answer.objects.filter(
            response__assessment=assessment,
            response__submitted_at__isnull=False,
            not_applicable=True,
        )
        .order_by(
            "question__section__position", "question__position", "response__respondent__username"
        )
        .values_list("question__code", "response__respondent__username", "comment")
    )
    # Respondents by user name, as in the answers export and the history.
    return [NotApplicable(code, username, comment.strip()) for code, username, comment in rows]


@dataclass(frozen=True)
class StructureInfo:
    code: str
    name: str
    typical_levels: tuple[int, ...]


def framework_structures(framework: Framework) -> list[StructureInfo]:
    """The framework's operating structures with the levels each is typical
    of; a version that names none borrows them by code (own_else_newest).
    One query."""
    rows = list(
        OrganisationalStructure.objects.filter(versions_of(framework))
        .order_by("position", "code")
        .values_list("framework_id", "framework__version", "code", "name", "typical_levels")
    )
    found: dict[int, tuple[int, dict]] = {}
    for framework_id, version, code, _name, levels in rows:
        if levels:
            found.setdefault(framework_id, (version, {}))[1][code] = levels
    typical, _version = own_else_newest(framework, found)
    return [
        StructureInfo(code, name, tuple((typical or {}).get(code, ())))
        for framework_id, _version, code, name, _levels in rows
        if framework_id == framework.pk
    ]


def capability_catalogue(framework: Framework) -> list[CapabilityInfo]:
    return frozen_read(framework, "capabilities", lambda: _capability_catalogue(framework.pk))


def _capability_catalogue(framework_id: int) -> list[CapabilityInfo]:
    capabilities = (
        Capability.objects.filter(framework_id=framework_id)
        .select_related("deliverable")
        .prefetch_related("requires", "roles", "components")
    )
    return [
        CapabilityInfo(
            code=c.code,
            name=c.name,
            requires=tuple(r.code for r in c.requires.all()),
            roles=tuple(r.code for r in c.roles.all()),
            effort=c.effort,
            deliverable=c.deliverable.code,
            deliverable_name=c.deliverable.name,
            components=tuple(component.code for component in c.components.all()),
        )
        for c in capabilities
    ]


def capability_names(framework: Framework) -> dict[str, str]:
    """Capability names by code, for what the gaps point to."""
    return frozen_read(
        framework,
        "capability names",
        lambda: dict(
            Capability.objects.filter(framework_id=framework.pk).values_list("code", "name")
        ),
    )


def structure_owners(framework: Framework, structure_code: str) -> dict[str, str]:
    """Who typically owns each kind of deliverable in the organisation's structure."""
    if not structure_code:
        return {}

    def read():
        owners = StructureOwner.objects.filter(
            structure__framework_id=framework.pk, structure__code=structure_code
        ).select_related("deliverable")
        return {o.deliverable.code: o.owner for o in owners}

    return frozen_read(framework, ("owners", structure_code), read)


def earlier_assessment(assessment: Assessment) -> Assessment | None:
    """What to compare with: the one it was started from, else the latest
    completed assessment of the organisation before it. One query, its
    framework read with it."""
    earlier = Assessment.objects.select_related("framework")
    if assessment.previous_id:
        return earlier.filter(pk=assessment.previous_id).first()
    return (
        earlier.filter(
            organisation_id=assessment.organisation_id,
            status=Assessment.Status.COMPLETE,
            created_at__lt=assessment.created_at,
        )
        .order_by("-created_at")
        .first()
    )


def inventory_facts(assessment: Assessment, catalogue: list[CapabilityInfo]) -> InventoryFacts:
    """What the assessment's inventory tells the roadmap, in three queries."""
    components = {
        code: ComponentFact(status, tools)
        for code, status, tools in ComponentStatus.objects.filter(
            assessment=assessment
        ).values_list("component_code", "status", "tools")
    }
    roles = {
        code: RoleFact(held, needed, hard)
        for code, held, needed, hard in RoleStatus.objects.filter(
            assessment=assessment
        ).values_list("role_code", "held", "needed", "hard_to_fill")
    }
    facts = InventoryFacts(components=components, roles=roles)
    monitoring = next(
        (c for c in catalogue if c.code == facts.monitoring_capability), CapabilityInfo("", "")
    )
    solutions = MLSolution.objects.filter(assessment=assessment).values_list(
        "name", "stage", "component_codes"
    )
    return InventoryFacts(
        components=components,
        roles=roles,
        unmonitored=unmonitored_solutions(
            [(name, stage, tuple(used)) for name, stage, used in solutions],
            monitoring.components,
            components,
        ),
    )


def assessment_has_levels(assessment: Assessment) -> bool:
    """Whether a submitted response gives any question a level: without one,
    an empty roadmap means "nothing answered yet", not "no gaps"."""
    return Answer.objects.filter(
        response__assessment=assessment,
        response__submitted_at__isnull=False,
        current__isnull=False,
    ).exists()


def report_being_prepared(assessment: Assessment) -> bool:
    """Whether a PDF report of this assessment is being laid out now (queued
    lately and not done): the download link says so. The request for it
    finds the same render, so asking again never starts a second one."""
    return StoredReport.objects.filter(
        assessment=assessment,
        status=StoredReport.Status.PENDING,
        requested_at__gte=timezone.now() - REPORT_RENDER_TIMEOUT,
    ).exists()


# ---------------------------------------------------------------- page sources
#
# The results and roadmap pages keep what they draw in the cache under a hash
# of what it is drawn from. Building the report to learn that costs most of
# the page, so these read it first as plain rows, in a few queries, and the
# report is built only when the cache has no page for them. A published
# framework version never changes (the database refuses it), so it counts as
# its id and the moment it was published, plus which versions of the same
# framework are published: level criteria and typical levels are borrowed
# from the newest. A draft's content changes under the same row, so a page
# on a draft has no source (None) and is keyed by its built report instead.
# tests/test_results_page_cache.py and tests/test_roadmap_page_cache.py
# change each input and check that every column the pages read is here.


def _fields(instance) -> tuple:
    """A model instance's stored fields, as plain values."""
    return tuple(getattr(instance, f.attname) for f in instance._meta.concrete_fields)


def _published_versions(framework: Framework) -> tuple | None:
    """The published versions of ``framework`` (one query), None for a draft."""
    if framework.status != Framework.Status.PUBLISHED or framework.published_at is None:
        return None
    return tuple(
        Framework.objects.filter(slug=framework.slug, status=Framework.Status.PUBLISHED)
        .order_by("pk")
        .values_list("pk", "version", "published_at")
    )


def _submitted_answers(assessment_ids: list[int], *, comments: bool) -> tuple:
    """Submitted answers, with the comments when a page shows reasons for N/A."""
    fields = [
        "response__assessment_id",
        "response_id",
        "response__submitted_at",
        "response__perspective",
        "response__respondent__username",
        "question_id",
        "current",
        "target",
        "not_applicable",
        "dont_know",
    ]
    return tuple(
        Answer.objects.filter(
            response__assessment_id__in=assessment_ids, response__submitted_at__isnull=False
        )
        .order_by("pk")
        .values_list("pk", *fields, *(["comment"] if comments else []))
    )


def _table_rows(model, where: str, params: list) -> tuple:
    """Every stored field of the rows of ``model`` that ``where`` (SQL on its
    table's columns) selects, as the database gives them, by id. SQL written
    from the model's fields rather than a queryset: compiling one cost ten
    times what running it did (0.4 ms against 0.04 ms), and these rows only
    make a key."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(f"{table}.{quote(f.column)}" for f in model._meta.concrete_fields)
    order = f"{table}.{quote(model._meta.pk.column)}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} WHERE {where} ORDER BY {order}", params)
        return tuple(cursor.fetchall())


def _assessment_rows(assessment: Assessment) -> tuple:
    """What both pages read of the assessment itself (six queries)."""
    quote = connection.ops.quote_name
    own = f"{quote('assessment_id')} = %s"
    roadmaps = f"SELECT {quote('id')} FROM {quote(Roadmap._meta.db_table)} WHERE {own}"
    return (
        _fields(assessment),
        _fields(assessment.organisation),
        *(
            _table_rows(model, own, [assessment.pk])
            for model in (FocusWeight, MLSolution, ComponentStatus, RoleStatus, Roadmap)
        ),
        _table_rows(RoadmapEntry, f"{quote('roadmap_id')} IN ({roadmaps})", [assessment.pk]),
        # A roadmap not saved yet starts next quarter: a new quarter moves it.
        next_quarter_start(timezone.localdate()),
    )


def results_page_source(assessment: Assessment) -> tuple | None:
    """What the results page is drawn from (``assessment`` from
    assessment_for, with its organisation and framework), in nine queries;
    None on a draft framework."""
    versions = _published_versions(assessment.framework)
    if versions is None:
        return None
    earlier = earlier_assessment(assessment)
    earlier_source = None
    if earlier is not None:
        earlier_versions = (
            versions
            if earlier.framework.slug == assessment.framework.slug
            else _published_versions(earlier.framework)
        )
        if earlier_versions is None:
            return None
        earlier_source = (_fields(earlier), _fields(earlier.framework), earlier_versions)
    return (
        _fields(assessment.framework),
        versions,
        _assessment_rows(assessment),
        earlier_source,
        # Both assessments' answers in one query (the earlier one for the
        # change since then), with the reasons for N/A.
        _submitted_answers([assessment.pk, *([earlier.pk] if earlier else [])], comments=True),
    )


def roadmap_page_source(assessment: Assessment) -> tuple | None:
    """What the roadmap is drawn from, in eight queries; None on a draft
    framework."""
    versions = _published_versions(assessment.framework)
    if versions is None:
        return None
    return (
        _fields(assessment.framework),
        versions,
        _assessment_rows(assessment),
        _submitted_answers([assessment.pk], comments=False),
    )
