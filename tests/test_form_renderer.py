"""config.form_renderer writes a few widget templates in Python: it must give
exactly the HTML of Django's own templates."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from assessment.forms import AnswerForm
from config.form_renderer import PythonWidgetRenderer


class Everything(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'a "quoted" <b>'}))
    url = forms.URLField(assume_scheme="https", widget=forms.URLInput(attrs={"required": False}))
    hidden = forms.CharField(widget=forms.HiddenInput)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "disabled": True}))
    choice = forms.ChoiceField(
        choices=[("1", "One & only"), ("2", mark_safe("<em>Two</em>"))], widget=forms.RadioSelect
    )


def rendered(form_class, renderer, **kwargs):
    form = form_class(renderer=renderer, **kwargs)
    html = []
    for field in form:
        html.append(str(field))
        html.append(field.as_hidden(only_initial=True))
        html.extend(subwidget.tag() for subwidget in field.subwidgets)
        html.extend(str(subwidget) for subwidget in field.subwidgets)
    return html


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": "<script>", "url": "x y", "hidden": "'\"", "notes": "a\n<b>", "choice": "2"},
        {"text": "", "url": "", "hidden": "", "notes": "", "choice": "9"},
    ],
)
def test_same_html_as_djangos_templates(data):
    initial = {"text": "déjà & vu", "notes": "<i>", "choice": "1"}
    ours = rendered(Everything, PythonWidgetRenderer(), data=data, initial=initial)
    django = rendered(Everything, DjangoTemplates(), data=data, initial=initial)
    assert ours == django


@pytest.mark.django_db
def test_the_answer_form_draws_as_with_djangos_templates(framework):
    levels = list(framework.levels.order_by("rank"))
    initial = {
        "current": "2",
        "target": "3",
        "comment": "<b>x</b>",
        "evidence_url": "",
        "version": 4,
    }
    ours = rendered(
        AnswerForm, PythonWidgetRenderer(), prefix="Q-1", levels=levels, initial=initial
    )
    django = rendered(AnswerForm, DjangoTemplates(), prefix="Q-1", levels=levels, initial=initial)
    assert ours == django
    assert any('type="radio"' in html for html in ours)
