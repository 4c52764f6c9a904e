"""GSBPM sub-processes (5.2 Classify and code) under the framework's phases.

Framework content, so the new table is frozen in published versions like
every other (the triggers of 0002_publishing_freeze, written for this table
by that migration's own functions).
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

freeze = importlib.import_module("capabilities.migrations.0002_publishing_freeze")

TABLE = "capabilities_processsubprocess"
COLUMNS = {"framework_id": None, "phase_id": "capabilities_processphase"}


def only_this_table(function):
    """Run one of 0002's statement builders for this table alone."""

    def statements():
        saved = freeze.CONTENT_TABLES
        freeze.CONTENT_TABLES = {TABLE: COLUMNS}
        try:
            built = function()
        finally:
            freeze.CONTENT_TABLES = saved
        return built

    return statements


def sqlite_statements():
    # 0002's builder also creates the framework triggers and the suspension
    # table, which exist already: keep the statements about this table.
    return [s for s in only_this_table(freeze.sqlite_statements)() if TABLE in s]


def sqlite_reverse():
    return [f"DROP TRIGGER {TABLE}_frozen_{op}" for op in ("insert", "update", "delete")]


def postgresql_statements():
    return [s for s in only_this_table(freeze.postgresql_statements)() if TABLE in s]


def postgresql_reverse():
    return [f"DROP FUNCTION {TABLE}_frozen() CASCADE"]


class Migration(migrations.Migration):

    dependencies = [
        ('capabilities', '0002_publishing_freeze'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProcessSubprocess',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=32, verbose_name='code')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('position', models.PositiveIntegerField(default=0, help_text='Order in lists; lower comes first.', verbose_name='position')),
                ('framework', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='subprocesses', to='capabilities.framework')),
                ('phase', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='subprocesses', to='capabilities.processphase', verbose_name='phase')),
            ],
            options={
                'verbose_name': 'statistical process sub-process',
                'verbose_name_plural': 'statistical process sub-processes',
                'ordering': ['framework', 'position', 'code'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('framework', 'code'), name='capabilities_processsubprocess_code')],
            },
        ),
        migrations.RunPython(
            freeze.run({"sqlite": sqlite_statements, "postgresql": postgresql_statements}),
            freeze.run({"sqlite": sqlite_reverse, "postgresql": postgresql_reverse}),
        ),
    ]
