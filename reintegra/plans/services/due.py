"""Reminders follow the due dates: one call brings a case's reminders in line with `plans.selectors.due`.

Called by every plans service that moves a date (schedule, agreement, review, measures) and,
after commit, for the case events that change what is due elsewhere (evaluation, aftercare
notes, closing, reopening, a new case manager): see `due_listener`.

`due_items_refresh_step` keeps the due-items table (`plans.DueItem`) of a changed case: a step
of the write path's last step (`case_touch`), so it runs in the change's transaction for every
service that changes case data; `due_items_refresh` does the same for many cases (bulk loads,
`manage.py due_items_refresh`).
"""

import logging
from typing import Any

from reintegra.cases.models import Case, CaseEvent
from reintegra.notifications.standard import follow_up_reminder, measure_due_reminders, review_due_reminder
from reintegra.plans.models import DueItem
from reintegra.plans.selectors.due import computed_due_items, follow_up_due_on, measure_due_dates, review_due_on

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


def due_items_refresh(*, case_ids: list[Any]) -> int:
    """Replace these cases' rows of the due-items table with what the records say now; the
    number of rows written. Call inside the transaction that changed the records."""
    if not case_ids:
        return 0
    rows = computed_due_items(case_ids)
    DueItem.objects.filter(case_id__in=case_ids).delete()
    DueItem.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def due_items_refresh_step(case_id: Any) -> None:
    """The write path's step (registered with `cases.services.common.case_touch_register`)."""
    due_items_refresh(case_ids=[case_id])
