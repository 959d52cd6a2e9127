"""Due dates: the one computation behind monitoring, the reminders (and so the inbox) and the calendar.

Every reader of "what is due when" asks this module, so a reminder's "due on" is always the
date the plan shows and monitoring lists:

- measures: the measure's `due_date`, while it is neither done nor cancelled, on an open case;
- reviews: the plan's next review date (`Plan.next_review_on`), on an open case — a plan without
  a review schedule has no review due, so no review reminder either;
- aftercare follow-ups: the evaluation's `follow_up_on` when aftercare is needed (closed cases
  too), until an aftercare note is dated on or after it.

`measure_rows`, `review_rows` and `follow_up_rows` are the querysets (cases as a `Q` on
`case_id`, optionally up to a date), for lists and counts in SQL; `case_due_dates`,
`due_dates` and `user_due_dates` (a person's own cases, for the calendar feed) turn them into
`DueDate`s; `review_due_on` and `follow_up_due_on` give one case's date for its reminder.
Read-only: nothing here writes.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from reintegra.cases.models import Case, CaseNote, CaseStatus, Evaluation, NoteKind
from reintegra.plans.models import Measure, MeasureStatus, Plan


class DueKind:
    MEASURE = "measure"
    REVIEW = "review"
    FOLLOW_UP = "follow_up"


DUE_KINDS = (DueKind.MEASURE, DueKind.REVIEW, DueKind.FOLLOW_UP)
# The field holding each kind's date.
DATE_FIELD = {DueKind.MEASURE: "due_date", DueKind.REVIEW: "next_review_on", DueKind.FOLLOW_UP: "follow_up_on"}
# The status of the cases a kind concerns (None: any; follow-ups come after the closure).
CASE_STATUS: dict[str, str | None] = {
    DueKind.MEASURE: CaseStatus.OPEN,
    DueKind.REVIEW: CaseStatus.OPEN,
    DueKind.FOLLOW_UP: None,
}


@dataclass(frozen=True)
class DueDate:
    """One thing due: its kind, the record (measure, plan or case for a follow-up), its case and date."""

    kind: str
    object_id: str
    case_id: str
    date: date
    title: str = ""


def _until(rows: QuerySet, field: str, until: date | None) -> QuerySet:
    return rows.filter(**{f"{field}__lte": until}) if until is not None else rows


def measure_rows(cases: Q, until: date | None = None) -> QuerySet[Measure]:
    """Measures still to be done (neither done nor cancelled) on open cases."""
    rows = Measure.objects.filter(cases, case__status=CaseStatus.OPEN, due_date__isnull=False).exclude(
        status__in=[MeasureStatus.DONE, MeasureStatus.CANCELLED]
    )
    return _until(rows, "due_date", until)


def review_rows(cases: Q, until: date | None = None) -> QuerySet[Plan]:
    """Plans of open cases with a next review date (no schedule, no review due)."""
    rows = Plan.objects.filter(cases, case__status=CaseStatus.OPEN, next_review_on__isnull=False)
    return _until(rows, "next_review_on", until)


def follow_up_rows(cases: Q, until: date | None = None) -> QuerySet[Evaluation]:
    """Evaluations asking for an aftercare follow-up not yet noted (no aftercare note on or after it)."""
    noted = CaseNote.objects.filter(
        case=OuterRef("case"), kind=NoteKind.AFTERCARE, occurred_on__gte=OuterRef("follow_up_on")
    )
    rows = Evaluation.objects.filter(cases, aftercare_needed=True, follow_up_on__isnull=False).filter(~Exists(noted))
    return _until(rows, "follow_up_on", until)


ROWS = {DueKind.MEASURE: measure_rows, DueKind.REVIEW: review_rows, DueKind.FOLLOW_UP: follow_up_rows}


def due_dates(cases: Q, *, until: date | None = None, kinds: tuple[str, ...] = DUE_KINDS) -> list[DueDate]:
    """Everything due on the cases (a `Q` on `case_id`), in date order: one query per kind."""
    found: list[DueDate] = []
    if DueKind.MEASURE in kinds:
        for pk, case_id, day, title in measure_rows(cases, until).values_list("pk", "case_id", "due_date", "title"):
            found.append(DueDate(DueKind.MEASURE, str(pk), str(case_id), day, title))
    if DueKind.REVIEW in kinds:
        for pk, case_id, review_on in review_rows(cases, until).values_list("pk", "case_id", "next_review_on"):
            if review_on is not None:  # filtered in SQL; for the type checker
                found.append(DueDate(DueKind.REVIEW, str(pk), str(case_id), review_on))
    if DueKind.FOLLOW_UP in kinds:
        for case_id, follow_up_on in follow_up_rows(cases, until).values_list("case_id", "follow_up_on"):
            if follow_up_on is not None:  # filtered in SQL; for the type checker
                found.append(DueDate(DueKind.FOLLOW_UP, str(case_id), str(case_id), follow_up_on))
    found.sort(key=lambda item: (item.date, item.kind, item.object_id))
    return found


def case_due_dates(case: Case, *, until: date | None = None) -> list[DueDate]:
    """What is due on one case (the caller has read the case through the choke point)."""
    return due_dates(Q(case_id=case.pk), until=until)


def review_due_on(case: Case) -> date | None:
    """The case's next review date as monitoring shows it; None without a schedule or on a closed case."""
    return review_rows(Q(case_id=case.pk)).values_list("next_review_on", flat=True).first()


def follow_up_due_on(case: Case) -> date | None:
    """The case's aftercare follow-up as monitoring shows it; None when none is needed or it was noted."""
    return follow_up_rows(Q(case_id=case.pk)).values_list("follow_up_on", flat=True).first()


def measure_due_dates(case: Case) -> dict[str, date]:
    """{measure id: due date} of the case's measures still to be done (open cases only)."""
    return {str(pk): day for pk, day in measure_rows(Q(case_id=case.pk)).values_list("pk", "due_date")}


def user_due_dates(user: Any, *, since: date | None = None, until: date | None = None) -> list[DueDate]:
    """What is due on the cases `user` manages or deputises (visible to them), e.g. for their calendar
    feed: the same dates as their reminders and their monitoring list ("my cases")."""
    cases = Case.objects.visible_to(user).filter(Q(case_manager=user) | Q(deputy=user)).values("pk")
    found = due_dates(Q(case_id__in=cases), until=until)
    return [item for item in found if since is None or item.date >= since]
