"""URL converters for framework codes (P4, STRAT-01, SOURCE-REPO)."""

from capabilities.document import CODE_RE


class CodeConverter:
    """Only what a framework code can be: anything else is a 404 at the URL,
    before any database sees it (PostgreSQL refuses NUL bytes loudly)."""

    regex = CODE_RE.pattern.removeprefix("^").removesuffix("$")

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
