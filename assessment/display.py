"""Answers as short text for people: conflict messages and the history page."""

from __future__ import annotations

from django.utils.text import Truncator
from django.utils.translation import gettext as _


def answer_summary(values: dict, level_names: dict[int, str]) -> str:
    """E.g. "current Spreading, target Widespread, comment “We use Git.”"."""
    if not values:
        return _("no answer")
    if values.get("not_applicable"):
        parts = [_("not applicable")]
    elif values.get("dont_know"):
        parts = [_("don't know")]
    else:
        current, target = values.get("current"), values.get("target")
        parts = [
            _("current %(level)s") % {"level": level_names.get(current, _("not chosen"))},
            _("target %(level)s") % {"level": level_names.get(target, _("not chosen"))},
        ]
    if values.get("comment"):
        comment = Truncator(values["comment"]).chars(80)
        parts.append(_("comment “%(comment)s”") % {"comment": comment})
    if values.get("evidence_url"):
        parts.append(_("evidence %(url)s") % {"url": values["evidence_url"]})
    if values.get("carried_over"):
        parts.append(_("carried over, not yet confirmed"))
    return ", ".join(parts)
