"""Keeping the per-case statistical records (`CaseFigures`) up to date.

One definition computes a case's record from its records (`case_figures_compute`, for any
number of cases in a fixed number of queries); the write path's last step stores it for the
case just changed (`case_figures_refresh_step`, registered with `case_touch_register`), and a
full recomputation (`case_figures_rebuild`) stores it for every case — the test pins that
both agree. A record whose case was erased (link empty) is never recomputed: it is all that is
left of the case.

Definitions (days are calendar days):
- first contact: the earliest contact note or case conference on or after the opening day;
- phase days: for each completed phase, from the completion of the phase before it (intake:
  the opening day) to its own completion, 0 when phases overlapped;
- days to close: from opening to closing (closed cases only);
- current phase: of an open case, the furthest phase in progress (intake when none is);
- return to work: the case type offers the outcomes `rtw_full`/`rtw_partial` (`bem`, `iv-early`);
- GAS: the evaluation's final T-score; WAI: the first and last scored Work Ability Index;
- absence: days of absence (any kind, each day once) of the client as an employee (screening
  data) in the 365 days before opening and the 365 days after closing (up to today);
- costs: the sums of the measures' planned and actual costs, also per cost bearer;
- satisfaction: the item values of the last answered satisfaction questionnaire.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reintegra.cases.models import PHASE_ORDER, Case, CaseNote, CasePhase, Evaluation, Intake, NoteKind, PhaseStatus
from reintegra.insights.models import CaseFigures, CaseFiguresAnswer, CaseFiguresCost
from reintegra.insights.services.summary import Cell, record_cells, summary_rebuild, summary_refresh_cells
from reintegra.plans.models import Measure
from reintegra.questionnaires.models import Response
from reintegra.screening.models import Absence, Employee

RTW_OUTCOMES = ("rtw_full", "rtw_partial")
CONTACT_KINDS = (NoteKind.CONTACT, NoteKind.CASE_CONFERENCE)
WAI_KEY = "wai"
SATISFACTION_KEY = "satisfaction"
ABSENCE_WINDOW_DAYS = 365
BATCH = 500

FIELDS = [
    "organisation_id",
    "unit_id",
    "case_manager_id",
    "case_type_key",
    "rtw_applicable",
    "opened_on",
    "closed_on",
    "current_phase",
    "first_contact_days",
    "days_intake",
    "days_assessment",
    "days_planning",
    "days_monitoring",
    "days_evaluation",
    "days_to_close",
    "outcome",
    "not_admitted",
    "gas_t_score",
    "wai_first",
    "wai_last",
    "wai_responses",
    "absence_days_before",
    "absence_days_after",
    "planned_cost",
    "actual_cost",
    "has_costs",
]
# Not fields of the record but its rows: costs per bearer and the satisfaction answers.
ROWS = ("costs", "answers")


def _days(later: date, earlier: date) -> int:
    return max((later - earlier).days, 0)


def _absence_days(spans: list[tuple[date, date | None]], first: date, last: date, today: date) -> int:
    """Days within first..last (inclusive, not after today) on which at least one span was open."""
    last = min(last, today)
    covered: set[date] = set()
    for start, end in spans:
        begin, finish = max(start, first), min(end or today, last)
        day = begin
        while day <= finish:
            covered.add(day)
            day += timedelta(days=1)
    return len(covered)


def _phases(case_ids: list[Any]) -> dict[Any, dict[str, tuple[str, date | None]]]:
    found: dict[Any, dict[str, tuple[str, date | None]]] = defaultdict(dict)
    for case_id, key, status, completed_on in CasePhase.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "key", "status", "completed_on"
    ):
        found[case_id][key] = (status, completed_on)
    return found


def _phase_days(opened_on: date, phases: dict[str, tuple[str, date | None]]) -> dict[str, int]:
    result: dict[str, int] = {}
    start = opened_on
    for key in PHASE_ORDER:
        status, completed_on = phases.get(key, (PhaseStatus.NOT_STARTED, None))
        if status == PhaseStatus.DONE and completed_on is not None:
            result[key] = _days(completed_on, start)
            start = max(start, completed_on)
    return result


def _current_phase(phases: dict[str, tuple[str, date | None]]) -> str:
    in_progress = [key for key in PHASE_ORDER if phases.get(key, ("", None))[0] == PhaseStatus.IN_PROGRESS]
    return in_progress[-1] if in_progress else PHASE_ORDER[0]


def _first_contacts(cases: dict[Any, Case]) -> dict[Any, date]:
    found: dict[Any, date] = {}
    rows = (
        CaseNote.objects.filter(case_id__in=list(cases), kind__in=CONTACT_KINDS)
        .order_by("occurred_on")
        .values_list("case_id", "occurred_on")
    )
    for case_id, occurred_on in rows:
        if case_id not in found and occurred_on >= cases[case_id].opened_on:
            found[case_id] = occurred_on
    return found


def _costs(case_ids: list[Any]) -> dict[Any, tuple[Decimal, Decimal, dict[str, tuple[Decimal, Decimal]]]]:
    sums: dict[Any, dict[str, list[Decimal]]] = defaultdict(lambda: defaultdict(lambda: [Decimal(0), Decimal(0)]))
    rows = Measure.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "cost_bearer", "planned_cost", "actual_cost"
    )
    for case_id, bearer, planned, actual in rows:
        if planned is None and actual is None:
            continue
        cell = sums[case_id][bearer or "other"]
        cell[0] += planned or Decimal(0)
        cell[1] += actual or Decimal(0)
    result = {}
    for case_id, bearers in sums.items():
        planned = sum((cell[0] for cell in bearers.values()), Decimal(0))
        actual = sum((cell[1] for cell in bearers.values()), Decimal(0))
        by_bearer = {bearer: (cell[0], cell[1]) for bearer, cell in sorted(bearers.items())}
        result[case_id] = (planned, actual, by_bearer)
    return result


def _questionnaires(case_ids: list[Any]) -> tuple[dict[Any, list[float]], dict[Any, dict[str, float]]]:
    wai: dict[Any, list[float]] = defaultdict(list)
    satisfaction: dict[Any, dict[str, float]] = {}
    rows = (
        Response.objects.filter(
            case_id__in=case_ids, declined=False, questionnaire__key__in=(WAI_KEY, SATISFACTION_KEY)
        )
        .order_by("answered_on", "created_at")
        .values_list("case_id", "questionnaire__key", "score", "id")
    )
    last_satisfaction: dict[Any, Any] = {}
    for case_id, key, score, response_id in rows:
        if key == WAI_KEY and score is not None:
            wai[case_id].append(float(score))
        elif key == SATISFACTION_KEY:
            last_satisfaction[case_id] = response_id
    if last_satisfaction:
        # The answers are encrypted: only the satisfaction responses are decrypted, and only
        # their numeric values are kept.
        for response in Response.objects.filter(pk__in=list(last_satisfaction.values())).only("case_id", "answers"):
            answers = response.answers if isinstance(response.answers, dict) else {}
            values = {}
            for key, value in answers.items():
                if isinstance(value, bool):
                    continue
                try:
                    values[key] = float(value)
                except (TypeError, ValueError):
                    continue
            satisfaction[response.case_id] = dict(sorted(values.items()))
    return wai, satisfaction


def _absences(cases: dict[Any, Case]) -> dict[Any, list[tuple[date, date | None]]]:
    """The absence spans of each case's client as an employee; cases without absence data are left out."""
    by_client: dict[Any, list[Any]] = defaultdict(list)
    for case in cases.values():
        by_client[case.client_id].append(case.pk)
    employees = dict(Employee.objects.filter(client_id__in=list(by_client)).values_list("id", "client_id"))
    spans: dict[Any, list[tuple[date, date | None]]] = {
        case_id: [] for client_id in set(employees.values()) for case_id in by_client[client_id]
    }
    rows = Absence.objects.filter(employee_id__in=list(employees)).values_list("employee_id", "start", "end")
    for employee_id, start, end in rows:
        for case_id in by_client[employees[employee_id]]:
            spans[case_id].append((start, end))
    return spans


def case_figures_compute(case_ids: Iterable[Any], *, today: date | None = None) -> dict[Any, dict[str, Any]]:
    """The statistical record of each case (field → value), from its records; a fixed number of
    queries for any number of cases."""
    ids = list(case_ids)
    if not ids:
        return {}
    today = today or timezone.localdate()
    cases = {
        case.pk: case
        for case in Case.objects.filter(pk__in=ids)
        .select_related("case_type")
        .only(
            "id",
            "organisation_id",
            "unit_id",
            "case_manager_id",
            "client_id",
            "status",
            "opened_on",
            "closed_on",
            "case_type__key",
            "case_type__outcomes",
        )  # fmt: skip
    }
    phases = _phases(ids)
    contacts = _first_contacts(cases)
    evaluations = {
        case_id: (outcome, t_score)
        for case_id, outcome, t_score in Evaluation.objects.filter(case_id__in=ids).values_list(
            "case_id", "outcome", "t_score"
        )
    }
    not_admitted = set(
        Intake.objects.filter(case_id__in=ids, decision="not_admitted").values_list("case_id", flat=True)
    )
    costs = _costs(ids)
    wai, satisfaction = _questionnaires(ids)
    absences = _absences(cases)
    result: dict[Any, dict[str, Any]] = {}
    for case_id, case in cases.items():
        closed_on = case.closed_on if case.status == "closed" else None
        outcomes = case.case_type.outcomes or []
        planned, actual, by_bearer = costs.get(case_id, (Decimal(0), Decimal(0), {}))
        scores = wai.get(case_id, [])
        spans = absences.get(case_id)
        before = after = None
        if spans is not None:
            before = _absence_days(
                spans, case.opened_on - timedelta(days=ABSENCE_WINDOW_DAYS), case.opened_on - timedelta(days=1), today
            )
            if closed_on is not None:
                after = _absence_days(
                    spans, closed_on + timedelta(days=1), closed_on + timedelta(days=ABSENCE_WINDOW_DAYS), today
                )
        contact = contacts.get(case_id)
        phase_days = _phase_days(case.opened_on, phases.get(case_id, {}))
        result[case_id] = {
            "organisation_id": case.organisation_id,
            "unit_id": case.unit_id,
            "case_manager_id": case.case_manager_id,
            "case_type_key": case.case_type.key,
            "rtw_applicable": any(outcome in outcomes for outcome in RTW_OUTCOMES),
            "opened_on": case.opened_on,
            "closed_on": closed_on,
            "current_phase": "" if closed_on else _current_phase(phases.get(case_id, {})),
            "first_contact_days": _days(contact, case.opened_on) if contact else None,
            **{f"days_{key}": phase_days.get(key) for key in PHASE_ORDER},
            "days_to_close": _days(closed_on, case.opened_on) if closed_on else None,
            "outcome": (evaluations.get(case_id, ("", None))[0] or "") if closed_on else "",
            "not_admitted": case_id in not_admitted,
            "gas_t_score": evaluations.get(case_id, ("", None))[1],
            "wai_first": scores[0] if scores else None,
            "wai_last": scores[-1] if scores else None,
            "wai_responses": len(scores),
            "absence_days_before": before,
            "absence_days_after": after,
            "planned_cost": planned,
            "actual_cost": actual,
            "has_costs": bool(by_bearer),
            "costs": by_bearer,
            "answers": satisfaction.get(case_id, {}),
        }
    return result


def _store(values: dict[Any, dict[str, Any]]) -> set[Cell]:
    """Store the records; the summary cells they were in and are in now (to recompute)."""
    now = timezone.now()
    touched = record_cells(CaseFigures.objects.filter(case_id__in=list(values)))
    existing = {
        case_id: pk for pk, case_id in CaseFigures.objects.filter(case_id__in=list(values)).values_list("pk", "case_id")
    }
    updates, creates = [], []
    for case_id, fields in values.items():
        row = CaseFigures(case_id=case_id, refreshed_at=now, **{name: fields[name] for name in FIELDS})
        if case_id in existing:
            row.pk = existing[case_id]
            updates.append(row)
        else:
            creates.append(row)
    if creates:
        CaseFigures.objects.bulk_create(creates, batch_size=BATCH)
    if updates:
        CaseFigures.objects.bulk_update(updates, [*FIELDS, "refreshed_at"], batch_size=BATCH)
    rows = {row.case_id: row.pk for row in [*creates, *updates]}
    CaseFiguresCost.objects.filter(figures_id__in=list(rows.values())).delete()
    CaseFiguresAnswer.objects.filter(figures_id__in=list(rows.values())).delete()
    CaseFiguresCost.objects.bulk_create(
        [
            CaseFiguresCost(figures_id=rows[case_id], bearer=bearer, planned=planned, actual=actual)
            for case_id, fields in values.items()
            for bearer, (planned, actual) in fields["costs"].items()
        ],
        batch_size=BATCH,
    )
    CaseFiguresAnswer.objects.bulk_create(
        [
            CaseFiguresAnswer(figures_id=rows[case_id], item=item, value=value)
            for case_id, fields in values.items()
            for item, value in fields["answers"].items()
        ],
        batch_size=BATCH,
    )
    return touched | record_cells(CaseFigures.objects.filter(pk__in=list(rows.values())))


def case_figures_refresh(*, case_ids: Iterable[Any], today: date | None = None) -> int:
    """Recompute and store the records of these cases (in one transaction); the count stored."""
    ids = list(case_ids)
    with transaction.atomic():
        touched: set[Cell] = set()
        for start in range(0, len(ids), BATCH):
            touched |= _store(case_figures_compute(ids[start : start + BATCH], today=today))
        summary_refresh_cells(touched)
    return len(ids)


def case_figures_refresh_step(case_id: Any) -> None:
    """The write path's last step (registered with `cases.services.common.case_touch_register`):
    the record of the case just changed and its summary cells, in the change's transaction."""
    summary_refresh_cells(_store(case_figures_compute([case_id])))


def case_figures_rebuild(*, organisation_id: Any = None, today: date | None = None) -> int:
    """A full recomputation: every case's record (of one organisation, or of all), then the whole
    summary (also the cells that hold only erased cases' records)."""
    cases = Case.objects.all()
    if organisation_id is not None:
        cases = cases.filter(organisation_id=organisation_id)
    with transaction.atomic():
        count = case_figures_refresh(case_ids=list(cases.order_by("pk").values_list("pk", flat=True)), today=today)
        summary_rebuild(organisation_id=organisation_id)
    return count


def case_figures_refresh_with_absences(*, today: date | None = None) -> int:
    """The daily job: the records of cases whose absence windows still move — open, or closed
    within the last year — and whose client has absence data (imports touch no case)."""
    today = today or timezone.localdate()
    recent = today - timedelta(days=ABSENCE_WINDOW_DAYS + 1)
    ids = (
        Case.objects.filter(client__employees__isnull=False)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=recent))
        .values_list("pk", flat=True)
        .distinct()
    )
    return case_figures_refresh(case_ids=list(ids), today=today)


def case_figures_release(*, case_ids: Iterable[Any]) -> int:
    """For erasure (data retention): bring the records of these cases up to date one last time,
    then keep them as anonymous statistical records — the link to the case emptied and the opening
    and closing dates reduced to their month (durations stay exact). Call it before the cases are
    deleted; deleting a case without it also keeps the record (the link is `SET_NULL`), with its
    days. Returns the number of records released."""
    ids = list(case_ids)
    case_figures_refresh(case_ids=ids)
    released = 0
    records = list(CaseFigures.objects.filter(case_id__in=ids))
    touched = record_cells(CaseFigures.objects.filter(pk__in=[record.pk for record in records]))  # their days
    for record in records:
        record.case = None
        record.opened_on = record.opened_on.replace(day=1)
        record.closed_on = record.closed_on.replace(day=1) if record.closed_on else None
        record.save(update_fields=["case", "opened_on", "closed_on"])
        released += 1
    # The day cells they leave, and those of the first of their months they join.
    summary_refresh_cells(touched | record_cells(CaseFigures.objects.filter(pk__in=[record.pk for record in records])))
    return released
