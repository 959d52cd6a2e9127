"""`Case.current_phases`: the phases in progress on the case row (the list's phase filter), filled
from the `CasePhase` rows for existing cases."""

from django.db import migrations, models

PHASE_ORDER = ["intake", "assessment", "planning", "monitoring", "evaluation"]


def fill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    CasePhase = apps.get_model("cases", "CasePhase")
    keys: dict = {}
    for case_id, key in CasePhase.objects.filter(status="in_progress").values_list("case_id", "key").iterator():
        keys.setdefault(case_id, set()).add(key)
    by_value: dict = {}
    for case_id, found in keys.items():
        value = "|" + "|".join(key for key in PHASE_ORDER if key in found) + "|"
        by_value.setdefault(value, []).append(case_id)
    for value, ids in by_value.items():
        for start in range(0, len(ids), 500):
            Case.objects.filter(pk__in=ids[start : start + 500]).update(current_phases=value)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0011_corrections_amendments_restricted_notes"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="current_phases",
            field=models.CharField(blank=True, default="", editable=False, max_length=80),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
