"""How the API reads request bodies (REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]).

A module of its own: DRF imports it while its own views module is loading,
so it must not import anything that needs rest_framework.views.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class LimitedJSONParser(JSONParser):
    """The API's only parser: JSON, so that the schema offers exactly what
    works (a form cannot carry the lists and nulls of answers).

    Nesting deep enough to exhaust Python's stack in the json module is a
    400 with a JSON error, like any other malformed JSON, not a 500.
    (A body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused by Django before
    parsing; config/api_errors.py answers it.)
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(_("JSON parse error - nested too deeply.")) from error
