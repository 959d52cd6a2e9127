"""Reads of the access log for the data-protection role.

The log lives in its own database, so nothing here joins it with case data: where the
case matters (anonymous entries, case references) the few case ids needed are looked up
in the default database by value, restricted to the viewer's organisation, and only ids
and references come back — never case content.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from reintegra.audit.cases import case_directory
from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.audit.services import ACCESS_LOG_OBJECT


@dataclass(frozen=True)
class AccessLogFilters:
    """What the viewer narrowed the log to. `case` is a case id; `user` a user id or a username."""

    case: str | None = None
    user: str | None = None
    action: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def describe(self) -> str:
        """The filters as the viewer's own log entry records them (ids and keys only)."""
        parts = [
            ("case", self.case),
            ("user", self.user),
            ("action", self.action),
            ("from", self.date_from.isoformat() if self.date_from else None),
            ("to", self.date_to.isoformat() if self.date_to else None),
        ]
        return "; ".join(f"{name}={value}" for name, value in parts if value)


def normalised_case_id(value: Any) -> str | None:
    """The canonical form of a case id (a UUID), or None for anything else."""
    try:
        return str(uuid.UUID(str(value)))
    except (ValueError, TypeError, AttributeError):
        return None


def _organisation_of(viewer: Any) -> str | None:
    organisation_id = getattr(viewer, "organisation_id", None)
    return str(organisation_id) if organisation_id else None


def _start_of(day: date) -> datetime:
    """Midnight of a local date (the organisation's dates are local, Europe/Zurich by default)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _case_in_organisation(organisation_id: str, case_id: str) -> bool:
    case_pk = normalised_case_id(case_id)
    if case_pk is None:
        return False
    return bool(case_directory().references(organisation_id=organisation_id, case_ids=[case_pk]))


# The retention job's own entries (no user, no organisation) concern every organisation's log.
RETENTION_ENTRIES = Q(organisation_id="", user_id="", object_type=ACCESS_LOG_OBJECT, action=AccessAction.DELETE)


def access_log_list(*, viewer: Any, filters: AccessLogFilters) -> QuerySet[AccessLogEntry]:
    """The entries the viewer's organisation may audit, newest first.

    Visible: entries made by members of the viewer's organisation; with a case filter also
    the entries without an organisation (anonymous access) when that case belongs to the
    organisation; and the retention job's records. Callers check the role first
    (`permissions.can_read_access_log`).
    """
    organisation_id = _organisation_of(viewer)
    if organisation_id is None:
        return AccessLogEntry.objects.none()
    entries = AccessLogEntry.objects.all()
    if filters.case:
        visible = Q(organisation_id=organisation_id)
        if _case_in_organisation(organisation_id, filters.case):
            visible |= Q(organisation_id="")
        entries = entries.filter(visible, case_id=filters.case)
    else:
        entries = entries.filter(Q(organisation_id=organisation_id) | RETENTION_ENTRIES)
    if filters.user:
        entries = entries.filter(Q(user_id=filters.user) | Q(username__iexact=filters.user))
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.date_from:
        entries = entries.filter(at__gte=_start_of(filters.date_from))
    if filters.date_to:
        entries = entries.filter(at__lt=_start_of(filters.date_to + timedelta(days=1)))
    return entries.order_by("-at", "-id")


def access_log_case_references(*, viewer: Any, case_ids: Iterable[str]) -> dict[str, str]:
    """{case id: reference} for the ids among `case_ids` that are cases of the viewer's organisation.

    One query for a whole page; ids of other organisations' cases (e.g. a refused attempt)
    stay without a reference.
    """
    organisation_id = _organisation_of(viewer)
    wanted = {pk for pk in (normalised_case_id(value) for value in case_ids if value) if pk}
    if organisation_id is None or not wanted:
        return {}
    return case_directory().references(organisation_id=organisation_id, case_ids=wanted)


def access_log_case_resolve(*, viewer: Any, value: str) -> str | None:
    """A case id from what the viewer typed: a case id as it is, or a reference of their organisation."""
    value = value.strip()
    case_pk = normalised_case_id(value)
    if case_pk is not None:
        return case_pk
    organisation_id = _organisation_of(viewer)
    if organisation_id is None:
        return None
    return case_directory().by_reference(organisation_id=organisation_id, reference=value)


def with_case_references(entries: list[AccessLogEntry], references: dict[str, str]) -> list[AccessLogEntry]:
    """Attach `case_reference` ('' when unknown) to each entry of a page, for display."""
    for entry in entries:
        key = normalised_case_id(entry.case_id) if entry.case_id else None
        entry.case_reference = references.get(key, "") if key else ""  # type: ignore[attr-defined]
    return entries
