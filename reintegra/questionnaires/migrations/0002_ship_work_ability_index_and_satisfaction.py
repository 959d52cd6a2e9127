"""Ship the Work Ability Index and Reintegra's own satisfaction questionnaire to every installation.

The definitions are literal data in `reintegra/questionnaires/shipped/*.json` (read here,
no app code imported). Those two files are frozen with this migration: a changed
instrument ships as a new file (new key or edition) with a new migration.

Forward: create both as shipped questionnaires (organisation empty); an installation that
already has them (same key, shipped) is left as it is. Reverse: delete them again; this
fails (PROTECT) when responses were recorded with them, on purpose: case data is never
deleted by a migration.

Work Ability Index (WAI): seven dimensions in ten questions, total 7–49. The wording is
our own (German); structure and scoring follow
- K. Tuomi, J. Ilmarinen, A. Jahkola, L. Katajarinne, A. Tulkki: Work Ability Index,
  2nd revised edition, Finnish Institute of Occupational Health, Helsinki 1998;
- H. M. Hasselhorn, G. Freude: Der Work Ability Index – ein Leitfaden, Schriftenreihe der
  BAuA, Sonderschrift S 87, Dortmund/Berlin/Dresden 2007 (the binding German version);
- the BAuA's WAI calculator and the WAI network's online form (Bergische Universität
  Wuppertal), which ask the kind of work first, as we do.

Points per dimension, as the scoring expression computes them:
1. current work ability compared with the lifetime best: 0–10;
2. work ability in relation to the demands: physical and mental demands each 1–5
   (very poor … very good), weighted by the kind of work: mainly physical = physical × 1.5
   + mental × 0.5, mainly mental = physical × 0.5 + mental × 1.5, both = unweighted; 2–10,
   in half points. The job-type item's option value is the weight of the physical answer,
   the mental answer gets (2 − weight): `wai_q2_physical * w + wai_q2_mental * (2 - w)`;
3. current diseases diagnosed by a physician (the disease list is condensed to a count):
   none 7, one 5, two 4, three 3, four 2, five or more 1;
4. estimated impairment due to diseases: 6 (none) … 1 (fully unable to work);
5. sick leave in the past 12 months: none 5, ≤ 9 days 4, 10–24 days 3, 25–99 days 2,
   100–365 days 1;
6. own prognosis of work ability in two years: unlikely 1, not certain 4, fairly certain 7;
7. mental resources: three questions 0–4 each, summed 0–12 and mapped 0–3 → 1, 4–6 → 2,
   7–9 → 3, 10–12 → 4, which `max(1, round((a + b + c + 1) / 3))` computes exactly.
Bands (Tuomi et al.): poor 7 to < 28 (restore), moderate 28 to < 37 (improve),
good 37 to < 44 (support), excellent ≥ 44 (maintain).

Satisfaction: Reintegra's own eight statements on a 1–4 agreement scale; the score is the
mean. It does not use the wording of CSQ-8 or ZUF-8, which are licensed per use.
"""

import json
import uuid
from decimal import Decimal
from pathlib import Path

from django.db import migrations

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "shipped"
FILES = ["work_ability_index.json", "satisfaction.json"]


def _decimal(value):
    return None if value is None else Decimal(str(value))


def _definitions():
    for name in FILES:
        with (SHIPPED_DIR / name).open(encoding="utf-8") as handle:
            yield json.load(handle)


def ship(apps, schema_editor):
    Questionnaire = apps.get_model("questionnaires", "Questionnaire")
    Item = apps.get_model("questionnaires", "Item")
    Option = apps.get_model("questionnaires", "Option")
    Band = apps.get_model("questionnaires", "Band")
    for data in _definitions():
        if Questionnaire.objects.filter(organisation__isnull=True, key=data["key"]).exists():
            continue
        questionnaire = Questionnaire.objects.create(
            id=uuid.uuid4(),
            organisation=None,
            key=data["key"],
            name=data["name"],
            description=data.get("description", ""),
            licence_note=data.get("licence_note", ""),
            instrument_version=data.get("instrument_version", ""),
            language=data.get("language", "de"),
            phase=data.get("phase", ""),
            scoring=data["scoring"],
            active=True,
        )
        for order, item_data in enumerate(data["items"], start=1):
            item = Item.objects.create(
                id=uuid.uuid4(),
                questionnaire=questionnaire,
                order=order,
                key=item_data["key"],
                text=item_data["text"],
                hint=item_data.get("hint", ""),
                kind=item_data["kind"],
                required=item_data.get("required", True),
                min_value=_decimal(item_data.get("min_value")),
                max_value=_decimal(item_data.get("max_value")),
            )
            Option.objects.bulk_create(
                Option(id=uuid.uuid4(), item=item, order=position, label=o["label"], value=_decimal(o["value"]))
                for position, o in enumerate(item_data.get("options", []), start=1)
            )
        Band.objects.bulk_create(
            Band(
                id=uuid.uuid4(),
                questionnaire=questionnaire,
                key=b["key"],
                label=b["label"],
                min_score=_decimal(b["min"]),
                max_score=_decimal(b.get("max")),
                action=b.get("action", ""),
            )
            for b in data.get("bands", [])
        )


def unship(apps, schema_editor):
    Questionnaire = apps.get_model("questionnaires", "Questionnaire")
    keys = [data["key"] for data in _definitions()]
    for questionnaire in Questionnaire.objects.filter(organisation__isnull=True, key__in=keys):
        questionnaire.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaires", "0001_questionnaire_definitions_and_responses"),
    ]

    operations = [
        migrations.RunPython(ship, unship),
    ]
