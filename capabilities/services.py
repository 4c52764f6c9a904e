"""Writes to the framework: load a document, publish, copy as a new draft."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from capabilities.document import BASE_LANGUAGE, DocumentError, document_parse, other_languages
from capabilities.guards import PublishedFrameworkError
from capabilities.models import (
    Capability,
    Component,
    DeliverableType,
    FocusArea,
    Framework,
    Level,
    LevelCriterion,
    LevelDescriptor,
    OrganisationalStructure,
    Principle,
    ProcessPhase,
    ProcessSubprocess,
    Question,
    Role,
    Section,
    StructureOwner,
)
from capabilities.selectors import framework_document, framework_next_version
from capabilities.translation import TRANSLATED_FIELDS


@dataclass(frozen=True)
class LoadOutcome:
    framework: Framework
    action: str  # "created", "replaced" (a draft rewritten) or "unchanged"


def framework_load(*, document: dict, based_on: Framework | None = None) -> LoadOutcome:
    """Load a normalised document (see document_parse) idempotently.

    A published version is never changed: loading the same content again is
    a no-op, loading different content is refused. A draft is rewritten.
    """
    # In English whatever the reader's language: modeltranslation copies a
    # text given in the active language into the base column.
    with translation.override(BASE_LANGUAGE), transaction.atomic():
        return _load(document, based_on)


def _texts(model, item: dict) -> dict:
    """The model's translated fields, one column per language, from a
    normalised item (English at its key, others in its translations)."""
    translations = item.get("translations", {})
    columns = {}
    for field in TRANSLATED_FIELDS[model]:
        columns[f"{field}_{BASE_LANGUAGE}"] = item[field]
        for language in other_languages():
            columns[f"{field}_{language}"] = translations.get(language, {}).get(field)
    return columns


def _nested_texts(field: str, item: dict, key: str, name: str, english: str) -> dict:
    """One descriptor's or owner's columns: its text is item[key][name]."""
    translations = item.get("translations", {})
    return {
        f"{field}_{BASE_LANGUAGE}": english,
        **{
            f"{field}_{language}": translations.get(language, {}).get(key, {}).get(name)
            for language in other_languages()
        },
    }


def _load(document: dict, based_on: Framework | None) -> LoadOutcome:
    header = document["framework"]
    existing = (
        Framework.objects.select_for_update()
        .filter(slug=header["slug"], version=header["version"])
        .first()
    )
    if existing is not None and framework_document(existing) == document:
        return LoadOutcome(existing, "unchanged")
    if existing is not None and existing.is_published:
        raise PublishedFrameworkError(
            _(
                "%(slug)s version %(version)s is already published with different content, "
                "and a published version cannot be changed. Give the document a new version "
                "number, or make a new draft in the admin."
            )
            % {"slug": header["slug"], "version": header["version"]}
        )

    if existing is None:
        framework = Framework(slug=header["slug"], version=header["version"])
        action = "created"
    else:
        framework = existing
        _delete_parts(framework)
        action = "replaced"
    for column, value in _texts(Framework, header).items():
        setattr(framework, column, value)
    framework.status = Framework.Status.DRAFT
    framework.based_on = based_on or framework.based_on
    framework.save()
    _create_parts(framework, document)
    if header["status"] == Framework.Status.PUBLISHED:
        framework_publish(framework=framework)
    return LoadOutcome(framework, action)


@transaction.atomic
def framework_publish(*, framework: Framework) -> None:
    """Freeze a draft after checking it is complete (as the loader would)."""
    if framework.is_published:
        raise PublishedFrameworkError(
            _("%(framework)s is already published.") % {"framework": framework}
        )
    document = framework_document(framework)
    document["framework"]["status"] = Framework.Status.PUBLISHED
    document_parse(document)  # raises DocumentError naming each problem
    if not any(section["questions"] for section in document["sections"]):
        raise DocumentError([_("sections: a framework needs at least one question to publish")])
    framework.status = Framework.Status.PUBLISHED
    framework.published_at = timezone.now()
    framework.save(update_fields=["status", "published_at"])


@transaction.atomic
def framework_copy_as_draft(*, framework: Framework) -> Framework:
    """A new draft version of the same framework with the same content."""
    document = framework_document(framework)
    document["framework"]["version"] = framework_next_version(framework.slug)
    document["framework"]["status"] = Framework.Status.DRAFT
    return framework_load(document=document, based_on=framework).framework


def _delete_parts(framework: Framework) -> None:
    # Capabilities protect their deliverable type, so they go first.
    for model in (Section, Capability, OrganisationalStructure):
        model.objects.filter(framework=framework).delete()
    for model in (Level, Principle, Component, Role, DeliverableType, FocusArea, ProcessPhase):
        model.objects.filter(framework=framework).delete()


def _no_values(item: dict) -> dict:
    return {}


def _bulk_coded(
    model, framework: Framework, items: list[dict], *, fields=(), values=_no_values
) -> dict:
    """Create one row per item; return them by code. ``fields`` are copied
    from the item as they are; ``values(item)`` gives fields worked out."""
    rows = model.objects.bulk_create(
        [
            model(
                framework=framework,
                code=item["code"],
                source=item["source"],
                position=position,
                **_texts(model, item),
                **{field: item[field] for field in fields},
                **values(item),
            )
            for position, item in enumerate(items, start=1)
        ]
    )
    return {row.code: row for row in rows}


def _bulk_links(relation, owners: dict, items: list[dict], key: str, targets: dict) -> None:
    """Fill one many-to-many relation from the code lists in the items."""
    through = relation.through
    owner_field = relation.field.m2m_field_name() + "_id"
    target_field = relation.field.m2m_reverse_field_name() + "_id"
    through.objects.bulk_create(
        [
            through(**{owner_field: owners[item["code"]].pk, target_field: targets[code].pk})
            for item in items
            for code in item[key]
        ]
    )


def _create_parts(framework: Framework, document: dict) -> None:
    levels = Level.objects.bulk_create(
        [
            Level(
                framework=framework,
                rank=level["rank"],
                source=level["source"],
                **_texts(Level, level),
            )
            for level in document["levels"]
        ]
    )
    levels_by_name = {level.name: level for level in levels}
    principles = _bulk_coded(Principle, framework, document["principles"])
    components = _bulk_coded(Component, framework, document["components"])
    _bulk_links(Component.principles, components, document["components"], "principles", principles)
    roles = _bulk_coded(Role, framework, document["roles"], fields=("new_role",))
    deliverables = _bulk_coded(DeliverableType, framework, document["deliverables"])
    rank_of = {level.name: level.rank for level in levels}
    structures = _bulk_coded(
        OrganisationalStructure,
        framework,
        document["structures"],
        values=lambda item: {"typical_levels": [rank_of[n] for n in item["typical_levels"]]},
    )
    StructureOwner.objects.bulk_create(
        [
            StructureOwner(
                structure=structures[item["code"]],
                deliverable=deliverables[code],
                **_nested_texts("owner", item, "owners", code, owner),
            )
            for item in document["structures"]
            for code, owner in item["owners"].items()
        ]
    )
    focus_areas = _bulk_coded(
        FocusArea,
        framework,
        document["focus_areas"],
        values=lambda item: {
            "statistics_weight": item["default_weights"]["statistics"],
            "it_weight": item["default_weights"]["it"],
        },
    )
    phases = _bulk_coded(ProcessPhase, framework, document["phases"])
    phase_of = {
        sub["code"]: phases[p["code"]] for p in document["phases"] for sub in p["subprocesses"]
    }
    _bulk_coded(
        ProcessSubprocess,
        framework,
        [sub for phase in document["phases"] for sub in phase["subprocesses"]],
        values=lambda item: {"phase": phase_of[item["code"]]},
    )
    capabilities_by_code = _bulk_coded(
        Capability,
        framework,
        document["capabilities"],
        fields=("effort", "requires_sources"),
        values=lambda item: {"deliverable": deliverables[item["deliverable"]]},
    )
    items = document["capabilities"]
    _bulk_links(Capability.requires, capabilities_by_code, items, "requires", capabilities_by_code)
    _bulk_links(Capability.components, capabilities_by_code, items, "components", components)
    _bulk_links(Capability.principles, capabilities_by_code, items, "principles", principles)
    _bulk_links(Capability.roles, capabilities_by_code, items, "roles", roles)
    questions = _create_questionnaire(
        framework,
        document["sections"],
        levels_by_name,
        {
            "principles": principles,
            "components": components,
            "focus_areas": focus_areas,
            "capabilities": capabilities_by_code,
        },
    )
    LevelCriterion.objects.bulk_create(
        [
            LevelCriterion(
                level=levels_by_name[level["name"]],
                question=questions[criterion["question"]],
                position=position,
                not_applicable_allowed=criterion["not_applicable_allowed"],
                source=criterion["source"],
                **_texts(LevelCriterion, criterion),
            )
            for level in document["levels"]
            for position, criterion in enumerate(level["criteria"], start=1)
        ]
    )


def _create_questionnaire(
    framework: Framework, sections: list[dict], levels_by_name: dict, targets: dict
) -> dict[str, Question]:
    section_rows = _bulk_coded(Section, framework, sections)
    question_items = [
        (section_rows[section["code"]], item)
        for section in sections
        for item in section["questions"]
    ]
    questions = Question.objects.bulk_create(
        [
            Question(
                framework=framework,
                section=section,
                code=item["code"],
                weight=item["weight"],
                **_texts(Question, item),
                position=position,
            )
            for position, (section, item) in enumerate(question_items, start=1)
        ]
    )
    by_code = {q.code: q for q in questions}
    items = [item for _section, item in question_items]
    for key, rows in targets.items():
        _bulk_links(getattr(Question, key), by_code, items, key, rows)
    LevelDescriptor.objects.bulk_create(
        [
            LevelDescriptor(
                question=by_code[item["code"]],
                level=levels_by_name[name],
                **_nested_texts("text", item, "descriptors", name, text),
            )
            for item in items
            for name, text in item["descriptors"].items()
        ]
    )
    return by_code
