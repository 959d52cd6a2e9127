"""Reads of the plan. The case is always fetched first through `cases.selectors.case_get` (visibility, 404)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case, Participant
from reintegra.network.models import Provider
from reintegra.plans.models import Goal, Measure, MeasureStep, Plan, PlanChange, PlanVersion, ResponsibleKind
from reintegra.plans.snapshot import changed_since, goal_values, measure_values, plan_diff


def plan_read_log(
    *,
    user: Any,
    case: Case,
    object_type: str,
    object_id: Any = "",
    request: HttpRequest | None = None,
    export: bool = False,
) -> None:
    """Reads of plan data are personal-data reads: log them (an exported PDF as `export`)."""
    access_log_write(
        user=user,
        action=AccessAction.EXPORT if export else AccessAction.READ,
        object_type=object_type,
        object_id=object_id or case.pk,
        case_id=case.pk,
        request=request,
    )


def goals_of(case: Case) -> QuerySet[Goal]:
    return Goal.objects.filter(case=case).order_by("priority", "due_date", "created_at")


def goal_get(case: Case, goal_id: Any) -> Goal:
    try:
        goal = Goal.objects.get(case=case, pk=goal_id)
    except (Goal.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404(_("No such goal.")) from exc
    goal.case = case  # the visible case, already read through the choke point
    return goal


def measures_of(case: Case) -> QuerySet[Measure]:
    """Measures with everything the list shows, in a fixed number of queries."""
    return (
        Measure.objects.filter(case=case)
        .select_related("provider", "responsible_participant")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.only("id", "title", "due_date", "priority")),
            Prefetch("steps", queryset=MeasureStep.objects.order_by("from_date")),
        )
        .order_by("due_date", "created_at")
    )


def measure_get(case: Case, measure_id: Any) -> Measure:
    try:
        measure = measures_of(case).get(pk=measure_id)
    except (Measure.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404(_("No such measure.")) from exc
    measure.case = case
    return measure


def plan_of(case: Case) -> Plan:
    """The case's plan record, or an unsaved empty one (`version` 0) before anything was written."""
    plan = Plan.objects.filter(case=case).first()
    if plan is None:
        plan = Plan(case=case, version=0)
    return plan


def providers_for(case: Case) -> QuerySet[Provider]:
    """The active providers of the case's organisation (a measure may name one)."""
    return Provider.objects.filter(organisation_id=case.organisation_id, active=True).order_by("name", "id")


def responsible_choices(case: Case) -> list[tuple[str, str]]:
    """Who can own a measure: the case manager, the client, or a participant of this case."""
    choices = [
        (ResponsibleKind.CASE_MANAGER.value, f"{ResponsibleKind.CASE_MANAGER.label}: {case.case_manager.display_name}"),
        (ResponsibleKind.CLIENT.value, f"{ResponsibleKind.CLIENT.label}: {case.client}"),
    ]
    for participant in Participant.objects.filter(case=case).order_by("created_at"):
        choices.append((str(participant.pk), f"{participant.name} ({participant.get_role_display()})"))
    return choices


def responsible_label(case: Case, measure: Measure) -> str:
    if measure.responsible_kind == ResponsibleKind.CASE_MANAGER:
        return case.case_manager.display_name
    if measure.responsible_kind == ResponsibleKind.CLIENT:
        return str(case.client)
    participant = measure.responsible_participant
    return participant.name if participant else "–"


def currency_of(case: Case) -> str:
    return case.organisation.currency


def plan_snapshot(case: Case, *, goals: list[Goal] | None = None, measures: list[Measure] | None = None) -> dict:
    """The current plan as plain data (the same shape an agreed version freezes)."""
    plan = plan_of(case)
    goals = list(goals_of(case)) if goals is None else goals
    measures = list(measures_of(case)) if measures is None else measures
    return {
        "client": str(case.client),
        "case_manager": case.case_manager.display_name,
        "currency": currency_of(case),
        "review_interval_weeks": plan.review_interval_weeks,
        "next_review_on": plan.next_review_on.isoformat() if plan.next_review_on else None,
        "goals": [goal_values(goal) for goal in goals],
        "measures": [measure_values(m, responsible_label=responsible_label(case, m)) for m in measures],
    }


def plan_versions(case: Case) -> QuerySet[PlanVersion]:
    """Agreed versions without their (encrypted, large) snapshots."""
    return PlanVersion.objects.filter(case=case).select_related("recorded_by").defer("snapshot_data")


def plan_version_get(case: Case, number: Any) -> PlanVersion:
    try:
        return PlanVersion.objects.select_related("recorded_by").get(case=case, number=int(number))
    except (PlanVersion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("No such plan version.")) from exc


def plan_latest_version(case: Case) -> PlanVersion | None:
    return PlanVersion.objects.filter(case=case).select_related("recorded_by").order_by("-number").first()


def plan_changes(case: Case, *, object_id: Any = None, after: Any = None, until: Any = None) -> QuerySet[PlanChange]:
    changes = PlanChange.objects.filter(case=case).select_related("actor")
    if object_id is not None:
        changes = changes.filter(object_id=object_id)
    if after is not None:
        changes = changes.filter(created_at__gt=after)
    if until is not None:
        changes = changes.filter(created_at__lte=until)
    return changes.order_by("created_at", "id")


@dataclass
class PlanOverview:
    """Everything the plan page, the PDF and the timeline show, read once."""

    case: Case
    plan: Plan
    goals: list[Goal]
    measures: list[Measure]
    latest: PlanVersion | None
    snapshot: dict[str, Any]
    draft_ids: set[str] = field(default_factory=set)
    draft_schedule: list[str] = field(default_factory=list)
    is_draft: bool = True
    today: date = field(default_factory=timezone.localdate)

    @property
    def currency(self) -> str:
        return str(self.snapshot["currency"])

    def is_changed(self, obj: Any) -> bool:
        return str(obj.pk) in self.draft_ids


def plan_overview(case: Case) -> PlanOverview:
    goals = list(goals_of(case))
    measures = list(measures_of(case))
    snapshot = plan_snapshot(case, goals=goals, measures=measures)
    latest = plan_latest_version(case)
    changed = changed_since(latest.snapshot if latest else None, snapshot)
    return PlanOverview(
        case=case,
        plan=plan_of(case),
        goals=goals,
        measures=measures,
        latest=latest,
        snapshot=snapshot,
        draft_ids=changed["ids"],
        draft_schedule=changed["schedule"],
        is_draft=changed["any"],
    )


def change_payload(change: PlanChange) -> dict[str, Any]:
    return {
        "id": str(change.pk),
        "at": timezone.localtime(change.created_at).isoformat(),
        "actor": change.actor.display_name if change.actor else None,
        "object_type": change.object_type,
        "object_id": str(change.object_id),
        "title": change.title,
        "action": change.action,
        "fields": change.fields,
        "diff": change.diff,
        "reason": change.reason or "",
        "after_plan_version": change.after_plan_version,
    }


def plan_compare(case: Case, *, from_number: int, to_number: int | None) -> dict[str, Any]:
    """Compare agreed version `from_number` with version `to_number` (None: the current draft).

    Either order works; the change reasons recorded between the two points in time come along.
    """
    first = plan_version_get(case, from_number)
    second = plan_version_get(case, to_number) if to_number is not None else None
    if second is not None and second.number < first.number:
        first, second = second, first
    new_snapshot = second.snapshot if second is not None else plan_snapshot(case)
    changes = plan_changes(case, after=first.created_at, until=second.created_at if second else None)
    return {
        "from": first.number,
        "to": second.number if second is not None else None,
        "diff": plan_diff(first.snapshot, new_snapshot),
        "changes": [change_payload(change) for change in changes],
    }
