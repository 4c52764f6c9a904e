"""{{ item.source|source_kind }}: report, paper or framework authors, for a
badge that lets a reader tell the source report from our additions."""

from django import template

from capabilities.document import source_kind as kind_of

register = template.Library()


@register.filter
def source_kind(source: str) -> str:
    return (kind_of(source or "") or "unknown").replace(" ", "-")
