"""Reminders follow the due dates: one call brings a case's reminders in line with `plans.selectors.due`.

Called by every plans service that moves a date (schedule, agreement, review, measures) and,
after commit, for the case events that change what is due elsewhere (evaluation, aftercare
notes, closing, reopening, a new case manager): see `due_listener`.
"""

import logging
from typing import Any

from reintegra.cases.models import Case, CaseEvent
from reintegra.notifications.standard import follow_up_reminder, measure_due_reminders, review_due_reminder
from reintegra.plans.selectors.due import follow_up_due_on, measure_due_dates, review_due_on

logger = logging.getLogger(__name__)

# Case events (of other apps) after which the reminders are brought in line again.
SYNC_AFTER = {
    "evaluation_saved",
    "note_added",
    "case_closed",
    "case_reopened",
    "case_reassigned",
    "case_updated",
}


def due_reminders_sync(*, case: Case) -> None:
    """Schedule, move or cancel the case's review, follow-up and measure reminders to the computed dates."""
    review_due_reminder(case=case, due_on=review_due_on(case))
    follow_up_reminder(case=case, due_on=follow_up_due_on(case))
    measure_due_reminders(case=case, due=measure_due_dates(case))


def due_listener(entry: CaseEvent) -> Any:
    """After a committed case event that may change what is due: sync the case's reminders."""
    if entry.kind not in SYNC_AFTER:
        return None
    case = Case.objects.select_related("case_manager", "organisation").filter(pk=entry.case_id).first()
    if case is None:
        return None
    try:
        due_reminders_sync(case=case)
    except Exception:  # the change is committed: a reminder that fails must not fail the request
        logger.exception("Reminders of case %s could not be brought in line after %s.", case.pk, entry.kind)
    return None
