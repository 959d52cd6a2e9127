"""Due dates: the one computation behind monitoring, the reminders (and so the inbox) and the calendar.

Every reader of "what is due when" asks this module, so a reminder's "due on" is always the
date the plan shows and monitoring lists:

- measures: the measure's `due_date`, while it is neither done nor cancelled, on an open case;
- reviews: the plan's next review date (`Plan.next_review_on`), on an open case — a plan without
  a review schedule has no review due, so no review reminder either;
- aftercare follow-ups: the evaluation's `follow_up_on` when aftercare is needed (closed cases
  too), until an aftercare note is dated on or after it.

`measure_rows`, `review_rows`, `follow_up_rows` and `consent_rows` are the querysets (cases as a `Q` on
`case_id`, optionally up to a date), for lists and counts in SQL; `case_due_dates`,
`due_dates` and `user_due_dates` (a person's own cases, for the calendar feed) turn them into
`DueDate`s; `review_due_on` and `follow_up_due_on` give one case's date for its reminder.
Read-only: nothing here writes.

**The due-items table.** These querysets are the definition; what reads due dates across many
cases (the start page's due summary, the monitoring lists, the team's caseload, the calendar
feed) reads the table `plans.DueItem` instead, which holds exactly their rows
(`computed_due_items`) with the date and the case's organisation, unit, case manager and
deputy. The write path's last step (`case_touch` → `plans.services.due.due_items_refresh_step`)
replaces a case's rows in the change's transaction, so the table is never behind a committed
change. `due_items` reads it, narrowed by `due_scope` — the same branches as
`Case.objects.visible_to` applied to the copied columns — so a person's due summary is an index
range on `(case_manager, date)` / `(deputy, date)` instead of a look-up per case. One case's
dates for its reminders (`review_due_on`, …) are still computed from the records: they are what
the table is filled from.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from reintegra.cases.models import Case, CaseNote, CaseStatus, Evaluation, NoteKind
from reintegra.cases.querysets import visibility_branches
from reintegra.consents.models import Consent
from reintegra.plans.models import DueItem, Measure, MeasureStatus, Plan


class DueKind:
    MEASURE = "measure"
    REVIEW = "review"
    FOLLOW_UP = "follow_up"
    CONSENT = "consent"


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


def consent_rows(cases: Q, until: date | None = None) -> QuerySet[Consent]:
    """Consents on open cases that run out (not withdrawn, with an end date) and are not renewed:
    no later consent for the same purpose (and participant), not withdrawn, covers the time after."""
    renewed = (
        Consent.objects.filter(case=OuterRef("case"), purpose=OuterRef("purpose"), withdrawn_on__isnull=True)
        .exclude(pk=OuterRef("pk"))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=OuterRef("valid_until")))
    )
    not_renewed = (Q(participant__isnull=True) & ~Exists(renewed.filter(participant__isnull=True))) | (
        Q(participant__isnull=False) & ~Exists(renewed.filter(participant=OuterRef("participant")))
    )
    rows = Consent.objects.filter(
        cases, case__status=CaseStatus.OPEN, withdrawn_on__isnull=True, valid_until__isnull=False
    ).filter(not_renewed)
    return _until(rows, "valid_until", until)


ROWS = {DueKind.MEASURE: measure_rows, DueKind.REVIEW: review_rows, DueKind.FOLLOW_UP: follow_up_rows}
# Every kind the due-items table holds (consents too; the reminders and the calendar know three).
TABLE_KINDS = (*DUE_KINDS, DueKind.CONSENT)
TABLE_ROWS = {**ROWS, DueKind.CONSENT: consent_rows}
TABLE_DATE_FIELD = {**DATE_FIELD, DueKind.CONSENT: "valid_until"}


def computed_due_items(case_ids: list[Any]) -> list[DueItem]:
    """The due-items table's rows for these cases, computed from the records (unsaved; one query
    per kind and one for the cases' copied columns). The definition the table is checked against."""
    if not case_ids:
        return []
    cases = {
        row["pk"]: row
        for row in Case.objects.filter(pk__in=case_ids).values(
            "pk", "organisation_id", "unit_id", "case_manager_id", "deputy_id"
        )
    }
    scope = Q(case_id__in=list(cases))
    found: list[DueItem] = []

    def add(kind: str, object_id: Any, case_id: Any, day: date | None, title: str = "") -> None:
        if day is None:  # filtered in SQL; for the type checker
            return
        case = cases[case_id]
        found.append(
            DueItem(
                case_id=case_id,
                kind=kind,
                object_id=object_id,
                date=day,
                title=title[:200],
                organisation_id=case["organisation_id"],
                unit_id=case["unit_id"],
                case_manager_id=case["case_manager_id"],
                deputy_id=case["deputy_id"],
            )
        )

    for pk, case_id, due_on, title in measure_rows(scope).values_list("pk", "case_id", "due_date", "title"):
        add(DueKind.MEASURE, pk, case_id, due_on, title)
    for pk, case_id, review_on in review_rows(scope).values_list("pk", "case_id", "next_review_on"):
        add(DueKind.REVIEW, pk, case_id, review_on)
    for case_id, follow_up_on in follow_up_rows(scope).values_list("case_id", "follow_up_on"):
        add(DueKind.FOLLOW_UP, case_id, case_id, follow_up_on)
    for pk, case_id, valid_until in consent_rows(scope).values_list("pk", "case_id", "valid_until"):
        add(DueKind.CONSENT, pk, case_id, valid_until)
    return found


def due_scope(user: Any, *, mine: bool = False) -> Q | None:
    """A `Q` over the due-items table's copied case columns: the cases `user` may see
    (`Case.objects.visible_to`'s branches and organisation), with `mine` only those they manage
    or deputise. None: nothing visible."""
    branches = visibility_branches(user)
    if not branches:
        return None
    condition = branches[0]
    for branch in branches[1:]:
        condition |= branch
    condition &= Q(organisation_id=user.organisation_id)
    if mine:
        condition &= Q(case_manager=user) | Q(deputy=user)
    return condition


def due_items(scope: Q | None, *, until: date | None = None, kinds: tuple[str, ...] = TABLE_KINDS) -> QuerySet[DueItem]:
    """The due-items table narrowed to `scope` (a `Q` over its columns: `due_scope(user)` or
    `Q(case_id__in=…)`), up to `until`, of these kinds."""
    if scope is None:
        return DueItem.objects.none()
    rows = DueItem.objects.filter(scope)
    if set(kinds) != set(TABLE_KINDS):
        rows = rows.filter(kind__in=kinds)
    if until is not None:
        rows = rows.filter(date__lte=until)
    return rows


def due_dates(cases: Q | None, *, until: date | None = None, kinds: tuple[str, ...] = DUE_KINDS) -> list[DueDate]:
    """Everything due on the cases (a `Q` on `case_id`, or `due_scope(user)`), in date order: one
    query on the due-items table."""
    found = [
        DueDate(kind, str(object_id), str(case_id), day, title)
        for kind, object_id, case_id, day, title in due_items(cases, until=until, kinds=kinds).values_list(
            "kind", "object_id", "case_id", "date", "title"
        )
    ]
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
    found = due_dates(due_scope(user, mine=True), until=until)
    return [item for item in found if since is None or item.date >= since]
