"""The screening run: every rule of an organisation against every employee's absences, set-based.

One query reads the absences that touch the widest window, sorted by person; one pass over
those rows (grouped by person) evaluates every rule (`rules.evaluate`); the hits replace the
organisation's stored hits in bulk. No query per person or row.
"""

import time
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reintegra.accounts.models import Organisation
from reintegra.screening.models import Absence, Employee, ScreeningHit, ScreeningRule, ScreeningRun
from reintegra.screening.rules import RuleSpec, evaluate, shipped_rules

BATCH = 5000


def screening_rules_ensure_shipped(*, organisation: Organisation) -> None:
    """Give an organisation the shipped rules it does not have yet (idempotent)."""
    existing = set(ScreeningRule.objects.filter(organisation=organisation).values_list("key", flat=True))
    for spec in shipped_rules():
        if spec["key"] not in existing:
            ScreeningRule.objects.create(organisation=organisation, **spec)  # type: ignore[arg-type]


@transaction.atomic
def screening_run(*, organisation: Organisation, today: date | None = None) -> int:
    """Recompute the organisation's hits for `today` (default: the local date); returns their number."""
    began = time.perf_counter()
    today = today or timezone.localdate()
    screening_rules_ensure_shipped(organisation=organisation)
    rules = [(rule, RuleSpec.of(rule)) for rule in ScreeningRule.objects.filter(organisation=organisation, active=True)]
    hits: list[ScreeningHit] = []
    if rules:
        widest = max(spec.window_days for _rule, spec in rules)
        window_start = today - timedelta(days=widest - 1)
        kinds = sorted(set().union(*(spec.kinds for _rule, spec in rules)))
        work_days = dict(Employee.objects.filter(organisation=organisation).values_list("id", "work_days_per_week"))
        rows = (
            Absence.objects.filter(employee__organisation=organisation, start__lte=today, kind__in=kinds)
            .filter(Q(end__isnull=True) | Q(end__gte=window_start))
            .order_by("employee_id", "start")
            .values_list("employee_id", "start", "end", "kind")
            .iterator(chunk_size=BATCH)
        )
        for employee_id, group in groupby(rows, key=itemgetter(0)):
            absences = [(start, end, kind) for _id, start, end, kind in group]
            wdpw = work_days.get(employee_id, 5)
            for rule, spec in rules:
                hit = evaluate(spec, absences, today=today, work_days_per_week=wdpw)
                if hit is not None:
                    hits.append(
                        ScreeningHit(
                            organisation=organisation,
                            employee_id=employee_id,
                            rule=rule,
                            eligible_since=hit.eligible_since,
                            days=hit.days,
                            reason=hit.reason,
                            absences=[[str(s), str(e) if e else None] for s, e in hit.absences],
                            computed_on=today,
                        )
                    )
    ScreeningHit.objects.filter(organisation=organisation).delete()
    ScreeningHit.objects.bulk_create(hits, batch_size=BATCH)
    ScreeningRun.objects.update_or_create(
        organisation=organisation,
        defaults={
            "computed_on": today,
            "computed_at": timezone.now(),
            "seconds": time.perf_counter() - began,
            "hits": len(hits),
        },
    )
    return len(hits)
