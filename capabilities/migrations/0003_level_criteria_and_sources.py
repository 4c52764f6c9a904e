"""Level criteria (staged levels), sources (provenance) on framework items,
default focus weights per perspective, structures' typical levels.

The new criterion table gets the publishing freeze's triggers. On SQLite,
adding a NOT NULL column rebuilds a table and drops its triggers, so every
content table's triggers are written again (see 0002_publishing_freeze).
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

freeze = importlib.import_module("capabilities.migrations.0002_publishing_freeze")

NEW_TABLES = {
    "capabilities_levelcriterion": {
        "level_id": "capabilities_level",
        "question_id": "capabilities_question",
    },
}


def sqlite_triggers_drop(schema_editor, tables) -> None:
    for table in tables:
        for operation in ("insert", "update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_frozen_{operation}")


def sqlite_triggers_create(schema_editor, tables) -> None:
    for table, columns in tables.items():
        for statement in freeze.sqlite_table_statements(table, columns):
            schema_editor.execute(statement, params=None)


# SQLite rebuilds a table by copying it to a new one, dropping the old one and
# renaming; a trigger elsewhere that names the dropped table makes the rename
# fail. So on SQLite every content trigger goes first and comes back last.
def before(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sqlite_triggers_drop(schema_editor, freeze.CONTENT_TABLES)


def before_reversed(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sqlite_triggers_create(schema_editor, freeze.CONTENT_TABLES)


def after(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        sqlite_triggers_create(schema_editor, {**freeze.CONTENT_TABLES, **NEW_TABLES})
    elif vendor == "postgresql":
        for table, columns in NEW_TABLES.items():
            for statement in freeze.postgresql_table_statements(table, columns):
                schema_editor.execute(statement, params=None)
    else:
        raise NotImplementedError(f"No publishing freeze written for {vendor}.")


def after_reversed(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sqlite_triggers_drop(schema_editor, {**freeze.CONTENT_TABLES, **NEW_TABLES})
    else:
        for table in NEW_TABLES:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_frozen() CASCADE")


class Migration(migrations.Migration):

    dependencies = [
        ('capabilities', '0002_publishing_freeze'),
    ]

    operations = [
        migrations.RunPython(before, before_reversed),
        migrations.AddField(
            model_name='capability',
            name='requires_sources',
            field=models.JSONField(blank=True, default=dict, help_text='Capability code → where that dependency comes from.', verbose_name='sources of the needs-first links'),
        ),
        migrations.AddField(
            model_name='capability',
            name='source',
            field=models.CharField(blank=True, help_text='Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. “report, line 27”.', max_length=300, verbose_name='source'),
        ),
        migrations.AddField(
            model_name='component',
            name='source',
            field=models.CharField(blank=True, help_text='Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. “report, line 27”.', max_length=300, verbose_name='source'),
        ),
        migrations.AddField(
            model_name='deliverabletype',
            name='source',
            field=models.CharField(blank=True, help_text='Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. “report, line 27”.', max_length=300, verbose_name='source'),
        ),
        migrations.AddField(
            model_name='focusarea',
            name='it_weight',
            field=models.PositiveSmallIntegerField(default=2, verbose_name='default weight, IT perspective'),
        ),
        migrations.AddField(
            model_name='focusarea',
            name='source',
            field=models.CharField(blank=True, help_text='Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. “report, line 27”.', max_length=300, verbose_name='source'),
        ),
        migrations.AddField(
            model_name='focusarea',
            name='statistics_weight',
            field=models.PositiveSmallIntegerField(default=2, verbose_name='default weight, statistics perspective'),
        ),
        migrations.AddField(
            model_name='level',
            name='source',
            field=models.CharField(blank=True, help_text='Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. “report, line 27”.', max_length=300, verbose_name='source'),
        ),
        migrations.AddField(
            model_name='organisationalstructure',
            name='source',
            field=models.CharField(blank=True, help_text='Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. “report, line 27”.', max_length=300, verbose_name='source'),
        ),
        migrations.AddField(
            model_name='organisationalstructure',
            name='typical_levels',
            field=models.JSONField(blank=True, default=list, help_text='Ranks of the maturity levels this structure is typical of, e.g. [3, 4].', verbose_name='typical at levels'),
        ),
        migrations.AddField(
            model_name='principle',
            name='source',
            field=models.CharField(blank=True, help_text='Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. “report, line 27”.', max_length=300, verbose_name='source'),
        ),
        migrations.AddField(
            model_name='processphase',
            name='source',
            field=models.CharField(blank=True, help_text='Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. “report, line 27”.', max_length=300, verbose_name='source'),
        ),
        migrations.AddField(
            model_name='question',
            name='source',
            field=models.CharField(blank=True, help_text='Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. “report, line 27”.', max_length=300, verbose_name='source'),
        ),
        migrations.AddField(
            model_name='role',
            name='source',
            field=models.CharField(blank=True, help_text='Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. “report, line 27”.', max_length=300, verbose_name='source'),
        ),
        migrations.AddField(
            model_name='section',
            name='source',
            field=models.CharField(blank=True, help_text='Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. “report, line 27”.', max_length=300, verbose_name='source'),
        ),
        migrations.CreateModel(
            name='LevelCriterion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('not_applicable_allowed', models.BooleanField(default=False, help_text='Only where an office can rightly have no use for what the question asks.', verbose_name='met when not applicable')),
                ('note', models.TextField(blank=True, help_text='Why, when it may be N/A.', verbose_name='note')),
                ('source', models.CharField(blank=True, help_text='Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. “report, line 27”.', max_length=300, verbose_name='source')),
                ('level', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='criteria', to='capabilities.level')),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='criteria', to='capabilities.question')),
            ],
            options={
                'verbose_name': 'level criterion',
                'verbose_name_plural': 'level criteria',
                'ordering': ['level', 'position', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('level', 'question'), name='criterion_once')],
            },
        ),
        migrations.RunPython(after, after_reversed),
    ]
