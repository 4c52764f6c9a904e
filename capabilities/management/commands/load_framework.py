from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capabilities.document import (
    MAX_DOCUMENT_BYTES,
    DocumentError,
    document_missing_translations,
    document_parse,
    document_too_large,
)
from capabilities.guards import PublishedFrameworkError
from capabilities.services import framework_load

# How many untranslated texts the warning names; the admin lists them all.
SHOWN_MISSING = 5


class Command(BaseCommand):
    help = "Validate framework YAML documents and load them, in the order given (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="path", help="Path of a YAML document.")

    def handle(self, *args, paths: list[str], **options):
        for path in paths:
            self._load(path)

    def _load(self, path: str) -> None:
        try:
            with Path(path).open("rb") as file:
                # One byte over the limit is enough to refuse; a 50 MB file is never read.
                data = file.read(MAX_DOCUMENT_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        try:
            if len(data) > MAX_DOCUMENT_BYTES:
                raise DocumentError([document_too_large()])
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as error:
                raise CommandError(f"{path} is not UTF-8 text: {error}") from error
            document = document_parse(text)
            outcome = framework_load(document=document)
        except DocumentError as error:
            problems = "\n".join(f"  - {message}" for message in error.errors)
            raise CommandError(
                f"{path} has {len(error.errors)} problem(s), nothing was loaded:\n{problems}"
            ) from error
        except PublishedFrameworkError as error:
            raise CommandError(str(error)) from error
        framework = outcome.framework
        self.stdout.write(
            f"{framework.slug} version {framework.version} ({framework.get_status_display()}): "
            f"{outcome.action}."
        )
        self._warn_missing_translations(document)

    def _warn_missing_translations(self, document: dict) -> None:
        """A text without a translation shows in English: worth knowing, not
        a reason to refuse the document."""
        for language, missing in document_missing_translations(document).items():
            if not missing:
                continue
            shown = ", ".join(missing[:SHOWN_MISSING])
            more = (
                f" and {len(missing) - SHOWN_MISSING} more" if len(missing) > SHOWN_MISSING else ""
            )
            self.stderr.write(
                self.style.WARNING(
                    f"Warning: {len(missing)} text(s) have no {language!r} translation "
                    f"and show in English: {shown}{more}."
                )
            )
