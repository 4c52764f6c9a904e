from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from capabilities.document import (
    MAX_DOCUMENT_BYTES,
    DocumentError,
    document_missing_translations,
    document_parse,
    document_too_large,
)
from capabilities.guards import PublishedFrameworkError
from capabilities.services import framework_load
from config.command_language import command_language

# How many untranslated texts the warning names; the admin lists them all.
SHOWN_MISSING = 5


class Command(BaseCommand):
    help = "Validate framework YAML documents and load them, in the order given (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="path", help="Path of a YAML document.")

    def handle(self, *args, paths: list[str], **options):
        with translation.override(command_language()):
            for path in paths:
                self._load(path)

    def _load(self, path: str) -> None:
        try:
            with Path(path).open("rb") as file:
                # One byte over the limit is enough to refuse; a 50 MB file is never read.
                data = file.read(MAX_DOCUMENT_BYTES + 1)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
            ) from error
        try:
            if len(data) > MAX_DOCUMENT_BYTES:
                raise DocumentError([document_too_large()])
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as error:
                raise CommandError(
                    _("%(path)s is not UTF-8 text: %(error)s") % {"path": path, "error": error}
                ) from error
            document = document_parse(text)
            outcome = framework_load(document=document)
        except DocumentError as error:
            problems = "\n".join(f"  - {message}" for message in error.errors)
            summary = ngettext(
                "%(path)s has %(count)d problem, nothing was loaded:",
                "%(path)s has %(count)d problems, nothing was loaded:",
                len(error.errors),
            ) % {"path": path, "count": len(error.errors)}
            raise CommandError(f"{summary}\n{problems}") from error
        except PublishedFrameworkError as error:
            raise CommandError(str(error)) from error
        framework = outcome.framework
        actions = {
            "created": pgettext("framework loaded", "created"),
            "replaced": pgettext("framework loaded", "replaced"),
            "unchanged": pgettext("framework loaded", "unchanged"),
        }
        self.stdout.write(
            _("%(slug)s version %(version)s (%(status)s): %(action)s.")
            % {
                "slug": framework.slug,
                "version": framework.version,
                "status": framework.get_status_display(),
                "action": actions[outcome.action],
            }
        )
        self._warn_missing_translations(document)

    def _warn_missing_translations(self, document: dict) -> None:
        """A text without a translation shows in English: worth knowing, not
        a reason to refuse the document."""
        for language, missing in document_missing_translations(document).items():
            if not missing:
                continue
            shown = ", ".join(missing[:SHOWN_MISSING])
            if len(missing) > SHOWN_MISSING:
                shown = _("%(shown)s and %(count)d more") % {
                    "shown": shown,
                    "count": len(missing) - SHOWN_MISSING,
                }
            self.stderr.write(
                self.style.WARNING(
                    ngettext(
                        "Warning: %(count)d text has no '%(language)s' translation and shows "
                        "in English: %(shown)s.",
                        "Warning: %(count)d texts have no '%(language)s' translation and show "
                        "in English: %(shown)s.",
                        len(missing),
                    )
                    % {"count": len(missing), "language": language, "shown": shown}
                )
            )
