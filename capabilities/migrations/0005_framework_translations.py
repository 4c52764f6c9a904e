"""Framework texts in several languages (django-modeltranslation, see
capabilities/translation.py): one column per language beside each text.

English columns start as a copy of the texts already there, published
versions included: the freeze's triggers are set aside for that copy only,
which adds no content, it only states in which language the content is.

The framework table's SQLite update trigger names every column a published
version may not change; it is written again here from the table as it now
is, so the language columns are frozen like the rest (on PostgreSQL the
trigger compares whole rows already). On SQLite every content trigger is
dropped first and written again last, as in 0003: a table rebuilt by a
constraint would otherwise lose them or fail to be renamed. A migration that
adds another language calls ``freeze_rewrite`` the same way.
"""

import importlib

from django.db import migrations, models

freeze = importlib.import_module("capabilities.migrations.0002_publishing_freeze")
earlier = importlib.import_module("capabilities.migrations.0003_level_criteria_and_sources")
subprocesses = importlib.import_module("capabilities.migrations.0004_process_subprocesses")

TABLES = {
    **freeze.CONTENT_TABLES,
    **earlier.NEW_TABLES,
    subprocesses.TABLE: subprocesses.COLUMNS,
}

# Table -> the texts whose English column starts as a copy of the text.
TRANSLATED = {
    "capabilities_framework": ("name", "description"),
    "capabilities_level": ("name", "description"),
    "capabilities_principle": ("name", "description"),
    "capabilities_component": ("name", "description", "overlap"),
    "capabilities_role": ("name", "description"),
    "capabilities_deliverabletype": ("name", "description"),
    "capabilities_organisationalstructure": ("name", "description", "strengths", "risks"),
    "capabilities_structureowner": ("owner",),
    "capabilities_focusarea": ("name", "description"),
    "capabilities_processphase": ("name", "description", "ml_use"),
    "capabilities_processsubprocess": ("name", "description"),
    "capabilities_capability": ("name", "description"),
    "capabilities_section": ("name", "description"),
    "capabilities_question": ("text", "help"),
    "capabilities_leveldescriptor": ("text",),
    "capabilities_levelcriterion": ("note",),
}


def sqlite_framework_trigger(schema_editor) -> str:
    """The framework table's update trigger, naming every column it has now."""
    with schema_editor.connection.cursor() as cursor:
        columns = [
            column.name
            for column in schema_editor.connection.introspection.get_table_description(
                cursor, freeze.FRAMEWORK
            )
            if column.name != "based_on_id"
        ]
    refuse = f"BEGIN SELECT RAISE(ABORT, '{freeze.SQLITE_MESSAGE}'); END"
    unchanged = " AND ".join(
        ["NEW.based_on_id IS NULL"] + [f'NEW."{c}" IS OLD."{c}"' for c in columns]
    )
    return (
        f"CREATE TRIGGER {freeze.FRAMEWORK}_frozen_update BEFORE UPDATE ON {freeze.FRAMEWORK} "
        f"FOR EACH ROW WHEN OLD.status = 'published' AND NOT ({unchanged}) {refuse}"
    )


def sqlite_triggers_drop(schema_editor) -> None:
    for table in TABLES:
        for operation in ("insert", "update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_frozen_{operation}")
    for operation in ("update", "delete"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {freeze.FRAMEWORK}_frozen_{operation}")


def freeze_rewrite(schema_editor) -> None:
    """SQLite: every trigger of the freeze, written for the tables as they are now."""
    sqlite_triggers_drop(schema_editor)
    schema_editor.execute(sqlite_framework_trigger(schema_editor), params=None)
    not_suspended = f"NOT EXISTS (SELECT 1 FROM {freeze.SUSPENSION})"
    refuse = f"BEGIN SELECT RAISE(ABORT, '{freeze.SQLITE_MESSAGE}'); END"
    schema_editor.execute(
        f"CREATE TRIGGER {freeze.FRAMEWORK}_frozen_delete BEFORE DELETE ON {freeze.FRAMEWORK} "
        f"FOR EACH ROW WHEN OLD.status = 'published' AND {not_suspended} {refuse}"
    )
    for table, columns in TABLES.items():
        for statement in freeze.sqlite_table_statements(table, columns):
            schema_editor.execute(statement, params=None)


def before(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sqlite_triggers_drop(schema_editor)


def copy_english(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, fields in TRANSLATED.items():
        if vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        assignments = ", ".join(f"{field}_en = {field}" for field in fields)
        schema_editor.execute(f"UPDATE {table} SET {assignments}")
        if vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def after(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        freeze_rewrite(schema_editor)


def after_reversed(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sqlite_triggers_drop(schema_editor)


def before_reversed(apps, schema_editor):
    # Back to the triggers of 0004, which name the framework's columns of then.
    if schema_editor.connection.vendor == "sqlite":
        sqlite_triggers_drop(schema_editor)
        for statement in freeze.sqlite_statements()[1:3]:
            schema_editor.execute(statement, params=None)
        for table, columns in TABLES.items():
            for statement in freeze.sqlite_table_statements(table, columns):
                schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('capabilities', '0004_process_subprocesses'),
    ]

    operations = [
        migrations.RunPython(before, before_reversed),
        migrations.AddField(
            model_name='capability',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='capability',
            name='description_fr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='capability',
            name='name_en',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='capability',
            name='name_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='component',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='component',
            name='description_fr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='component',
            name='name_en',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='component',
            name='name_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='component',
            name='overlap_en',
            field=models.TextField(blank=True, help_text='How this component may already exist in the office for other software.', null=True, verbose_name='overlap with existing IT'),
        ),
        migrations.AddField(
            model_name='component',
            name='overlap_fr',
            field=models.TextField(blank=True, help_text='How this component may already exist in the office for other software.', null=True, verbose_name='overlap with existing IT'),
        ),
        migrations.AddField(
            model_name='deliverabletype',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='deliverabletype',
            name='description_fr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='deliverabletype',
            name='name_en',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='deliverabletype',
            name='name_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='focusarea',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='focusarea',
            name='description_fr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='focusarea',
            name='name_en',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='focusarea',
            name='name_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_fr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_en',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='level',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='level',
            name='description_fr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='level',
            name='name_en',
            field=models.CharField(max_length=80, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='level',
            name='name_fr',
            field=models.CharField(max_length=80, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='levelcriterion',
            name='note_en',
            field=models.TextField(blank=True, help_text='Why, when it may be N/A.', null=True, verbose_name='note'),
        ),
        migrations.AddField(
            model_name='levelcriterion',
            name='note_fr',
            field=models.TextField(blank=True, help_text='Why, when it may be N/A.', null=True, verbose_name='note'),
        ),
        migrations.AddField(
            model_name='leveldescriptor',
            name='text_en',
            field=models.TextField(null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='leveldescriptor',
            name='text_fr',
            field=models.TextField(null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='organisationalstructure',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='organisationalstructure',
            name='description_fr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='organisationalstructure',
            name='name_en',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='organisationalstructure',
            name='name_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='organisationalstructure',
            name='risks_en',
            field=models.TextField(blank=True, null=True, verbose_name='risks'),
        ),
        migrations.AddField(
            model_name='organisationalstructure',
            name='risks_fr',
            field=models.TextField(blank=True, null=True, verbose_name='risks'),
        ),
        migrations.AddField(
            model_name='organisationalstructure',
            name='strengths_en',
            field=models.TextField(blank=True, null=True, verbose_name='strengths'),
        ),
        migrations.AddField(
            model_name='organisationalstructure',
            name='strengths_fr',
            field=models.TextField(blank=True, null=True, verbose_name='strengths'),
        ),
        migrations.AddField(
            model_name='principle',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='principle',
            name='description_fr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='principle',
            name='name_en',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='principle',
            name='name_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='processphase',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='processphase',
            name='description_fr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='processphase',
            name='ml_use_en',
            field=models.TextField(blank=True, null=True, verbose_name='how ML is used here'),
        ),
        migrations.AddField(
            model_name='processphase',
            name='ml_use_fr',
            field=models.TextField(blank=True, null=True, verbose_name='how ML is used here'),
        ),
        migrations.AddField(
            model_name='processphase',
            name='name_en',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='processphase',
            name='name_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='processsubprocess',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='processsubprocess',
            name='description_fr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='processsubprocess',
            name='name_en',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='processsubprocess',
            name='name_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='question',
            name='help_en',
            field=models.TextField(blank=True, null=True, verbose_name='help text'),
        ),
        migrations.AddField(
            model_name='question',
            name='help_fr',
            field=models.TextField(blank=True, null=True, verbose_name='help text'),
        ),
        migrations.AddField(
            model_name='question',
            name='text_en',
            field=models.TextField(null=True, verbose_name='question'),
        ),
        migrations.AddField(
            model_name='question',
            name='text_fr',
            field=models.TextField(null=True, verbose_name='question'),
        ),
        migrations.AddField(
            model_name='role',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='role',
            name='description_fr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='role',
            name='name_en',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='role',
            name='name_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='section',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='section',
            name='description_fr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='section',
            name='name_en',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='section',
            name='name_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='structureowner',
            name='owner_en',
            field=models.TextField(null=True, verbose_name='typical owner'),
        ),
        migrations.AddField(
            model_name='structureowner',
            name='owner_fr',
            field=models.TextField(null=True, verbose_name='typical owner'),
        ),
        migrations.AddConstraint(
            model_name='level',
            constraint=models.UniqueConstraint(fields=('framework', 'name_en'), name='level_name-en'),
        ),
        migrations.AddConstraint(
            model_name='level',
            constraint=models.UniqueConstraint(fields=('framework', 'name_fr'), name='level_name-fr'),
        ),
        migrations.RunPython(copy_english, migrations.RunPython.noop),
        migrations.RunPython(after, after_reversed),
    ]
