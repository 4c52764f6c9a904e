"""templates/assessment/form_fields.html: every control is described by its
help and its errors, with the ids Django 5.2 puts in aria-describedby."""

import re

from django import forms
from django.template.loader import render_to_string


class Sample(forms.Form):
    title = forms.CharField(label="Title", help_text="A short name.", max_length=5)
    kind = forms.ChoiceField(
        label="Kind",
        help_text="Pick one.",
        choices=[("a", "A"), ("b", "B")],
        widget=forms.RadioSelect,
    )


def described_ids(html: str, element: str) -> list[str]:
    match = re.search(rf'<{element}[^>]*aria-describedby="([^"]+)"', html)
    assert match, f"no <{element}> with aria-describedby in {html}"
    return match.group(1).split()


def ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def test_a_field_with_an_error_is_described_by_its_help_and_error():
    form = Sample(data={"title": "far too long", "kind": ""})
    html = render_to_string("assessment/form_fields.html", {"form": form})
    assert described_ids(html, "input") == ["id_title_helptext", "id_title_error"]
    assert 'aria-invalid="true"' in html
    assert set(described_ids(html, "fieldset")) == {"id_kind_helptext", "id_kind_error"}
    for referenced in described_ids(html, "input") + described_ids(html, "fieldset"):
        assert referenced in ids(html)


def test_a_field_without_an_error_is_described_by_its_help_only():
    html = render_to_string("assessment/form_fields.html", {"form": Sample()})
    assert described_ids(html, "input") == ["id_title_helptext"]
    assert "id_title_helptext" in ids(html)
    assert "_error" not in html
