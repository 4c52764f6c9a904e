from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from assessment.demo import DEMO_USERS, demo_load
from config.command_language import command_language


class Command(BaseCommand):
    help = "Create the demo accounts and data (idempotent). Only with DEBUG on."

    def handle(self, *args, **options):
        with translation.override(command_language()):
            self._load()

    def _load(self) -> None:
        if not settings.DEBUG:
            raise CommandError(
                _(
                    "Demo data has well-known passwords and is for local use only; "
                    "it is not loaded when DEBUG is off."
                )
            )
        created = demo_load()
        if created:
            self.stdout.write(_("Demo data: created %(what)s.") % {"what": ", ".join(created)})
        else:
            self.stdout.write(_("Demo data: present."))
        for username, password, _superuser, purpose in DEMO_USERS:
            self.stdout.write(f"  {username} / {password}: {purpose}")
