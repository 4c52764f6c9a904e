"""Refuse changes to a published framework version, wherever they come from.

The admin shows published versions read-only; these guards make the models
refuse too, so that a shell session or a script cannot rewrite the framework
under a past assessment. (QuerySet.update() and raw SQL bypass them, as they
bypass every model rule.)
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed
from django.utils.translation import gettext as _


class PublishedFrameworkError(Exception):
    """Raised on any attempt to change a published framework version."""


def assert_framework_editable(framework_id: int | None) -> None:
    if framework_id is None:
        return
    from capabilities.models import Framework

    row = Framework.objects.filter(pk=framework_id).values_list("status", "slug", "version").first()
    if row is not None and row[0] == Framework.Status.PUBLISHED:
        raise PublishedFrameworkError(
            _(
                "%(slug)s version %(version)s is published and cannot be changed. "
                "Make a new draft version from it instead."
            )
            % {"slug": row[1], "version": row[2]}
        )


def refuse_m2m_change_on_published(
    sender, instance, action: str, model=None, pk_set=None, **kwargs
) -> None:
    if action not in {"pre_add", "pre_remove", "pre_clear"}:
        return
    assert_framework_editable(instance.owning_framework_id())
    # The other side of each link is changed as well (question.principles.add
    # from a draft question to a published principle alters that principle).
    for target in model.objects.filter(pk__in=pk_set or ()):
        assert_framework_editable(target.owning_framework_id())


def connect() -> None:
    from capabilities.models import Capability, Component, Question

    for field in (
        Component.principles,
        Capability.requires,
        Capability.components,
        Capability.principles,
        Capability.roles,
        Question.principles,
        Question.components,
        Question.focus_areas,
        Question.capabilities,
    ):
        m2m_changed.connect(
            refuse_m2m_change_on_published, sender=field.through, dispatch_uid=str(field.through)
        )
