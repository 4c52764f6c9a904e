"""Reads of published framework versions, kept for the life of the process.

A published version never changes: the database refuses any write to it
(capabilities/guards.py) and a correction is a new version. What a page
once read of one therefore stays true, and the questionnaire, results and
roadmap pages need not read its sections, questions, levels and
capabilities again on every request (a third to a half of their queries).
Drafts, which admins edit, are read afresh every time.

Per process rather than in the shared cache: the values are model
instances and tuples that cost more to pickle than to read, and every
process reads the same rows, so there is nothing to share. Callers must not
change what they get back. The key holds the version's id and the moment
it was published, so a database that reuses an id (SQLite after a rolled
back test) never meets another version's entry; the tests clear it anyway.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.utils.translation import get_language

from capabilities.models import Framework

T = TypeVar("T")

# Generous: a few published versions times a dozen reads each, plus one
# entry per operating structure for the owners.
MAX_ENTRIES = 1024

_entries: OrderedDict[Hashable, object] = OrderedDict()
_lock = threading.Lock()


def frozen_read(
    framework: Framework,
    what: Hashable,
    read: Callable[[], T],
    keep: Callable[[T], bool] | None = None,
) -> T:
    """``read()``, remembered per published version and ``what`` (a name,
    plus any argument the read depends on); with ``keep``, only a value it
    accepts (one that depends on this version alone)."""
    if framework.status != Framework.Status.PUBLISHED or framework.published_at is None:
        return read()
    # The language too: names and texts will come in the reader's language.
    key = (framework.pk, framework.published_at, get_language(), what)
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]  # type: ignore[return-value]
    value = read()
    if keep is not None and not keep(value):
        return value
    with _lock:
        _entries[key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def frozen_clear() -> None:
    with _lock:
        _entries.clear()
