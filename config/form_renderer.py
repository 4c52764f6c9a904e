"""A form renderer that writes the simplest widgets in Python.

Django draws every widget through a template: a radio button is three
nested includes. A questionnaire section draws about sixty widgets, and that
was a third of the page's time. These few templates are written out here
instead, producing the same HTML character for character (the test compares
them with Django's own templates); every other template is Django's.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"
INPUT_TEMPLATES = {
    WIDGETS + name for name in ("input.html", "hidden.html", "text.html", "url.html")
}
OPTION_TEMPLATES = {WIDGETS + "input_option.html", WIDGETS + "radio_option.html"}
TEXTAREA_TEMPLATE = WIDGETS + "textarea.html"


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html"""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html"""
    value = widget["value"]
    value_attr = "" if value is None else f' value="{conditional_escape(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value_attr}{_attrs(widget["attrs"])}>'
    )


def _option(widget: dict) -> str:
    """django/forms/widgets/input_option.html (radio_option.html includes it)"""
    if not widget.get("wrap_label"):
        return _input(widget)
    element_id = widget["attrs"].get("id")
    label_for = f' for="{conditional_escape(element_id)}"' if element_id else ""
    # The newline is input.html's own last character, kept by the include.
    return f"<label{label_for}>{_input(widget)}\n {conditional_escape(widget['label'])}</label>"


def _textarea(widget: dict) -> str:
    """django/forms/widgets/textarea.html"""
    value = widget["value"]
    text = conditional_escape(value) if value else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{text}</textarea>"
    )


class PythonWidgetRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return mark_safe(_input(context["widget"]))
        if template_name in OPTION_TEMPLATES:
            return mark_safe(_option(context["widget"]))
        if template_name == TEXTAREA_TEMPLATE:
            return mark_safe(_textarea(context["widget"]))
        return super().render(template_name, context, request)
