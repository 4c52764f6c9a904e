"""The language of management commands' messages.

Django runs commands in ``LANGUAGE_CODE`` (English). The commands a person
runs by hand (load_framework, load_demo) speak the language of the terminal
instead, as gettext programs do: the first of LANGUAGE, LC_ALL, LC_MESSAGES
and LANG that names a language of ``LANGUAGES`` (``LANG=fr_CA.UTF-8`` gives
French); otherwise ``LANGUAGE_CODE``.
"""

from __future__ import annotations

import os

from django.conf import settings

VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def command_language(environ: dict[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    known = {code for code, _name in settings.LANGUAGES}
    for variable in VARIABLES:
        # LANGUAGE may list several, "fr:en"; a locale is "fr_CA.UTF-8@euro".
        for value in environ.get(variable, "").split(":"):
            code = value.split(".")[0].split("@")[0].replace("_", "-").lower()
            for candidate in (code, code.split("-")[0]):
                if candidate in known:
                    return candidate
    return settings.LANGUAGE_CODE
