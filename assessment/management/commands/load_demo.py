from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessment.demo import DEMO_USERS, demo_load


class Command(BaseCommand):
    help = "Create the demo accounts and data (idempotent). Only with DEBUG on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo data has well-known passwords and is for local use only; "
                "it is not loaded when DEBUG is off."
            )
        created = demo_load()
        summary = f"created {', '.join(created)}" if created else "present"
        self.stdout.write(f"Demo data: {summary}.")
        for username, password, _superuser, purpose in DEMO_USERS:
            self.stdout.write(f"  {username} / {password}: {purpose}")
