"""The monthly summary becomes the summary cells: month cells as before, and day cells, so that
the page reads the days of the months a period covers in part from the summary, not from the
records (issue #19: 1,000,000 records on PostgreSQL). The day cells are built from the records
here (`summary_rebuild`, a month of records at a time: about two minutes at a million records)."""

from django.db import migrations, models


def build_cells(apps, schema_editor):
    # The app's own rebuild: the summary's models are exactly as this migration leaves them.
    from reintegra.insights.services.summary import summary_rebuild

    summary_rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_organisation_letterhead"),
        ("insights", "0003_open_cases_cover_index"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="casefiguresmonth", name="figures_month_org_idx"),
        migrations.RemoveIndex(model_name="casefiguresmonth", name="figures_month_cell_idx"),
        migrations.RenameModel(old_name="CaseFiguresMonth", new_name="CaseFiguresCell"),
        migrations.RenameField(model_name="casefigurescell", old_name="month", new_name="start"),
        migrations.AddField(
            model_name="casefigurescell",
            name="span",
            field=models.CharField(choices=[("month", "month"), ("day", "day")], default="month", max_length=5),
        ),
        migrations.AddIndex(
            model_name="casefigurescell",
            index=models.Index(fields=["organisation", "case_type_key", "span", "start"], name="figures_cell_org_idx"),
        ),
        migrations.AddIndex(
            model_name="casefigurescell",
            index=models.Index(
                fields=["organisation", "unit", "case_type_key", "span", "start"], name="figures_cell_idx"
            ),
        ),
        migrations.RunPython(build_cells, migrations.RunPython.noop),
    ]
