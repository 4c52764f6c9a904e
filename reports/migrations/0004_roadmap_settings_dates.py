"""Roadmaps in time: a start date and a capacity on the roadmap; the phase of
an entry is planned from those each time it is shown, so it is no longer
stored. A phase the owner had chosen becomes the dates of that quarter."""

from datetime import date, timedelta

import django.core.validators
from django.db import migrations, models

# As reports.roadmap at the time of writing, copied so that later changes
# there do not change what this migration did.
QUARTERS = {"S": 1, "M": 2, "L": 3, "XL": 4}


def quarter_first_day(number):
    return date(number // 4, number % 4 * 3 + 1, 1)


def quarter_number(day):
    return day.year * 4 + (day.month - 1) // 3


def next_quarter_start(today):
    return quarter_first_day(quarter_number(today) + 1)


def planned_end(start, effort):
    # Entries without dates start on a quarter's first day: ends on a quarter's last.
    return quarter_first_day(quarter_number(start) + QUARTERS.get(effort, 2)) - timedelta(days=1)


def settings_and_dates(apps, schema_editor):
    Roadmap = apps.get_model("reports", "Roadmap")
    RoadmapEntry = apps.get_model("reports", "RoadmapEntry")
    for roadmap in Roadmap.objects.all():
        roadmap.start_date = next_quarter_start(roadmap.generated_at.date())
        roadmap.save(update_fields=["start_date"])
        first = quarter_number(roadmap.start_date)
        edited = RoadmapEntry.objects.filter(roadmap=roadmap, version__gt=0, start_date=None)
        for entry in edited:
            entry.start_date = quarter_first_day(first + entry.phase - 1)
            if entry.end_date is None or entry.end_date < entry.start_date:
                entry.end_date = planned_end(entry.start_date, entry.effort)
            entry.save(update_fields=["start_date", "end_date"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_storedreport")]

    operations = [
        migrations.AddField(
            model_name="roadmap",
            name="start_date",
            field=models.DateField(null=True, verbose_name="start"),
        ),
        migrations.AddField(
            model_name="roadmap",
            name="capacity",
            field=models.PositiveSmallIntegerField(
                default=6,
                help_text="Effort points the office can run at the same time (S 1, M 2, L 3, XL 5).",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(99),
                ],
                verbose_name="work at once",
            ),
        ),
        migrations.RunPython(settings_and_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="roadmap",
            name="start_date",
            field=models.DateField(verbose_name="start"),
        ),
        migrations.AlterModelOptions(
            name="roadmapentry",
            options={
                "ordering": ["roadmap", "position"],
                "verbose_name": "roadmap item",
                "verbose_name_plural": "roadmap items",
            },
        ),
        migrations.RemoveField(model_name="roadmapentry", name="phase"),
    ]
