"""The framework document: parse and validate YAML, without the database.

``document_parse`` turns YAML text (or an already-loaded mapping) into a
normalised dict: every optional key filled in, weights as Decimals, lists in
document order. The exporter produces the same normalised form, which is what
makes load, export, load give the same data. Every problem found is reported,
each naming the item it is about, so that an author can fix a file in one go.

Documents may come from outside (a file handed over by another office), so
reading is bounded: at most MAX_DOCUMENT_BYTES, no YAML anchors or aliases
(an alias bomb expands a few lines into billions of nodes), mapping keys only
plain values, nesting at most MAX_DEPTH deep. Each of these is a listed
document error, found before any work proportional to the harm, and error
messages quote values only as short excerpts.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from capabilities.graph import describe_cycle, find_cycle

STATUSES = ("draft", "published")
EFFORTS = ("S", "M", "L", "XL")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024  # the reference framework is about a tenth of it
MAX_DEPTH = 50  # the format itself needs seven levels
EXCERPT_LENGTH = 40

# Top-level lists of coded items, in the order the exporter writes them, with
# the keys each item may have beyond code/name/description.
CODED_LISTS: dict[str, dict[str, Any]] = {
    "principles": {},
    "components": {"principles": list, "overlap": str},
    "roles": {"new_role": bool},
    "deliverables": {},
    "structures": {"strengths": str, "risks": str, "owners": dict, "typical_levels": list},
    "focus_areas": {"default_weights": dict},
    "phases": {"ml_use": str, "subprocesses": list},
    "capabilities": {
        "deliverable": str,
        "effort": str,
        "requires": list,
        "requires_sources": dict,
        "components": list,
        "principles": list,
        "roles": list,
    },
}
# Where an item comes from: one of these, then optionally ", " and where in it
# ("report, line 27"). See docs/framework-format.md.
SOURCE_KINDS = ("report", "paper", "framework authors")
SOURCE_RE = re.compile(r"^(report|paper|framework authors)(?=$|[\s,;:(])")
MAX_SOURCE_LENGTH = 300
# The report's two perspectives on the focus areas (line 149): statisticians
# and IT. Default focus weights are given per side; assessments weigh per side.
SIDES = ("statistics", "it")
WEIGHT_RANGE = range(0, 4)
DEFAULT_FOCUS_WEIGHT = 2
CRITERION_KEYS = {"question", "not_applicable_allowed", "note", "source"}
TOP_LEVEL_KEYS = ("framework", "levels", *CODED_LISTS, "sections")
REQUIRED_TEXT = {"effort", "deliverable"}
QUESTION_LISTS = ("principles", "components", "focus_areas", "capabilities")
SINGULAR = {
    "principles": "principle",
    "components": "component",
    "roles": "role",
    "deliverables": "deliverable",
    "structures": "structure",
    "focus_areas": "focus area",
    "phases": "phase",
    "capabilities": "capability",
    "sections": "section",
}
# Messages about a code that names an item, one per kind of item: each
# language words (and agrees) them its own way.
UNKNOWN = {
    "principle": gettext_lazy("unknown principle %(code)s"),
    "component": gettext_lazy("unknown component %(code)s"),
    "role": gettext_lazy("unknown role %(code)s"),
    "deliverable": gettext_lazy("unknown deliverable %(code)s"),
    "focus area": gettext_lazy("unknown focus area %(code)s"),
    "capability": gettext_lazy("unknown capability %(code)s"),
    "level": gettext_lazy("unknown level %(code)s"),
    "question": gettext_lazy("unknown question %(code)s"),
}
LISTED_TWICE = {
    "principle": gettext_lazy("principle %(code)s is listed twice"),
    "component": gettext_lazy("component %(code)s is listed twice"),
    "role": gettext_lazy("role %(code)s is listed twice"),
    "focus area": gettext_lazy("focus area %(code)s is listed twice"),
    "capability": gettext_lazy("capability %(code)s is listed twice"),
    "question": gettext_lazy("question %(code)s is listed twice"),
}


# Every text a person reads may carry a value per language (see "Languages"
# in docs/framework-format.md): in YAML, a mapping of language codes to texts
# where a plain text (English only) may stand. English is the base every
# text must have. Normalised, the English text stays where it was and the
# others go into the item's "translations" (language -> key -> text, or for
# descriptors and owners key -> level name or deliverable code -> text); an
# item without any has no such key, so English-only documents are as before.
BASE_LANGUAGE = "en"


def other_languages() -> list[str]:
    """The languages a framework text may be translated into (settings.LANGUAGES)."""
    return [code for code, _name in settings.LANGUAGES if code != BASE_LANGUAGE]


def source_kind(source: str) -> str | None:
    """``report``, ``paper`` or ``framework authors``: what a source starts with."""
    match = SOURCE_RE.match(source.strip().lower())
    return match.group(1) if match else None


class DocumentError(Exception):
    """A framework document that cannot be loaded; ``errors`` lists why."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def _excerpt(value: Any) -> str:
    """A value as it may appear in an error message: short, whatever it is."""
    if isinstance(value, dict):
        count = len(value)
        return ngettext("<mapping of %(count)d key>", "<mapping of %(count)d keys>", count) % {
            "count": count
        }
    if isinstance(value, list):
        count = len(value)
        return ngettext("<list of %(count)d item>", "<list of %(count)d items>", count) % {
            "count": count
        }
    if isinstance(value, tuple | set):  # from a mapping given in Python, not from YAML
        count = len(value)
        return ngettext("<%(type)s of %(count)d item>", "<%(type)s of %(count)d items>", count) % {
            "type": type(value).__name__,
            "count": count,
        }
    if isinstance(value, str) and len(value) > EXCERPT_LENGTH:
        count = len(value)
        return repr(value[:EXCERPT_LENGTH]) + ngettext(
            "… (%(count)d character)", "… (%(count)d characters)", count
        ) % {"count": count}
    text = repr(value)
    return text if len(text) <= EXCERPT_LENGTH else text[:EXCERPT_LENGTH] + "…"


def _position(code: Any, index: int) -> str:
    """How an item is named in messages: its code if that is short text, else its place."""
    if isinstance(code, str | int) and not isinstance(code, bool) and code != "":
        text = str(code)
        if len(text) <= EXCERPT_LENGTH:
            return text
    return str(index + 1)


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        # The item (a path of YAML keys, as written) stays as it is.
        self.errors.append(_("%(where)s: %(message)s") % {"where": where, "message": message})

    def text(
        self,
        item: dict,
        key: str,
        where: str,
        *,
        required: bool = True,
        translations: dict | None = None,
    ) -> str:
        """The English text of ``item[key]``; when ``translations`` (language
        -> key -> text) is given, the text may be a mapping of languages, and
        its other languages go there."""
        value = item.get(key)
        if isinstance(value, dict) and translations is not None:
            return self.translated(value, where, key, translations, required=required)
        if value is None:
            if required:
                self.error(where, _("'%(key)s' is missing") % {"key": key})
            return ""
        if not isinstance(value, str):
            self.error(
                where,
                _("'%(key)s' must be text, not %(type)s")
                % {"key": key, "type": type(value).__name__},
            )
            return ""
        value = value.strip()
        if required and not value:
            self.error(where, _("'%(key)s' is empty") % {"key": key})
        return value

    def translated(
        self, value: dict, where: str, key: str, translations: dict, *, required: bool
    ) -> str:
        """A text given per language: {en: ..., fr: ...}."""
        known = [BASE_LANGUAGE, *other_languages()]
        for language in value:
            if language not in known:
                self.error(
                    where,
                    _("'%(key)s' has an unknown language %(language)s (known: %(known)s)")
                    % {"key": key, "language": _excerpt(language), "known": ", ".join(known)},
                )
        english = ""
        if BASE_LANGUAGE not in value:
            self.error(
                where,
                _("'%(key)s' has no English text ('%(base)s'), which is required")
                % {"key": key, "base": BASE_LANGUAGE},
            )
        else:
            english = self.text(value, BASE_LANGUAGE, f"{where}.{key}", required=required)
        for language in other_languages():
            text = self.text(value, language, f"{where}.{key}", required=False)
            if text:
                translations.setdefault(language, {})[key] = text
        return english

    def source(self, item: dict, where: str) -> str:
        """Optional provenance: "report", "paper" or "framework authors", then
        optionally a comma and where in it."""
        value = self.text(item, "source", where, required=False)
        if not value:
            return ""
        if source_kind(value) is None:
            self.error(
                where,
                _("source %(source)s must start with one of: %(kinds)s")
                % {"source": _excerpt(value), "kinds": ", ".join(SOURCE_KINDS)},
            )
        elif len(value) > MAX_SOURCE_LENGTH:
            self.error(
                where,
                ngettext(
                    "source is longer than %(count)d character",
                    "source is longer than %(count)d characters",
                    MAX_SOURCE_LENGTH,
                )
                % {"count": MAX_SOURCE_LENGTH},
            )
        return value

    def mapping(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            self.error(
                where,
                _("must be a mapping of keys to values, not %(type)s")
                % {"type": type(value).__name__},
            )
            return {}
        return value

    def sequence(self, value: Any, where: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(where, _("must be a list, not %(type)s") % {"type": type(value).__name__})
            return []
        return value

    def unknown_keys(self, item: dict, allowed: set[str], where: str) -> None:
        for key in item:
            if key not in allowed:
                self.error(
                    where,
                    _("unknown key %(key)s (allowed: %(allowed)s)")
                    % {"key": _excerpt(key), "allowed": ", ".join(sorted(allowed))},
                )

    def code_list(self, item: dict, key: str, known: dict[str, Any], kind: str, where: str) -> list:
        codes = []
        for code in self.sequence(item.get(key), f"{where}.{key}"):
            code = str(code)
            if code not in known:
                self.error(f"{where}.{key}", UNKNOWN[kind] % {"code": _excerpt(code)})
            elif code in codes:
                self.error(f"{where}.{key}", LISTED_TWICE[kind] % {"code": _excerpt(code)})
            else:
                codes.append(code)
        # Canonical order (that of the referenced list) so that the same links
        # always compare equal, however the author ordered them.
        order = {known_code: index for index, known_code in enumerate(known)}
        return sorted(codes, key=order.__getitem__)


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML for documents from outside; see the module docstring.

    Refuses anchors and aliases, keys that are not plain values, nesting
    deeper than MAX_DEPTH, and a key given twice in one mapping (the second
    would silently win).
    """

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, _("anchors and aliases (& and *) are not allowed"), event.start_mark
            )
        if self._depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None,
                None,
                _("nested more than %(depth)d levels deep") % {"depth": MAX_DEPTH},
                event.start_mark,
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep=False):
    seen = set()
    for key_node, _value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            if isinstance(key_node, yaml.SequenceNode):
                problem = _("a key must be a plain value, not a list")
            else:
                problem = _("a key must be a plain value, not a mapping")
            raise yaml.constructor.ConstructorError(None, None, problem, key_node.start_mark)
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                _("the key %(key)s is given twice") % {"key": _excerpt(key)},
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates
)


def load_yaml(text: str) -> Any:
    # Characters first: no need to encode 50 MB to know it is too much.
    if (
        len(text) > MAX_DOCUMENT_BYTES
        or len(text.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES
    ):
        raise DocumentError([document_too_large()])
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        # PyYAML's own wording (and the line and column it gives) stays in English.
        raise DocumentError([_("not valid YAML: %(error)s") % {"error": error}]) from error
    except RecursionError as error:  # a safety net; MAX_DEPTH should come first
        raise DocumentError(
            [_("not valid YAML: nested too deep (at most %(depth)d)") % {"depth": MAX_DEPTH}]
        ) from error
    except (ValueError, TypeError, OverflowError) as error:
        # A value YAML accepts but Python cannot hold, such as an integer of
        # 5,000 digits; the message names the problem, not the value.
        message = str(error)
        if len(message) > 2 * EXCERPT_LENGTH:
            message = message[: 2 * EXCERPT_LENGTH] + "…"
        raise DocumentError(
            [
                _("not valid YAML: %(kind)s: %(message)s")
                % {"kind": type(error).__name__, "message": message}
            ]
        ) from error


def document_too_large() -> str:
    megabytes = MAX_DOCUMENT_BYTES // 1024 // 1024
    return _("the document is larger than %(megabytes)d MB, the most that is read") % {
        "megabytes": megabytes
    }


def _with_translations(parsed: dict, translations: dict) -> dict:
    """The item with its "translations" key when it has any."""
    if translations:
        order = other_languages()
        parsed["translations"] = {
            language: translations[language] for language in order if language in translations
        }
    return parsed


def _nested_translations(translations: dict, key: str, nested: dict) -> None:
    """Texts keyed by level name or deliverable code (descriptors, owners),
    gathered per language, into the item's translations under ``key``."""
    for language, texts in nested.items():
        translations.setdefault(language, {})[key] = texts


def _code(check: _Checker, value: Any, where: str) -> str:
    """A code as written: text, or a whole number such as a GSBPM phase 5.

    Anything else is refused rather than turned into "None", "True" or "1.1"
    (YAML reads yes, NO, null and 1.10 as other types).
    """
    if isinstance(value, bool) or not isinstance(value, str | int):
        check.error(
            where, _("code %(code)s must be text; put it in quotes") % {"code": _excerpt(value)}
        )
        return ""
    code = str(value).strip()
    if not CODE_RE.match(code):
        check.error(
            where,
            _("code %(code)s must be 1 to 32 letters, digits, '.', '_' or '-'")
            % {"code": _excerpt(value)},
        )
        return code[:EXCERPT_LENGTH]  # it is quoted in later messages
    return code


def document_parse(source: str | dict) -> dict:
    """Validate a framework document and return it normalised.

    Raises DocumentError listing every problem found.
    """
    # A normalised document (the exporter's, or one parsed before) is read as
    # its YAML would be: translations beside their English text.
    data = load_yaml(source) if isinstance(source, str) else _plain(source)
    check = _Checker()
    if not isinstance(data, dict):
        raise DocumentError([_("the document must be a mapping with a 'framework' key at the top")])
    check.unknown_keys(data, set(TOP_LEVEL_KEYS), "document")

    result: dict[str, Any] = {"framework": _parse_header(check, data.get("framework"))}
    result["levels"] = _parse_levels(check, data.get("levels"))
    known: dict[str, dict[str, dict]] = {}
    for list_name in CODED_LISTS:
        result[list_name] = _parse_coded_list(check, data, list_name)
        known[list_name] = {item["code"]: item for item in result[list_name]}
    _check_references(check, result, known)
    result["sections"] = _parse_sections(check, data.get("sections"), result["levels"], known)
    _parse_criteria(check, result)
    if check.errors:
        raise DocumentError(check.errors)
    return result


def _parse_header(check: _Checker, raw: Any) -> dict:
    header = check.mapping(raw if raw is not None else {}, "framework")
    if raw is None:
        check.error("framework", _("the 'framework' section is missing"))
    check.unknown_keys(header, {"slug", "name", "version", "status", "description"}, "framework")
    slug = check.text(header, "slug", "framework")
    if slug and not SLUG_RE.match(slug):
        check.error(
            "framework",
            _("slug %(slug)s may only hold lower-case letters, digits, hyphens")
            % {"slug": _excerpt(slug)},
        )
    version = header.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        check.error(
            "framework",
            _("version must be a whole number from 1 up, not %(value)s")
            % {"value": _excerpt(version)},
        )
        version = 0
    translations: dict = {}
    status = header.get("status", "draft")
    if status not in STATUSES:
        check.error(
            "framework",
            _("status must be one of %(statuses)s, not %(value)s")
            % {"statuses": ", ".join(STATUSES), "value": _excerpt(status)},
        )
    parsed = {
        "slug": slug,
        "name": check.text(header, "name", "framework", translations=translations),
        "version": version,
        "status": status,
        "description": check.text(
            header, "description", "framework", required=False, translations=translations
        ),
    }
    return _with_translations(parsed, translations)


def _parse_levels(check: _Checker, raw: Any) -> list[dict]:
    levels = []
    for index, item in enumerate(check.sequence(raw, "levels")):
        where = f"levels[{index + 1}]"
        item = check.mapping(item, where)
        check.unknown_keys(item, {"rank", "name", "description", "source", "criteria"}, where)
        rank = item.get("rank")
        if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
            check.error(
                where,
                _("rank must be a whole number from 1 up, not %(value)s")
                % {"value": _excerpt(rank)},
            )
        translations: dict = {}
        parsed = {
            "rank": rank,
            "name": check.text(item, "name", where, translations=translations),
            "description": check.text(
                item, "description", where, required=False, translations=translations
            ),
            "source": check.source(item, where),
            # Checked against the questions once the sections are read.
            "criteria": check.sequence(item.get("criteria"), f"{where}.criteria"),
        }
        levels.append(_with_translations(parsed, translations))
    if len(levels) < 2:
        check.error("levels", _("a framework needs at least two maturity levels"))
    ranks = [level["rank"] for level in levels]
    if all(isinstance(rank, int) for rank in ranks) and ranks != list(range(1, len(ranks) + 1)):
        check.error(
            "levels", _("ranks must be 1, 2, 3, ... in order, not %(ranks)s") % {"ranks": ranks}
        )
    names = [level["name"] for level in levels]
    for name in sorted({name for name in names if names.count(name) > 1}):
        check.error("levels", _("duplicate level name %(name)s") % {"name": _excerpt(name)})
    return levels


def _parse_coded_item(check: _Checker, item: Any, where: str, extra: dict[str, Any]) -> dict:
    item = check.mapping(item, where)
    check.unknown_keys(item, {"code", "name", "description", "source", *extra}, where)
    translations: dict = {}
    parsed = {
        "code": _code(check, item.get("code"), where),
        "name": check.text(item, "name", where, translations=translations),
        "description": check.text(
            item, "description", where, required=False, translations=translations
        ),
        "source": check.source(item, where),
    }
    for key, kind in extra.items():
        value = item.get(key)
        if kind is str and key in REQUIRED_TEXT:  # codes: effort, deliverable
            parsed[key] = check.text(item, key, where)
        elif kind is str:
            parsed[key] = check.text(item, key, where, required=False, translations=translations)
        elif kind is bool:
            if value is not None and not isinstance(value, bool):
                check.error(
                    where,
                    _("'%(key)s' must be true or false, not %(value)s")
                    % {"key": key, "value": _excerpt(value)},
                )
            parsed[key] = bool(value)
        elif kind is dict:
            parsed[key] = check.mapping(value if value is not None else {}, f"{where}.{key}")
        else:
            parsed[key] = item.get(key)  # lists are checked against known codes later
    return _with_translations(parsed, translations)


def _parse_coded_list(check: _Checker, data: dict, list_name: str) -> list[dict]:
    items, seen = [], set()
    for index, raw in enumerate(check.sequence(data.get(list_name), list_name)):
        code = raw.get("code") if isinstance(raw, dict) else None
        where = f"{list_name}[{_position(code, index)}]"
        item = _parse_coded_item(check, raw, where, CODED_LISTS[list_name])
        if item["code"] in seen:
            check.error(list_name, _("duplicate code '%(code)s'") % {"code": item["code"]})
            continue
        seen.add(item["code"])
        items.append(item)
    return items


def _check_references(check: _Checker, result: dict, known: dict[str, dict]) -> None:
    for component in result["components"]:
        where = f"components[{component['code']}]"
        component["principles"] = check.code_list(
            component, "principles", known["principles"], "principle", where
        )
    for structure in result["structures"]:
        where = f"structures[{structure['code']}].owners"
        owners, nested = {}, {}
        for deliverable, owner in structure["owners"].items():
            deliverable = str(deliverable)
            if deliverable not in known["deliverables"]:
                check.error(where, UNKNOWN["deliverable"] % {"code": _excerpt(deliverable)})
            elif isinstance(owner, dict):
                owners[deliverable] = check.translated(
                    owner, where, deliverable, nested, required=True
                )
            elif not isinstance(owner, str) or not owner.strip():
                check.error(
                    where,
                    _("the owner of %(deliverable)s must be non-empty text")
                    % {"deliverable": _excerpt(deliverable)},
                )
            else:
                owners[deliverable] = owner.strip()
        structure["owners"] = owners
        translations = structure.pop("translations", {})
        _nested_translations(translations, "owners", nested)
        _with_translations(structure, translations)
        structure["typical_levels"] = _level_names(
            check, structure, result["levels"], f"structures[{structure['code']}]"
        )
    for area in result["focus_areas"]:
        area["default_weights"] = _default_weights(
            check, area["default_weights"], f"focus_areas[{area['code']}].default_weights"
        )
    _parse_subprocesses(check, result["phases"])
    for capability in result["capabilities"]:
        where = f"capabilities[{capability['code']}]"
        if capability["deliverable"] and capability["deliverable"] not in known["deliverables"]:
            check.error(
                where, UNKNOWN["deliverable"] % {"code": _excerpt(capability["deliverable"])}
            )
        if capability["effort"] and capability["effort"] not in EFFORTS:
            check.error(
                where,
                _("effort must be one of %(efforts)s, not %(value)s")
                % {"efforts": ", ".join(EFFORTS), "value": _excerpt(capability["effort"])},
            )
        capability["requires"] = check.code_list(
            capability, "requires", known["capabilities"], "capability", where
        )
        if capability["code"] in capability["requires"]:
            check.error(where, _("a capability cannot need itself"))
        capability["requires_sources"] = _requires_sources(check, capability, where)
        for key, kind in (("components", "component"), ("principles", "principle")):
            capability[key] = check.code_list(capability, key, known[key], kind, where)
        capability["roles"] = check.code_list(capability, "roles", known["roles"], "role", where)
    cycle = find_cycle({c["code"]: c["requires"] for c in result["capabilities"]})
    if cycle and len(cycle) > 2:
        check.error(
            "capabilities", _("dependency cycle: %(cycle)s") % {"cycle": describe_cycle(cycle)}
        )


def _level_names(check: _Checker, item: dict, levels: list[dict], where: str) -> list[str]:
    """Level names, in rank order, from a list that names levels."""
    names = [level["name"] for level in levels]
    listed = []
    for name in check.sequence(item.get("typical_levels"), f"{where}.typical_levels"):
        if name not in names:
            check.error(f"{where}.typical_levels", UNKNOWN["level"] % {"code": _excerpt(name)})
        elif name not in listed:
            listed.append(name)
    return sorted(listed, key=names.index)


def _default_weights(check: _Checker, raw: dict, where: str) -> dict[str, int]:
    for key in raw:
        if key not in SIDES:
            check.error(
                where,
                _("unknown perspective %(key)s (allowed: %(allowed)s)")
                % {"key": _excerpt(key), "allowed": ", ".join(SIDES)},
            )
    weights = {}
    for perspective in SIDES:
        value = raw.get(perspective, DEFAULT_FOCUS_WEIGHT)
        if isinstance(value, bool) or value not in WEIGHT_RANGE:
            check.error(
                where,
                _("%(perspective)s must be 0, 1, 2 or 3, not %(value)s")
                % {"perspective": perspective, "value": _excerpt(value)},
            )
            value = DEFAULT_FOCUS_WEIGHT
        weights[perspective] = value
    return weights


def _requires_sources(check: _Checker, capability: dict, where: str) -> dict[str, str]:
    """Where each needs-first link comes from, in the order of ``requires``."""
    raw = capability["requires_sources"]
    sources = {}
    for code, source in raw.items():
        code = str(code)
        if code not in capability["requires"]:
            check.error(
                f"{where}.requires_sources",
                _("%(code)s is not in this capability's requires") % {"code": _excerpt(code)},
            )
        else:
            sources[code] = check.source({"source": source}, f"{where}.requires_sources.{code}")
    return {code: sources[code] for code in capability["requires"] if sources.get(code)}


def _parse_criteria(check: _Checker, result: dict) -> None:
    """Level criteria name questions; a framework that gives any gives them for
    every level above the first (the first level is where everyone starts)."""
    questions = {q["code"] for section in result["sections"] for q in section["questions"]}
    levels = result["levels"]
    for level in levels:
        where = f"levels[{level['name'] or level['rank']}].criteria"
        criteria, seen = [], set()
        for index, raw in enumerate(level["criteria"]):
            item = check.mapping(raw, f"{where}[{index + 1}]")
            check.unknown_keys(item, CRITERION_KEYS, f"{where}[{index + 1}]")
            code = str(item.get("question", ""))
            if code not in questions:
                check.error(where, UNKNOWN["question"] % {"code": _excerpt(code)})
                continue
            if code in seen:
                check.error(where, LISTED_TWICE["question"] % {"code": _excerpt(code)})
                continue
            seen.add(code)
            allowed = item.get("not_applicable_allowed", False)
            if not isinstance(allowed, bool):
                check.error(
                    where,
                    _("not_applicable_allowed must be true or false (%(code)s)") % {"code": code},
                )
                allowed = False
            translations: dict = {}
            note = check.text(
                item, "note", f"{where}[{code}]", required=False, translations=translations
            )
            if allowed and not note:
                check.error(
                    where, _("say in a note why %(code)s may be not applicable") % {"code": code}
                )
            criterion = {
                "question": code,
                "not_applicable_allowed": allowed,
                "note": note,
                "source": check.source(item, f"{where}[{code}]"),
            }
            criteria.append(_with_translations(criterion, translations))
        level["criteria"] = criteria
    if levels and levels[0]["criteria"]:
        check.error("levels", _("the first level has no criteria: every organisation starts there"))
    if any(level["criteria"] for level in levels):
        for level in levels[1:]:
            if not level["criteria"]:
                check.error(
                    f"levels[{level['name'] or level['rank']}]",
                    _(
                        "has no criteria; when one level has criteria, every level above the "
                        "first needs at least one"
                    ),
                )


def _parse_subprocesses(check: _Checker, phases: list[dict]) -> None:
    """Each phase's sub-processes: coded items numbered under the phase
    (5.2 under 5), codes unique across all phases."""
    seen: set[str] = set()
    for phase in phases:
        where = f"phases[{phase['code']}].subprocesses"
        items = []
        for index, raw in enumerate(check.sequence(phase["subprocesses"], where)):
            code = raw.get("code") if isinstance(raw, dict) else None
            item_where = f"{where}[{_position(code, index)}]"
            item = _parse_coded_item(check, raw, item_where, {})
            if item["code"] in seen:
                check.error(where, _("duplicate code '%(code)s'") % {"code": item["code"]})
                continue
            prefix = f"{phase['code']}."
            if item["code"] and not (
                item["code"].startswith(prefix) and len(item["code"]) > len(prefix)
            ):
                check.error(
                    item_where,
                    _("code %(code)s must start with the phase's code, as in %(example)s")
                    % {"code": _excerpt(item["code"]), "example": f"{prefix}1"},
                )
            seen.add(item["code"])
            items.append(item)
        phase["subprocesses"] = items


def _parse_weight(check: _Checker, value: Any, where: str) -> Decimal:
    if value is None:
        return Decimal("1.00")
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        weight = Decimal(str(value))
        if not weight.is_finite():
            raise InvalidOperation
        weight = weight.quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        check.error(where, _("weight must be a number, not %(value)s") % {"value": _excerpt(value)})
        return Decimal("1.00")
    if weight <= 0 or weight >= 1000:
        check.error(
            where, _("weight must be above 0 and below 1000, not %(value)s") % {"value": value}
        )
    return weight


QUESTION_KEYS = {"code", "text", "help", "weight", "descriptors", *QUESTION_LISTS}


def _parse_question(
    check: _Checker, raw: Any, where: str, level_names: list[str], known: dict
) -> dict:
    item = check.mapping(raw, where)
    check.unknown_keys(item, QUESTION_KEYS, where)
    translations: dict = {}
    question = {
        "code": _code(check, item.get("code"), where),
        "text": check.text(item, "text", where, translations=translations),
        "help": check.text(item, "help", where, required=False, translations=translations),
        "weight": _parse_weight(check, item.get("weight"), where),
    }
    for key in QUESTION_LISTS:
        question[key] = check.code_list(item, key, known[key], SINGULAR[key], where)
    descriptors = check.mapping(item.get("descriptors", {}), f"{where}.descriptors")
    for name in descriptors:
        if name not in level_names:
            check.error(f"{where}.descriptors", UNKNOWN["level"] % {"code": _excerpt(name)})
    question["descriptors"], nested = {}, {}
    for name in level_names:
        text = descriptors.get(name)
        if text is None:
            check.error(
                f"{where}.descriptors",
                _("missing descriptor for level %(level)s") % {"level": _excerpt(name)},
            )
        elif isinstance(text, dict):
            question["descriptors"][name] = check.translated(
                text, f"{where}.descriptors", name, nested, required=True
            )
        elif not isinstance(text, str) or not text.strip():
            check.error(
                f"{where}.descriptors",
                _("descriptor for level %(level)s is empty") % {"level": _excerpt(name)},
            )
        else:
            question["descriptors"][name] = text.strip()
    _nested_translations(translations, "descriptors", nested)
    return _with_translations(question, translations)


def _parse_sections(check: _Checker, raw: Any, levels: list[dict], known: dict) -> list[dict]:
    level_names = [level["name"] for level in levels]
    sections, section_codes, question_codes = [], set(), set()
    for index, raw_section in enumerate(check.sequence(raw, "sections")):
        code = raw_section.get("code") if isinstance(raw_section, dict) else None
        where = f"sections[{_position(code, index)}]"
        section = _parse_coded_item(check, raw_section, where, {"questions": list})
        if section["code"] in section_codes:
            check.error("sections", _("duplicate code '%(code)s'") % {"code": section["code"]})
        section_codes.add(section["code"])
        questions = []
        for q_index, raw_question in enumerate(
            check.sequence(section["questions"], f"{where}.questions")
        ):
            q_code = raw_question.get("code") if isinstance(raw_question, dict) else None
            q_where = f"{where}.questions[{_position(q_code, q_index)}]"
            question = _parse_question(check, raw_question, q_where, level_names, known)
            if question["code"] in question_codes:
                check.error(
                    "sections",
                    _("duplicate question code '%(code)s'") % {"code": question["code"]},
                )
            question_codes.add(question["code"])
            questions.append(question)
        section["questions"] = questions
        sections.append(section)
    return sections


def _translatable_items(document: dict):
    """(label, item, keys of its texts) for every item with a text a person reads."""
    yield "framework", document["framework"], ("name", "description")
    for level in document["levels"]:
        yield f"levels[{level['name']}]", level, ("name", "description")
        for criterion in level["criteria"]:
            label = f"levels[{level['name']}].criteria[{criterion['question']}]"
            yield label, criterion, ("note",)
    for list_name, extra in CODED_LISTS.items():
        texts = ("name", "description") + tuple(
            key for key, kind in extra.items() if kind is str and key not in REQUIRED_TEXT
        )
        if list_name == "structures":
            texts += ("owners",)
        for item in document[list_name]:
            yield f"{list_name}[{item['code']}]", item, texts
            for sub in item.get("subprocesses", []) if list_name == "phases" else []:
                yield f"subprocesses[{sub['code']}]", sub, ("name", "description")
    for section in document["sections"]:
        yield f"sections[{section['code']}]", section, ("name", "description")
        for question in section["questions"]:
            yield f"questions[{question['code']}]", question, ("text", "help", "descriptors")


def document_missing_translations(document: dict) -> dict[str, list[str]]:
    """Language -> the texts with English but nothing in that language, each
    as item and key ("questions[STRAT-01].descriptors.Initial"), in document
    order. Readers of that language see the English text instead."""
    missing: dict[str, list[str]] = {}
    for language in other_languages():
        found = missing[language] = []
        for label, item, keys in _translatable_items(document):
            given = item.get("translations", {}).get(language, {})
            for key in keys:
                english = item[key]
                if isinstance(english, dict):
                    found += [
                        f"{label}.{key}.{name}"
                        for name, text in english.items()
                        if text and not given.get(key, {}).get(name)
                    ]
                elif english and not given.get(key):
                    found.append(f"{label}.{key}")
    return missing


def document_dump(document: dict) -> str:
    """Write a normalised document as YAML, in the documented key order."""
    return yaml.dump(
        _plain(document), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        plain = {key: _plain(item) for key, item in value.items() if key != "translations"}
        # Translations are written beside their English text: {en: ..., fr: ...}.
        for language, texts in value.get("translations", {}).items():
            for key, text in texts.items():
                if isinstance(text, dict):
                    for name, nested in text.items():
                        plain[key][name] = _inline(plain[key][name], language, nested)
                else:
                    plain[key] = _inline(plain[key], language, text)
        return plain
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return str(value)  # a TextChoices member is a str subclass YAML cannot write
    return value


def _inline(current: Any, language: str, text: str) -> dict:
    texts = current if isinstance(current, dict) else {BASE_LANGUAGE: current}
    return {**texts, language: str(text)}


class _Dumper(yaml.SafeDumper):
    """Safe YAML, with multi-line text as readable literal blocks."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    # Lists of codes read best on one line: principles: [P1, P6, P9]
    codes = all(isinstance(item, str) and CODE_RE.match(item) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=codes)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(list, _represent_list)
