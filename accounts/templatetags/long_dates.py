"""``{{ day|long_date }}``: "1 January 2027", "1er janvier 2027" (accounts.dates)."""

from django import template

from accounts import dates

register = template.Library()
# expects_localtime: a datetime reaches the filter in the reader's time zone.
register.filter("long_date", dates.long_date, expects_localtime=True)
