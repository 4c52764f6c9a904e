"""Reads of the framework that more than one caller needs."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils import translation
from django.utils.translation import gettext as _

from capabilities.document import BASE_LANGUAGE, other_languages
from capabilities.frozen import frozen_read
from capabilities.models import (
    Capability,
    Component,
    DeliverableType,
    FocusArea,
    Framework,
    LevelCriterion,
    LevelDescriptor,
    OrganisationalStructure,
    Principle,
    ProcessPhase,
    Question,
    Role,
    Section,
    StructureOwner,
)
from capabilities.translation import TRANSLATED_FIELDS


def framework_latest_published(slug: str | None = None) -> Framework | None:
    published = Framework.objects.filter(status=Framework.Status.PUBLISHED)
    if slug:
        # Within one framework the highest version is the newest, whatever
        # order the versions were loaded in.
        return published.filter(slug=slug).order_by("-version").first()
    return published.order_by("-published_at", "-version", "-pk").first()


@dataclass(frozen=True)
class ProfileOptions:
    """What an organisation's profile may name, code: name, in framework order."""

    structures: dict[str, str]
    deliverables: dict[str, str]


def profile_options() -> ProfileOptions:
    """Codes for organisation profiles come from the newest published framework
    (codes stay the same across versions, so profiles outlive a version)."""
    framework = framework_latest_published()
    if framework is None:
        return ProfileOptions({}, {})
    return ProfileOptions(
        structures=dict(framework.structures.values_list("code", "name")),
        deliverables=dict(framework.deliverables.values_list("code", "name")),
    )


def framework_published(slug: str, version: int | None = None) -> Framework:
    """A published version (the newest when ``version`` is None); a
    ValidationError naming the field ``framework`` when there is none."""
    if version is None:
        framework = framework_latest_published(slug)
    else:
        framework = Framework.objects.filter(
            slug=slug, version=version, status=Framework.Status.PUBLISHED
        ).first()
    if framework is not None:
        return framework
    if version is None:
        message = _("There is no published framework “%(slug)s”; see /api/frameworks/.")
    else:
        message = _(
            "There is no published version %(version)s of framework “%(slug)s”; "
            "see /api/frameworks/."
        )
    raise ValidationError({"framework": message % {"slug": slug, "version": version}})


def versions_of(framework: Framework, prefix: str = "") -> Q:
    """The framework version itself and every published version of the same
    framework: where content a version lacks is borrowed from. ``prefix``
    reaches the framework through a relation ("level__")."""
    return Q(**{f"{prefix}framework__slug": framework.slug}) & (
        Q(**{f"{prefix}framework_id": framework.pk})
        | Q(**{f"{prefix}framework__status": Framework.Status.PUBLISHED})
    )


def own_else_newest(framework: Framework, found: dict[int, tuple[int, object]]):
    """``found``: framework id -> (version, what that version says), for the
    versions that say anything. A version's own, else the newest version's,
    with the version it comes from; (None, None) when none says anything.

    Versions written before a kind of content existed (version 1 of the
    reference framework has no level criteria and no typical levels) borrow
    it this way, matched by code, so every version is judged by one rule.
    """
    if framework.pk in found:
        return found[framework.pk][1], found[framework.pk][0]
    if found:
        version, content = max(found.values(), key=lambda entry: entry[0])
        return content, version
    return None, None


def level_criteria(framework: Framework) -> tuple[list[tuple[int, str, bool]], int | None]:
    """The criteria a version's staged level is worked out with, as (level
    rank, question code, met when not applicable), and the version they come
    from (see own_else_newest). None anywhere: ([], None), and the level is
    the profile rule. One query; none once a published version's own
    criteria are known (borrowed ones are read afresh: a newer version
    changes them)."""
    return frozen_read(
        framework,
        "level criteria",
        lambda: _level_criteria(framework),
        keep=lambda found: found[1] == framework.version,
    )


def _level_criteria(framework: Framework) -> tuple[list[tuple[int, str, bool]], int | None]:
    rows = LevelCriterion.objects.filter(versions_of(framework, "level__"))
    found: dict[int, tuple[int, list]] = {}
    for framework_id, version, rank, code, allowed in rows.order_by(
        "level__rank", "position", "pk"
    ).values_list(
        "level__framework_id",
        "level__framework__version",
        "level__rank",
        "question__code",
        "not_applicable_allowed",
    ):
        found.setdefault(framework_id, (version, []))[1].append((rank, code, allowed))
    criteria, version = own_else_newest(framework, found)
    return criteria or [], version


def framework_roles(framework_id: int) -> list[Role]:
    return list(Role.objects.filter(framework_id=framework_id))


def framework_focus_areas(framework_id: int) -> list[FocusArea]:
    return list(FocusArea.objects.filter(framework_id=framework_id))


def framework_next_version(slug: str) -> int:
    latest = Framework.objects.filter(slug=slug).order_by("-version").first()
    return latest.version + 1 if latest else 1


def _codes(items) -> list[str]:
    return [item.code for item in items]


def _coded(item) -> dict:
    return {
        "code": item.code,
        "name": item.name,
        "description": item.description,
        "source": item.source,
    }


def _translated(parsed: dict, row, nested: dict | None = None) -> dict:
    """``parsed`` with the row's texts in other languages (see
    capabilities.document), and ``nested`` ones: key -> (field, {name: row}),
    for descriptors and owners, whose rows hold one text each."""
    translations = {}
    for language in other_languages():
        texts = {}
        for field in TRANSLATED_FIELDS[type(row)]:
            if value := getattr(row, f"{field}_{language}"):
                texts[field] = value
        for key, (field, rows) in (nested or {}).items():
            given = {
                name: value
                for name, nested_row in rows.items()
                if (value := getattr(nested_row, f"{field}_{language}"))
            }
            if given:
                texts[key] = given
        if texts:
            translations[language] = texts
    if translations:
        parsed["translations"] = translations
    return parsed


def framework_document(framework: Framework) -> dict:
    """The framework as a normalised document (see capabilities.document).

    A fixed number of queries whatever the size of the framework.
    """
    # Texts in English at their keys, whatever the reader's language; the
    # other languages go into each item's translations.
    with translation.override(BASE_LANGUAGE):
        return _document(framework)


def _document(framework: Framework) -> dict:
    principles = Principle.objects.filter(framework=framework)
    components = Component.objects.filter(framework=framework).prefetch_related("principles")
    structures = OrganisationalStructure.objects.filter(framework=framework).prefetch_related(
        Prefetch("owners", StructureOwner.objects.select_related("deliverable"))
    )
    capabilities = (
        Capability.objects.filter(framework=framework)
        .select_related("deliverable")
        .prefetch_related("requires", "components", "principles", "roles")
    )
    questions = Question.objects.filter(framework=framework).prefetch_related(
        "principles",
        "components",
        "focus_areas",
        "capabilities",
        Prefetch("descriptors", LevelDescriptor.objects.select_related("level")),
    )
    levels = list(
        framework.levels.prefetch_related(
            Prefetch("criteria", LevelCriterion.objects.select_related("question"))
        )
    )
    level_names = {level.rank: level.name for level in levels}
    questions_by_section: dict[int, list[Question]] = {}
    for question in questions:
        questions_by_section.setdefault(question.section_id, []).append(question)

    return {
        "framework": _translated(
            {
                "slug": framework.slug,
                "name": framework.name,
                "version": framework.version,
                "status": framework.status,
                "description": framework.description,
            },
            framework,
        ),
        "levels": [
            _translated(
                {
                    "rank": level.rank,
                    "name": level.name,
                    "description": level.description,
                    "source": level.source,
                    "criteria": [
                        _translated(
                            {
                                "question": criterion.question.code,
                                "not_applicable_allowed": criterion.not_applicable_allowed,
                                "note": criterion.note,
                                "source": criterion.source,
                            },
                            criterion,
                        )
                        for criterion in level.criteria.all()
                    ],
                },
                level,
            )
            for level in levels
        ],
        "principles": [_translated(_coded(p), p) for p in principles],
        "components": [
            _translated(
                {**_coded(c), "principles": _codes(c.principles.all()), "overlap": c.overlap}, c
            )
            for c in components
        ],
        "roles": [
            _translated({**_coded(r), "new_role": r.new_role}, r)
            for r in Role.objects.filter(framework=framework)
        ],
        "deliverables": [
            _translated(_coded(d), d) for d in DeliverableType.objects.filter(framework=framework)
        ],
        "structures": [_structure_document(s, level_names) for s in structures],
        "focus_areas": [
            _translated(
                {
                    **_coded(f),
                    "default_weights": {"statistics": f.statistics_weight, "it": f.it_weight},
                },
                f,
            )
            for f in FocusArea.objects.filter(framework=framework)
        ],
        "phases": [
            _translated(
                {
                    **_coded(p),
                    "ml_use": p.ml_use,
                    "subprocesses": [_translated(_coded(sub), sub) for sub in p.subprocesses.all()],
                },
                p,
            )
            for p in ProcessPhase.objects.filter(framework=framework).prefetch_related(
                "subprocesses"
            )
        ],
        "capabilities": [
            _translated(
                {
                    **_coded(c),
                    "deliverable": c.deliverable.code,
                    "effort": c.effort,
                    "requires": _codes(c.requires.all()),
                    "requires_sources": _in_order(c.requires_sources, _codes(c.requires.all())),
                    "components": _codes(c.components.all()),
                    "principles": _codes(c.principles.all()),
                    "roles": _codes(c.roles.all()),
                },
                c,
            )
            for c in capabilities
        ],
        "sections": [
            _translated(
                {
                    **_coded(section),
                    "questions": [
                        _question_document(q) for q in questions_by_section.get(section.pk, [])
                    ],
                },
                section,
            )
            for section in Section.objects.filter(framework=framework)
        ],
    }


def _structure_document(structure: OrganisationalStructure, level_names: dict) -> dict:
    owners = {o.deliverable.code: o for o in structure.owners.all()}
    return _translated(
        {
            **_coded(structure),
            "strengths": structure.strengths,
            "risks": structure.risks,
            "owners": {code: owner.owner for code, owner in owners.items()},
            "typical_levels": [level_names[rank] for rank in sorted(structure.typical_levels)],
        },
        structure,
        {"owners": ("owner", owners)},
    )


def _in_order(sources: dict[str, str], codes: list[str]) -> dict[str, str]:
    return {code: sources[code] for code in codes if sources.get(code)}


def _question_document(question: Question) -> dict:
    descriptors = {d.level.name: d for d in question.descriptors.all()}
    parsed = {
        "code": question.code,
        "text": question.text,
        "help": question.help,
        "weight": question.weight,
        "principles": _codes(question.principles.all()),
        "components": _codes(question.components.all()),
        "focus_areas": _codes(question.focus_areas.all()),
        "capabilities": _codes(question.capabilities.all()),
        "descriptors": {name: d.text for name, d in descriptors.items()},
    }
    return _translated(parsed, question, {"descriptors": ("text", descriptors)})
