"""Dates written out in full, as each language writes them.

``long_date(day)`` gives "1 January 2027", and in French "1er janvier
2027": French writes the first day of a month as an ordinal, which no Django
date format can say (its ordinal suffix, ``S``, is English). A roadmap
starts on the first of a quarter, so French readers met "1 janvier" on every
roadmap. In templates: ``{% load long_dates %}{{ day|long_date }}``, and
``{{ moment|long_date:"H:i" }}`` with the time.
"""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import get_language

DAY_MONTH_YEAR = "j F Y"
# Languages that write the first of a month as an ordinal, and how (the
# letters escaped for Django's date format).
FIRST_OF_MONTH = {"fr": r"j\e\r F Y"}


def long_date(value, time_format: str = "") -> str:
    """``value`` (a date, or a datetime already in the reader's time zone)
    in the active language; ``time_format`` adds the time after a space."""
    if not value:
        return ""
    language = (get_language() or "").split("-")[0]
    day_format = DAY_MONTH_YEAR
    if value.day == 1 and language in FIRST_OF_MONTH:
        day_format = FIRST_OF_MONTH[language]
    if time_format:
        day_format = f"{day_format} {time_format}"
    return date_format(value, day_format)
