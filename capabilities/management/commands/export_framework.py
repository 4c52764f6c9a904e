from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from capabilities.document import document_dump
from capabilities.models import Framework
from capabilities.selectors import framework_document, framework_latest_published
from config.command_language import command_language


class Command(BaseCommand):
    help = (
        "Write a framework version as YAML to standard output. Without arguments: the newest "
        "published framework; with a slug: its newest published version."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?")
        parser.add_argument("version", nargs="?", type=int)

    def handle(self, *args, slug: str | None, version: int | None, **options):
        # The YAML is the same in any language; only the refusals are worded.
        with translation.override(command_language()):
            framework = self._framework(slug, version)
        self.stdout.write(document_dump(framework_document(framework)), ending="")

    def _framework(self, slug: str | None, version: int | None) -> Framework:
        if version is not None:
            framework = Framework.objects.filter(slug=slug, version=version).first()
            missing = _("There is no version %(version)s of framework '%(slug)s'.") % {
                "version": version,
                "slug": slug,
            }
        elif slug:
            framework = framework_latest_published(slug)
            missing = _("There is no published version of framework '%(slug)s'.") % {"slug": slug}
        else:
            framework = framework_latest_published(slug)
            missing = _("There is no published framework yet; load one with load_framework.")
        if framework is None:
            raise CommandError(missing)
        return framework
