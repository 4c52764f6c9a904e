"""Published framework versions are frozen by the database itself.

Triggers on the framework table and on every table that holds framework
content (m2m link tables included) refuse an INSERT, UPDATE or DELETE that
touches a published version. The database is the one place nothing gets
round: model save(), bulk_create, QuerySet.update() and delete(), m2m add(),
a shell session and raw SQL all end up here. capabilities/guards.py turns the
refusal into PublishedFrameworkError.

What stays allowed:
- everything on drafts, including deleting a whole draft;
- publishing (a draft row becoming published; its content is not written);
- a published row losing its ``based_on`` link when the draft it was copied
  from is deleted (on_delete=SET_NULL): its content does not change.

A row is refused when any framework it belongs to is published: an item's
own framework, and for links, descriptors and typical owners each side's, so
that a draft cannot hang anything on a published item either.

On SQLite, a later migration that rebuilds one of these tables (most
AlterField operations do) drops its triggers: recreate them in that
migration; tests/test_framework_immutability.py checks every table has them.
"""

import django.db.models.deletion
from django.db import migrations, models

FRAMEWORK = "capabilities_framework"

# Table -> the columns naming the framework items a row belongs to, each with
# the table it points to (None: the framework table itself).
CONTENT_TABLES = {
    "capabilities_level": {"framework_id": None},
    "capabilities_principle": {"framework_id": None},
    "capabilities_component": {"framework_id": None},
    "capabilities_role": {"framework_id": None},
    "capabilities_deliverabletype": {"framework_id": None},
    "capabilities_organisationalstructure": {"framework_id": None},
    "capabilities_focusarea": {"framework_id": None},
    "capabilities_processphase": {"framework_id": None},
    "capabilities_section": {"framework_id": None},
    "capabilities_capability": {
        "framework_id": None,
        "deliverable_id": "capabilities_deliverabletype",
    },
    "capabilities_question": {"framework_id": None, "section_id": "capabilities_section"},
    "capabilities_structureowner": {
        "structure_id": "capabilities_organisationalstructure",
        "deliverable_id": "capabilities_deliverabletype",
    },
    "capabilities_leveldescriptor": {
        "question_id": "capabilities_question",
        "level_id": "capabilities_level",
    },
    "capabilities_component_principles": {
        "component_id": "capabilities_component",
        "principle_id": "capabilities_principle",
    },
    "capabilities_capability_requires": {
        "from_capability_id": "capabilities_capability",
        "to_capability_id": "capabilities_capability",
    },
    "capabilities_capability_components": {
        "capability_id": "capabilities_capability",
        "component_id": "capabilities_component",
    },
    "capabilities_capability_principles": {
        "capability_id": "capabilities_capability",
        "principle_id": "capabilities_principle",
    },
    "capabilities_capability_roles": {
        "capability_id": "capabilities_capability",
        "role_id": "capabilities_role",
    },
    "capabilities_question_principles": {
        "question_id": "capabilities_question",
        "principle_id": "capabilities_principle",
    },
    "capabilities_question_components": {
        "question_id": "capabilities_question",
        "component_id": "capabilities_component",
    },
    "capabilities_question_focus_areas": {
        "question_id": "capabilities_question",
        "focusarea_id": "capabilities_focusarea",
    },
    "capabilities_question_capabilities": {
        "question_id": "capabilities_question",
        "capability_id": "capabilities_capability",
    },
}

# capabilities/guards.py recognises a refusal by this prefix.
MARKER = "published framework version: "
ADVICE = " is published and cannot be changed. Make a new draft version from it instead."
# SQLite's RAISE() takes a fixed text only, so its message cannot name the version.
SQLITE_MESSAGE = f"{MARKER}This framework version{ADVICE}"

# SQLite has no TRUNCATE: `manage.py flush` (and so the tests that use a
# transactional database) deletes row by row. While this table has a row,
# deletes are let through; only capabilities/management/commands/flush.py
# writes it, inside the flush's own transaction.
SUSPENSION = "capabilities_freeze_suspended"


def framework_ids(table: str, row: str, columns: dict | None = None) -> str:
    """SQL list of the framework ids a row (NEW or OLD) belongs to."""
    ids = []
    for column, target in (columns or CONTENT_TABLES[table]).items():
        if target is None:
            ids.append(f"{row}.{column}")
        else:
            ids.append(f"(SELECT framework_id FROM {target} WHERE id = {row}.{column})")
    return ", ".join(ids)


def published_among(ids: str) -> str:
    return f"SELECT 1 FROM {FRAMEWORK} WHERE status = 'published' AND id IN ({ids})"


SQLITE_FRAMEWORK_COLUMNS = (
    "id",
    "slug",
    "name",
    "version",
    "status",
    "description",
    "created_at",
    "published_at",
)


def sqlite_statements() -> list[str]:
    refuse = f"BEGIN SELECT RAISE(ABORT, '{SQLITE_MESSAGE}'); END"
    not_suspended = f"NOT EXISTS (SELECT 1 FROM {SUSPENSION})"
    only_based_on_cleared = " AND ".join(
        ["NEW.based_on_id IS NULL"] + [f"NEW.{c} IS OLD.{c}" for c in SQLITE_FRAMEWORK_COLUMNS]
    )
    statements = [
        f"CREATE TABLE {SUSPENSION} (reason text NOT NULL)",
        f"CREATE TRIGGER {FRAMEWORK}_frozen_update BEFORE UPDATE ON {FRAMEWORK} FOR EACH ROW "
        f"WHEN OLD.status = 'published' AND NOT ({only_based_on_cleared}) {refuse}",
        f"CREATE TRIGGER {FRAMEWORK}_frozen_delete BEFORE DELETE ON {FRAMEWORK} FOR EACH ROW "
        f"WHEN OLD.status = 'published' AND {not_suspended} {refuse}",
    ]
    for table, columns in CONTENT_TABLES.items():
        statements += sqlite_table_statements(table, columns)
    return statements


def sqlite_table_statements(table: str, columns: dict) -> list[str]:
    """The three triggers of one content table (later migrations reuse this)."""
    refuse = f"BEGIN SELECT RAISE(ABORT, '{SQLITE_MESSAGE}'); END"
    not_suspended = f"NOT EXISTS (SELECT 1 FROM {SUSPENSION})"
    new, old = framework_ids(table, "NEW", columns), framework_ids(table, "OLD", columns)
    return [
        f"CREATE TRIGGER {table}_frozen_insert BEFORE INSERT ON {table} FOR EACH ROW "
        f"WHEN EXISTS ({published_among(new)}) {refuse}",
        f"CREATE TRIGGER {table}_frozen_update BEFORE UPDATE ON {table} FOR EACH ROW "
        f"WHEN EXISTS ({published_among(f'{old}, {new}')}) {refuse}",
        f"CREATE TRIGGER {table}_frozen_delete BEFORE DELETE ON {table} FOR EACH ROW "
        f"WHEN {not_suspended} AND EXISTS ({published_among(old)}) {refuse}",
    ]


def sqlite_reverse() -> list[str]:
    statements = [
        f"DROP TRIGGER {FRAMEWORK}_frozen_update",
        f"DROP TRIGGER {FRAMEWORK}_frozen_delete",
        f"DROP TABLE {SUSPENSION}",
    ]
    for table in CONTENT_TABLES:
        statements += [f"DROP TRIGGER {table}_frozen_{op}" for op in ("insert", "update", "delete")]
    return statements


def postgresql_raise(label: str) -> str:
    return (
        "RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', "
        f"MESSAGE = '{MARKER}' || {label} || '{ADVICE}';"
    )


def postgresql_statements() -> list[str]:
    # TRUNCATE (PostgreSQL's flush) fires no row triggers, so no suspension here.
    statements = [
        f"""
        CREATE FUNCTION {FRAMEWORK}_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.status = 'published' THEN
                IF TG_OP = 'DELETE' THEN
                    {postgresql_raise("OLD.slug || ' version ' || OLD.version")}
                END IF;
                IF NEW.based_on_id IS NOT NULL
                   OR to_jsonb(NEW) - 'based_on_id' <> to_jsonb(OLD) - 'based_on_id' THEN
                    {postgresql_raise("OLD.slug || ' version ' || OLD.version")}
                END IF;
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$
        """,
        f"CREATE TRIGGER {FRAMEWORK}_frozen BEFORE UPDATE OR DELETE ON {FRAMEWORK} "
        f"FOR EACH ROW EXECUTE FUNCTION {FRAMEWORK}_frozen()",
    ]
    for table, columns in CONTENT_TABLES.items():
        statements += postgresql_table_statements(table, columns)
    return statements


def postgresql_table_statements(table: str, columns: dict) -> list[str]:
    """The trigger function and trigger of one content table."""
    label_of = f"SELECT slug || ' version ' || version FROM {FRAMEWORK} WHERE status = 'published'"
    return [
        f"""
            CREATE FUNCTION {table}_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                refused text;
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    {label_of} AND id IN ({framework_ids(table, "OLD", columns)})
                    ORDER BY id LIMIT 1 INTO refused;
                END IF;
                IF refused IS NULL AND TG_OP IN ('INSERT', 'UPDATE') THEN
                    {label_of} AND id IN ({framework_ids(table, "NEW", columns)})
                    ORDER BY id LIMIT 1 INTO refused;
                END IF;
                IF refused IS NOT NULL THEN
                    {postgresql_raise("refused")}
                END IF;
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END $$
            """,
        f"CREATE TRIGGER {table}_frozen BEFORE INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_frozen()",
    ]


def postgresql_reverse() -> list[str]:
    return [f"DROP FUNCTION {table}_frozen() CASCADE" for table in (FRAMEWORK, *CONTENT_TABLES)]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements_by_vendor:
            raise NotImplementedError(f"No publishing freeze written for {vendor}.")
        for statement in statements_by_vendor[vendor]():
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("capabilities", "0001_initial")]

    operations = [
        # Not a database change (Django applies on_delete itself); it lets a
        # whole draft be deleted, capabilities and deliverable types together.
        migrations.AlterField(
            model_name="capability",
            name="deliverable",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="capabilities",
                to="capabilities.deliverabletype",
                verbose_name="deliverable",
            ),
        ),
        migrations.RunPython(
            run({"sqlite": sqlite_statements, "postgresql": postgresql_statements}),
            run({"sqlite": sqlite_reverse, "postgresql": postgresql_reverse}),
        ),
    ]
