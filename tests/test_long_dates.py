"""accounts.dates.long_date and its filter: dates written out as each language writes them."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from accounts.dates import long_date


@pytest.mark.parametrize(
    ("language", "day", "written"),
    [
        ("en", date(2027, 1, 1), "1 January 2027"),
        ("en", date(2027, 3, 31), "31 March 2027"),
        ("fr", date(2027, 1, 1), "1er janvier 2027"),  # the first of a month: an ordinal
        ("fr", date(2027, 3, 31), "31 mars 2027"),
        ("fr", date(2027, 10, 11), "11 octobre 2027"),  # 11 is not the first
        ("fr-ca", date(2027, 7, 1), "1er juillet 2027"),
    ],
)
def test_day_month_year(language, day, written):
    with translation.override(language):
        assert long_date(day) == written


def test_with_the_time():
    with translation.override("fr"):
        assert long_date(datetime(2027, 1, 1, 9, 5), "H:i") == "1er janvier 2027 09:05"


def test_nothing_for_no_date():
    assert long_date(None) == ""


def test_in_a_template_the_readers_time_zone_decides_the_day():
    # 23:30 UTC on 31 December is already 1 January in Paris.
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
    template = Template('{% load long_dates %}{{ moment|long_date:"H:i" }}')
    with translation.override("fr"), timezone.override("Europe/Paris"):
        assert template.render(Context({"moment": moment})) == "1er janvier 2027 00:30"
