"""A published framework version is frozen: the error callers see.

The freeze itself lives in the database (triggers created by
capabilities/migrations/0002_publishing_freeze.py), the one place that
model save(), bulk_create, QuerySet.update() and delete(), m2m add() and raw
SQL all pass through. Python checks in save() overrides, managers or signals
would each cover some of these paths and be bypassed by the others.

This module only turns the database's refusal, an IntegrityError carrying a
marker, into PublishedFrameworkError with a readable message. As with any
IntegrityError, on PostgreSQL the surrounding transaction can then only be
rolled back (wrap the attempt in transaction.atomic() to carry on after it).
"""

from __future__ import annotations

from django.db import IntegrityError
from django.utils.translation import gettext as _

# Written by the triggers in front of every refusal; see the migration.
REFUSAL_MARKER = "published framework version: "


class PublishedFrameworkError(Exception):
    """Raised on any attempt to change a published framework version."""


def published_message(slug: str, version: int) -> str:
    return _(
        "%(slug)s version %(version)s is published and cannot be changed. "
        "Make a new draft version from it instead."
    ) % {"slug": slug, "version": version}


def translate_refusal(execute, sql, params, many, context):
    """Database execute wrapper: the trigger's refusal as PublishedFrameworkError."""
    try:
        return execute(sql, params, many, context)
    except IntegrityError as error:
        text = str(error)
        if REFUSAL_MARKER not in text:
            raise
        # PostgreSQL adds CONTEXT lines after the message.
        message = text.split(REFUSAL_MARKER, 1)[1].splitlines()[0]
        raise PublishedFrameworkError(message) from error


def install_translation(sender, connection, **kwargs) -> None:
    """connection_created receiver: put translate_refusal on every connection."""
    # First in the list: connection.execute_wrapper() blocks append and pop
    # their own wrapper at the end, and must not pop this one.
    if translate_refusal not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, translate_refusal)
