"""Django's flush, able to empty published framework versions on SQLite.

PostgreSQL's flush truncates tables, which fires no row triggers. SQLite has
no TRUNCATE and deletes row by row, which the publishing freeze refuses for
published versions; a wipe of the whole database is the one time that is
meant, so the freeze's delete triggers are suspended for it, inside the same
transaction (see capabilities/migrations/0002_publishing_freeze.py).
"""

from django.core.management.commands import flush
from django.db import connections, transaction


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("INSERT INTO capabilities_freeze_suspended (reason) VALUES ('flush')")
            super().handle(**options)
            cursor.execute("DELETE FROM capabilities_freeze_suspended")
