"""Demo HR data for Demo AG: 40 employees with absences, a few of whom cross each rule.

Loaded by `load_demo` (after accounts). Absences are placed relative to today; an employee
who already has absences is left alone, so loading again changes nothing.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from reintegra.accounts.models import Organisation, Unit
from reintegra.screening.models import Absence, Employee
from reintegra.screening.services.runs import screening_run

FIRST = ["Lea", "Noah", "Mia", "Luca", "Elena", "Nico", "Sara", "David", "Laura", "Jonas",
         "Nina", "Fabian", "Julia", "Marco", "Anja", "Simon", "Lara", "Reto", "Sandra", "Beat"]  # fmt: skip
LAST = ["Ammann", "Baumann", "Frei", "Gerber", "Huber", "Kaufmann", "Lehmann", "Moser", "Nussbaum",
        "Portmann", "Roth", "Schäfer", "Steiner", "Vogel", "Wyss", "Zürcher", "Bühler", "Egli", "Favre",
        "Graf"]  # fmt: skip


def _absences(index: int, today: date, rng: random.Random) -> list[tuple[date, date | None, str, int]]:
    """Who crosses what: 0–2 BEM (long illness), 3–4 IV (open for 35 days), 5–7 repeated short absences."""
    if index <= 2:
        start = today - timedelta(days=90 + index * 7)
        return [(start, start + timedelta(days=44 + index), "illness", 100)]
    if index <= 4:
        return [(today - timedelta(days=34 + index), None, "accident" if index == 4 else "illness", 50)]
    if index <= 7:
        return [
            (today - timedelta(days=d), today - timedelta(days=d - 2), "illness", 100)
            for d in (320, 250, 170, 60, 20)[: index - 1]
        ]
    # Everyone else: one to three short absences (below every threshold), some older than a year.
    found: list[tuple[date, date | None, str, int]] = []
    for _n in range(rng.randint(1, 3)):
        start = today - timedelta(days=rng.randint(10, 500))
        found.append((start, start + timedelta(days=rng.randint(0, 4)), rng.choice(["illness", "other"]), 100))
    return found


def load() -> list[str]:
    organisation = Organisation.objects.filter(name="Demo AG").first()
    if organisation is None:
        return ["screening  Demo AG missing, no employees loaded"]
    units = list(Unit.objects.filter(organisation=organisation).order_by("name"))
    rng = random.Random(17)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    created = 0
    for index in range(40):
        employee, was_created = Employee.objects.get_or_create(
            organisation=organisation,
            personnel_number=f"D{1000 + index}",
            defaults={
                "first_name": FIRST[index % len(FIRST)],
                "last_name": LAST[(index * 7) % len(LAST)],
                "birth_date": date(1965 + index % 30, 1 + index % 12, 1 + index % 28),
                "unit": units[index % len(units)] if units else None,
                "work_days_per_week": 5 if index % 4 else 4,
            },
        )
        created += was_created
        if employee.absences.exists():
            continue
        seen: set[date] = set()
        rows = []
        for start, end, kind, percent in _absences(index, today, rng):
            if start not in seen:
                seen.add(start)
                rows.append(Absence(employee=employee, start=start, end=end, kind=kind, percent=percent))
        Absence.objects.bulk_create(rows)
    hits = screening_run(organisation=organisation)
    return [f"screening  Demo AG: {created} employees created, {hits} screening hits"]
