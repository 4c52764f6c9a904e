"""GSBPM sub-processes (5.2 Classify and code) under the framework's phases.

Framework content, so the new table is frozen in published versions like
every other (the triggers of 0002_publishing_freeze, written for this table
by that migration's per-table functions).
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

freeze = importlib.import_module("capabilities.migrations.0002_publishing_freeze")

TABLE = "capabilities_processsubprocess"
COLUMNS = {"framework_id": None, "phase_id": "capabilities_processphase"}


def sqlite_statements():
    return freeze.sqlite_table_statements(TABLE, COLUMNS)


def sqlite_reverse():
    return [f"DROP TRIGGER {TABLE}_frozen_{op}" for op in ("insert", "update", "delete")]


def postgresql_statements():
    return freeze.postgresql_table_statements(TABLE, COLUMNS)


def postgresql_reverse():
    return [f"DROP FUNCTION {TABLE}_frozen() CASCADE"]


class Migration(migrations.Migration):

    dependencies = [
        ("capabilities", "0003_level_criteria_and_sources"),
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
                ('source', models.CharField(blank=True, help_text='Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. “report, line 27”.', max_length=300, verbose_name='source')),
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
