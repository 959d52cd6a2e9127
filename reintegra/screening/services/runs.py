"""The screening run: every rule of an organisation against every employee's absences, set-based.

One query reads the absences that touch the widest window, sorted by person; one pass over
those rows (grouped by person) evaluates every rule (`rules.evaluate`); the hits replace the
organisation's stored hits in bulk, and two set-based UPDATEs take off the list whoever has a
recent invitation or an open case for the rule. No query per person or row.

The rows are read and written through the cursor with the SQL the ORM compiles: at a million
rows, turning every UUID and date into Python objects and every hit into a model instance
would cost more than the counting itself (measured: two thirds of the run).
"""

import time
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from reintegra.accounts.models import Organisation
from reintegra.cases.models import Case, CaseStatus
from reintegra.screening.models import Absence, Employee, Invitation, ScreeningHit, ScreeningRule, ScreeningRun
from reintegra.screening.rules import RuleSpec, evaluate, shipped_rules

BATCH = 5000


def screening_rules_ensure_shipped(*, organisation: Organisation) -> None:
    """Give an organisation the shipped rules it does not have yet (idempotent)."""
    existing = set(ScreeningRule.objects.filter(organisation=organisation).values_list("key", flat=True))
    for spec in shipped_rules():
        if spec["key"] not in existing:
            ScreeningRule.objects.create(organisation=organisation, **spec)  # type: ignore[arg-type]


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _rows(queryset: Any) -> Any:
    """The rows of a values_list queryset as the driver returns them (no per-value conversion)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(BATCH):
            yield from chunk


def _insert_hits(rows: list[tuple[Any, ...]]) -> None:
    meta = ScreeningHit._meta
    quote = connection.ops.quote_name
    columns = ["organisation_id", "employee_id", "rule_id", "eligible_since", "days", "reason", "absences",
               "computed_on", "listed"]  # fmt: skip
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the model, values as parameters
        quote(meta.db_table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _fold(name: str) -> str:
    """A name as the match compares it: case folded, surrounding blanks dropped (Müller = MÜLLER = müller)."""
    return " ".join(name.split()).casefold()


def _person_key(first_name: str, last_name: str, birth_date: date | None) -> tuple[str, str, date] | None:
    """What an employee and a client share: the birth date and the folded names (None without a birth date)."""
    return None if birth_date is None else (_fold(first_name), _fold(last_name), birth_date)


def employee_has_open_case(employee: Employee, case_type_key: str) -> bool:
    """Whether the employee has an open case of this type: linked when an invitation was accepted
    (`Employee.client`), or — a case opened by hand, from an inquiry or before the import — a client of
    the same organisation with the same birth date and the same first and last name (case folded). HR
    data carries no client id and the client no personnel number, so name and birth date are what the
    two share; without a birth date only the link counts."""
    cases = Case.objects.filter(
        status=CaseStatus.OPEN, organisation_id=employee.organisation_id, case_type__key=case_type_key
    )
    if employee.client_id is not None and cases.filter(client_id=employee.client_id).exists():
        return True
    key = _person_key(employee.first_name, employee.last_name, employee.birth_date)
    if key is None:
        return False
    found = cases.filter(client__birth_date=employee.birth_date).values_list("client__first_name", "client__last_name")
    return any(_person_key(first, last, employee.birth_date) == key for first, last in found)


def _unlist_open_cases(organisation: Organisation) -> None:
    """Off the list: whoever has an open case of the rule's type (`employee_has_open_case`, set-based).

    The open cases are few (hundreds) next to the hits (tens of thousands): read them once, match the
    listed people to them in Python, and take the matches off with one UPDATE per case type — instead of a
    subquery per hit that would walk the open cases for every one."""
    open_cases = Case.objects.filter(organisation=organisation, status=CaseStatus.OPEN).values_list(
        "case_type__key", "client_id", "client__first_name", "client__last_name", "client__birth_date"
    )
    by_client: dict[Any, set[str]] = {}
    by_person: dict[tuple[str, str, date], set[str]] = {}
    for type_key, client_id, first, last, birth in open_cases:
        by_client.setdefault(client_id, set()).add(type_key)
        person = _person_key(first, last, birth)
        if person is not None:
            by_person.setdefault(person, set()).add(type_key)
    if not by_client:
        return
    listed = (
        ScreeningHit.objects.filter(organisation=organisation, listed=True)
        .values_list("employee_id", "employee__client_id", "employee__first_name", "employee__last_name",
                     "employee__birth_date")
        .distinct()
    )  # fmt: skip
    off: dict[str, set[Any]] = {}
    for employee_id, client_id, first, last, birth in listed:
        types = set(by_client.get(client_id, ())) if client_id is not None else set()
        person = _person_key(first, last, birth)
        if person is not None:
            types |= by_person.get(person, set())
        for type_key in types:
            off.setdefault(type_key, set()).add(employee_id)
    for type_key, employees in off.items():
        ids = sorted(employees, key=str)
        for start in range(0, len(ids), 500):
            ScreeningHit.objects.filter(
                organisation=organisation,
                listed=True,
                rule__case_type_key=type_key,
                employee_id__in=ids[start : start + 500],
            ).update(listed=False)


def _unlist_invited_and_open(organisation: Organisation, today: date) -> None:
    """Off the list: a pending or answered invitation for the rule within 365 days, or an open case of its type
    (however it was opened: `employee_has_open_case`)."""
    hits = ScreeningHit.objects.filter(organisation=organisation)
    recent = Invitation.objects.filter(
        employee=OuterRef("employee"), rule=OuterRef("rule"), invited_on__gt=today - timedelta(days=365)
    )
    hits.filter(Exists(recent)).update(listed=False)
    _unlist_open_cases(organisation)


def hits_unlist_for_case(event: Any) -> None:
    """Registered as a case event listener: a case opened (or reopened) by any path takes its client off
    the screening list for the rules of its case type at once, not only after the next run."""
    if event.kind not in ("case_created", "case_reopened"):
        return
    case = Case.objects.filter(pk=event.case_id).select_related("client", "case_type").first()
    if case is None or case.status != CaseStatus.OPEN:
        return
    client = case.client
    person = _person_key(client.first_name, client.last_name, client.birth_date)
    same_person = Q(client_id=client.pk)
    if person is not None:
        namesakes = Employee.objects.filter(organisation_id=case.organisation_id, birth_date=client.birth_date)
        matched = [pk for pk, first, last in namesakes.values_list("pk", "first_name", "last_name")
                   if _person_key(first, last, client.birth_date) == person]  # fmt: skip
        same_person |= Q(pk__in=matched)
    employees = Employee.objects.filter(organisation_id=case.organisation_id).filter(same_person).values("pk")
    ScreeningHit.objects.filter(
        organisation_id=case.organisation_id,
        listed=True,
        employee_id__in=employees,
        rule__case_type_key=case.case_type.key,
    ).update(listed=False)


@transaction.atomic
def screening_run(*, organisation: Organisation, today: date | None = None) -> int:
    """Recompute the organisation's hits for `today` (default: the local date); returns their number."""
    began = time.perf_counter()
    today = today or timezone.localdate()
    screening_rules_ensure_shipped(organisation=organisation)
    rules = [(rule, RuleSpec.of(rule)) for rule in ScreeningRule.objects.filter(organisation=organisation, active=True)]
    prep = connection.ops
    fields: dict[str, Any] = {name: ScreeningHit._meta.get_field(name) for name in ("organisation", "rule", "absences")}
    organisation_db = fields["organisation"].get_db_prep_value(organisation.pk, connection)
    rule_db = {rule.pk: fields["rule"].get_db_prep_value(rule.pk, connection) for rule, _spec in rules}
    today_db = prep.adapt_datefield_value(today)
    hits: list[tuple[Any, ...]] = []
    if rules:
        widest = max(spec.window_days for _rule, spec in rules)
        window_start = today - timedelta(days=widest - 1)
        kinds = sorted(set().union(*(spec.kinds for _rule, spec in rules)))
        work_days = dict(
            _rows(Employee.objects.filter(organisation=organisation).values_list("id", "work_days_per_week"))
        )
        absences = (
            Absence.objects.filter(employee__organisation=organisation, start__lte=today, kind__in=kinds)
            .filter(Q(end__isnull=True) | Q(end__gte=window_start))
            .order_by("employee_id", "start")
            .values_list("employee_id", "start", "end", "kind")
        )
        for employee_key, group in groupby(_rows(absences), key=itemgetter(0)):
            found = [(_as_date(start), _as_date(end) if end else None, kind) for _key, start, end, kind in group]
            wdpw = work_days.get(employee_key, 5)
            for rule, spec in rules:
                hit = evaluate(spec, found, today=today, work_days_per_week=wdpw)
                if hit is None:
                    continue
                contributing = [[str(s), str(e) if e else None] for s, e in hit.absences]
                hits.append(
                    (
                        organisation_db,
                        employee_key,
                        rule_db[rule.pk],
                        prep.adapt_datefield_value(hit.eligible_since),
                        hit.days,
                        hit.reason,
                        fields["absences"].get_db_prep_value(contributing, connection),
                        today_db,
                        True,
                    )
                )
    ScreeningHit.objects.filter(organisation=organisation)._raw_delete(connection.alias)  # type: ignore[attr-defined]
    _insert_hits(hits)
    _unlist_invited_and_open(organisation, today)
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
