"""The plan as a whole: its review schedule and the client's agreement (a frozen, numbered version)."""

import json
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.models import Case
from reintegra.cases.plausibility import next_review_error, review_date_error
from reintegra.cases.services.common import event_record, log_change, phase_touch
from reintegra.core.exceptions import Conflict, ConflictCode
from reintegra.core.services import save_with_version
from reintegra.plans.models import AgreementForm, ChangeAction, Goal, Plan, PlanVersion
from reintegra.plans.selectors.plan import plan_snapshot
from reintegra.plans.services.common import REASON_MAX, change_record, last_agreed_number, plan_change_allowed
from reintegra.plans.services.due import due_reminders_sync

SCHEDULE_FIELDS = ("review_interval_weeks", "next_review_on")


def first_agreed_on(case: Case) -> date | None:
    """The day the plan was first agreed (None before any agreement)."""
    return PlanVersion.objects.filter(case=case).order_by("number").values_list("agreed_on", flat=True).first()


def _plan_for_update(case: Case) -> Plan:
    plan, _created = Plan.objects.get_or_create(case=case)
    return plan


@transaction.atomic
def plan_schedule_save(
    *,
    actor: User,
    case: Case,
    version: int,
    review_interval_weeks: int | None,
    next_review_on: date | None,
    change_reason: str = "",
    as_of: date | None = None,
) -> Plan:
    """Set the review interval (weeks, 1–52) and the next review date (PUT with the plan's `version`;
    0 while nothing was written). Without a date, the next review is the interval from today.
    The next review may not lie in the past — before `as_of` when the schedule is entered
    after the fact (the demo's back-dated history), otherwise before today."""
    plan_change_allowed(actor, case)
    errors: dict[str, list[str]] = {}
    if review_interval_weeks is not None and not 1 <= int(review_interval_weeks) <= 52:
        errors["review_interval_weeks"] = [_("Enter an interval from 1 to 52 weeks.")]
    if len(change_reason or "") > REASON_MAX:
        errors["change_reason"] = [_("Keep the reason under %(max)s characters.") % {"max": REASON_MAX}]
    stored_next = Plan.objects.filter(case=case).values_list("next_review_on", flat=True).first()
    if next_review_on is not None and next_review_on != stored_next:  # an unchanged date may have passed
        message = next_review_error(next_review_on, today=as_of or timezone.localdate()) or review_date_error(
            next_review_on, first_agreed_on=first_agreed_on(case)
        )
        if message:
            errors["next_review_on"] = [message]
    if errors:
        raise ValidationError(errors)
    if next_review_on is None and review_interval_weeks:
        next_review_on = timezone.localdate() + timedelta(weeks=int(review_interval_weeks))
    existing = Plan.objects.filter(case=case).first()
    stored = existing.version if existing else 0
    if version != stored:
        raise Conflict(
            _(
                "The plan was changed by someone else in the meantime. "
                "Stored version %(stored)s, submitted version %(submitted)s."
            )
            % {"stored": stored, "submitted": version},
            code=ConflictCode.STALE_VERSION,
            stored=stored,
            submitted=version,
        )
    plan = existing or Plan(case=case)
    old = {"review_interval_weeks": plan.review_interval_weeks, "next_review_on": _iso(plan.next_review_on)}
    plan.review_interval_weeks = review_interval_weeks
    plan.next_review_on = next_review_on
    plan.full_clean(exclude=["case"])
    new = {"review_interval_weeks": plan.review_interval_weeks, "next_review_on": _iso(plan.next_review_on)}
    if existing is None:
        try:
            with transaction.atomic():
                plan.save()
        except IntegrityError as exc:  # created concurrently
            raise Conflict(
                _("The plan was changed by someone else in the meantime."),
                code=ConflictCode.STALE_VERSION,
                stored=1,
                submitted=0,
            ) from exc
    elif old != new:
        save_with_version(plan, update_fields=list(SCHEDULE_FIELDS), expected_version=version)
    else:
        return plan
    agreed = last_agreed_number(case)
    change_record(
        case=case,
        actor=actor,
        object_type="plan",
        object_id=plan.pk,
        title="",
        action=ChangeAction.CHANGED if existing else ChangeAction.CREATED,
        old=old,
        new=new,
        reason=(change_reason or "").strip(),
        after_plan_version=agreed,
    )
    event_record(
        case=case,
        actor=actor,
        kind="plan_schedule_changed",
        summary=f"Review schedule: every {plan.review_interval_weeks or '–'} weeks, next {_iso(plan.next_review_on)}",
        old=old,
        new=new,
    )
    log_change(actor=actor, case=case, object_type="plan", object_id=plan.pk)
    # The next review date becomes a reminder for the case manager (None cancels a pending one).
    due_reminders_sync(case=case)
    return plan


def _same_plan(agreed: dict, current: dict) -> bool:
    """The plan as agreed then and as it stands now hold the same goals, measures and schedule."""
    return json.dumps(agreed, sort_keys=True, default=str) == json.dumps(current, sort_keys=True, default=str)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@transaction.atomic
def plan_agree(*, actor: User, case: Case, agreed_on: date, form: str, note: str = "") -> PlanVersion:
    """The client agreed to the plan as it stands: freeze it as the next numbered version.

    The date may not lie in the future nor before the previous agreement. With a review
    interval and no next review date, the next review is the interval after the agreement.
    """
    plan_change_allowed(actor, case)
    plan = _plan_for_update(case)
    errors: dict[str, list[str]] = {}
    if form not in AgreementForm.values:
        errors["form"] = [_("Choose oral or written.")]
    if not isinstance(agreed_on, date):
        errors["agreed_on"] = [_("Enter the date the client agreed, for example 3.11.2026.")]
    elif agreed_on > timezone.localdate():
        errors["agreed_on"] = [_("The date of the agreement cannot be in the future.")]
    else:
        previous = PlanVersion.objects.filter(case=case).order_by("-number").values_list("agreed_on", flat=True)
        last_date = previous.first()
        if last_date and agreed_on < last_date:
            errors["agreed_on"] = [
                _("The previous agreement was on %(date)s: enter that date or a later one.")
                % {"date": f"{last_date.day}.{last_date.month}.{last_date.year}"}
            ]
    if not Goal.objects.filter(case=case).exists():
        errors["goals"] = [_("Add at least one goal before the client agrees to the plan.")]
    if len(note or "") > REASON_MAX:
        errors["note"] = [_("Keep the note under %(max)s characters.") % {"max": REASON_MAX}]
    if errors:
        raise ValidationError(errors)
    last = PlanVersion.objects.filter(case=case).order_by("-number").first()
    if last is not None and _same_plan(last.snapshot, plan_snapshot(case)):
        raise Conflict(
            _("The plan has not changed since version %(number)s was agreed.") % {"number": last.number},
            code=ConflictCode.PLAN_UNCHANGED,
        )
    number = plan.last_version_number + 1
    updates: dict = {"last_version_number": number, "version": F("version") + 1, "updated_at": timezone.now()}
    if plan.review_interval_weeks and plan.next_review_on is None:
        updates["next_review_on"] = agreed_on + timedelta(weeks=plan.review_interval_weeks)
    # Conditional update: two agreements recorded at once cannot get the same number.
    if not Plan.objects.filter(pk=plan.pk, last_version_number=plan.last_version_number).update(**updates):
        raise Conflict(
            _("Someone else recorded an agreement in the meantime. Reload the plan."), code=ConflictCode.STALE_VERSION
        )
    snapshot = plan_snapshot(case)
    version = PlanVersion(
        case=case,
        number=number,
        agreed_on=agreed_on,
        form=form,
        note=(note or "").strip(),
        recorded_by=actor,
        goal_count=len(snapshot["goals"]),
        measure_count=len(snapshot["measures"]),
    )
    version.snapshot = snapshot
    version.full_clean(exclude=["case", "recorded_by"])
    version.save()
    phase_touch(case=case, key="planning")
    event_record(
        case=case,
        actor=actor,
        kind="plan_agreed",
        summary=f"Plan version {number} agreed with the client ({form}, {agreed_on:%d.%m.%Y})",
        new={"version_number": number, "agreed_on": agreed_on.isoformat(), "form": form},
    )
    log_change(actor=actor, case=case, object_type="plan_version", object_id=version.pk)
    due_reminders_sync(case=case)  # the agreement may have set the first review date
    return version
