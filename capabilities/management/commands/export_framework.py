from django.core.management.base import BaseCommand, CommandError

from capabilities.document import document_dump
from capabilities.models import Framework
from capabilities.selectors import framework_document, framework_latest_published


class Command(BaseCommand):
    help = (
        "Write a framework version as YAML to standard output. Without arguments: the newest "
        "published framework; with a slug: its newest published version."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?")
        parser.add_argument("version", nargs="?", type=int)

    def handle(self, *args, slug: str | None, version: int | None, **options):
        if version is not None:
            framework = Framework.objects.filter(slug=slug, version=version).first()
            missing = f"There is no version {version} of framework '{slug}'."
        else:
            framework = framework_latest_published(slug)
            missing = (
                f"There is no published version of framework '{slug}'."
                if slug
                else "There is no published framework yet; load one with load_framework."
            )
        if framework is None:
            raise CommandError(missing)
        self.stdout.write(document_dump(framework_document(framework)), ending="")
