"""Keeps the case's maintained fields current: `last_activity_at` and the stored checklist state.

- Every timeline entry (`CaseEvent`) moves the case's `last_activity_at` forward. Every
  service that changes a case records one (`event_record`), after its other writes, so the
  event also invalidates the stored checklist state: a catch-all for bulk writes
  (`bulk_create` sends no signals) in the apps that own the checklist's records.
- Saving or deleting any record a stored checklist item reads (goals, measures, reviews and
  their ratings, assessments and their items, the evaluation, ...: the models behind
  `REGISTRY.stored_prefetch()` / `stored_select()`) invalidates it as well.

Invalidating sets the state to null and increments `checklist_rev`, in the same transaction
as the change; the next read recomputes and stores it (`checklist.checklist_states_ensure`).
"""

from typing import Any

from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save

_WATCHED: dict[type, list[str]] | None = None


def _watched() -> dict[type, list[str]]:
    """Model -> the path from the model back to its case ("case", "review__case", ...)."""
    global _WATCHED
    if _WATCHED is None:
        from reintegra.cases.checklist import REGISTRY
        from reintegra.cases.models import Case

        watched: dict[type, list[str]] = {}
        for path in [*REGISTRY.stored_prefetch(), *REGISTRY.stored_select()]:
            model: Any = Case
            back: list[str] = []
            for part in path.split("__"):
                relation = model._meta.get_field(part)
                if not relation.auto_created:  # a forward relation (the case type): not a record of the case
                    break
                model = relation.related_model
                back.insert(0, relation.field.name)
                watched.setdefault(model, ["__".join(back)])
        _WATCHED = watched
    return _WATCHED


def checklist_invalidate(condition: Q) -> None:
    from reintegra.cases.models import Case

    Case.objects.filter(condition).update(checklist_state=None, checklist_rev=F("checklist_rev") + 1)


def _record_changed(sender: type, instance: Any, **kwargs: Any) -> None:
    paths = _watched().get(sender)
    if not paths:
        return
    path = paths[0]
    if path == "case":
        checklist_invalidate(Q(pk=instance.case_id))
        return
    first, rest = path.split("__", 1)
    parent_id = getattr(instance, f"{first}_id", None)
    if parent_id is None:
        return
    parent_model = sender._meta.get_field(first).related_model  # type: ignore[attr-defined]
    checklist_invalidate(Q(pk__in=parent_model.objects.filter(pk=parent_id).values(rest)))


def _event_recorded(sender: type, instance: Any, created: bool = False, **kwargs: Any) -> None:
    from reintegra.cases.models import Case

    if kwargs.get("raw"):
        return
    Case.objects.filter(pk=instance.case_id).filter(
        Q(last_activity_at__isnull=True) | Q(last_activity_at__lt=instance.at)
    ).update(last_activity_at=instance.at)
    checklist_invalidate(Q(pk=instance.case_id))


def connect() -> None:
    from reintegra.cases.models import CaseEvent

    post_save.connect(_event_recorded, sender=CaseEvent, dispatch_uid="cases_event_activity")
    post_save.connect(_record_changed, dispatch_uid="cases_checklist_saved")
    post_delete.connect(_record_changed, dispatch_uid="cases_checklist_deleted")
