"""What retention reads: the cases due for erasure (a dry run), the held cases, the deletion log.

Only ids, references and dates are read here, never case content: the data-protection role
works with these lists without seeing the case.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Min, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.cases.models import Case, CaseStatus, CaseType, Closure, ClosureReason, Decision
from reintegra.retention.models import Erasure, LegalHold


class DueReason:
    """Why a case is due: which period of its case type applies."""

    AFTER_CLOSURE = "after_closure"  # `after_closure_days` from the closing date
    NOT_ADMITTED = "not_admitted"  # not admitted at intake: `not_admitted_days`
    DECLINED = "declined"  # the person declined the offer: `not_admitted_days`


SHORT_REASONS = {
    ClosureReason.NOT_ADMITTED.value: DueReason.NOT_ADMITTED,
    ClosureReason.DECLINED.value: DueReason.DECLINED,
}


@dataclass(frozen=True)
class DueCase:
    case_id: str
    reference: str
    case_type_key: str
    closed_on: date
    due_on: date
    reason: str


def due_date(
    *,
    closed_on: date,
    decision: str | None,
    closure_reason: str | None,
    after_closure_days: int,
    not_admitted_days: int,
) -> tuple[date, str]:
    """A closed case's `due_on` and the reason (API.md: closing date plus the period that applies)."""
    if decision == Decision.NOT_ADMITTED:
        return closed_on + timedelta(days=not_admitted_days), DueReason.NOT_ADMITTED
    if closure_reason in SHORT_REASONS:
        return closed_on + timedelta(days=not_admitted_days), SHORT_REASONS[closure_reason]
    return closed_on + timedelta(days=after_closure_days), DueReason.AFTER_CLOSURE


def _closed_cases(organisation_id: Any = None) -> Any:  # annotated with `closure_reason`
    last_closure = (
        Closure.objects.filter(case=OuterRef("pk"), closed_on__isnull=False)
        .order_by("-closed_on", "-created_at")
        .values("reason")[:1]
    )
    cases = Case.objects.filter(status=CaseStatus.CLOSED, closed_on__isnull=False)
    if organisation_id is not None:
        cases = cases.filter(organisation_id=organisation_id)
    return cases.annotate(closure_reason=Subquery(last_closure))


def _values(cases: Any) -> Any:
    return cases.values(
        "pk",
        "reference",
        "closed_on",
        "closure_reason",
        "intake__decision",
        "case_type__key",
        "case_type__retention_after_closure_days",
        "case_type__retention_not_admitted_days",
    )


def _due_case(row: dict[str, Any]) -> DueCase:
    due_on, reason = due_date(
        closed_on=row["closed_on"],
        decision=row["intake__decision"],
        closure_reason=row["closure_reason"],
        after_closure_days=row["case_type__retention_after_closure_days"],
        not_admitted_days=row["case_type__retention_not_admitted_days"],
    )
    return DueCase(
        case_id=str(row["pk"]),
        reference=row["reference"],
        case_type_key=row["case_type__key"],
        closed_on=row["closed_on"],
        due_on=due_on,
        reason=reason,
    )


def retention_due(*, organisation_id: Any = None, today: date | None = None) -> list[DueCase]:
    """The closed cases not on hold whose `due_on` is today or earlier, oldest due first (a dry run).

    `organisation_id` None: every organisation's (the daily run).
    """
    today = today or timezone.localdate()
    types = (
        CaseType.objects.all() if organisation_id is None else CaseType.objects.filter(organisation_id=organisation_id)
    )
    shortest = types.aggregate(
        closure=Min("retention_after_closure_days"), not_admitted=Min("retention_not_admitted_days")
    )
    if shortest["closure"] is None:
        return []
    # No case closed after this day can be due yet: the index on the closing date does the rest.
    latest = today - timedelta(days=min(shortest["closure"], shortest["not_admitted"]))
    cases = _closed_cases(organisation_id).filter(closed_on__lte=latest, legal_hold__isnull=True)
    due = [_due_case(row) for row in _values(cases)]
    return sorted((case for case in due if case.due_on <= today), key=lambda c: (c.due_on, c.reference))


def case_due(*, case_id: Any, today: date | None = None) -> DueCase | None:
    """One case's due entry if it is closed, not held and due today or earlier, else None."""
    today = today or timezone.localdate()
    row = _values(_closed_cases().filter(pk=case_id, legal_hold__isnull=True)).first()
    if row is None:
        return None
    due = _due_case(row)
    return due if due.due_on <= today else None


def _organisation_of(user: Any) -> Any:
    return getattr(user, "organisation_id", None)


def retention_case_get(*, user: Any, case_id: Any) -> Case:
    """A case of the data-protection officer's organisation (for a hold or an erasure), else 404.

    The officer does not see case content: only the reference and status are used.
    """
    case = (
        Case.objects.filter(pk=case_id, organisation_id=_organisation_of(user))
        .select_related("case_type")
        .only("pk", "reference", "status", "organisation_id", "closed_on", "case_type__key")
        .first()
    )
    if case is None:
        raise Http404(_("No such case."))
    return case


def retention_case_by_reference(*, user: Any, reference: str) -> Case | None:
    """The organisation's case with this reference (case-insensitive), for the page's forms."""
    return (
        Case.objects.filter(organisation_id=_organisation_of(user), reference__iexact=reference.strip())
        .only("pk", "reference", "status", "organisation_id")
        .first()
    )


def legal_holds(*, organisation_id: Any) -> QuerySet[LegalHold]:
    """The organisation's held cases, newest hold first."""
    return (
        LegalHold.objects.filter(case__organisation_id=organisation_id)
        .select_related("case", "set_by")
        .only(
            "id",
            "created_at",
            "reason",
            "case__id",
            "case__reference",
            "case__status",
            "case__closed_on",
            "set_by__username",
        )
        .order_by("-created_at")
    )


def erasures(*, organisation_id: Any) -> QuerySet[Erasure]:
    """The organisation's deletion log, newest first."""
    return Erasure.objects.filter(organisation_id=organisation_id).select_related("erased_by").order_by("-erased_at")
