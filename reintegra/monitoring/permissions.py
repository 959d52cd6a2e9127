"""Who may use the monitoring lists: the people who work on cases (case managers and team leads).

Views (the `case_workers_only` decorator) and the API (`allowed_by(can_monitor_cases)`) ask the
same predicate; which cases a list spans is the choke point's business (`visible_to`).
"""

from typing import Any

from reintegra.accounts.permissions import can_work_on_cases


def can_monitor_cases(user: Any, obj: Any = None) -> bool:
    """True for a signed-in case manager or team lead of an organisation.

    Portal users, data protection and organisation admins without a case role see no case
    content, so they get 403 here rather than an empty list.
    """
    return can_work_on_cases(user, obj)


def can_use_calendar(user: Any, obj: Any = None) -> bool:
    """Staff of an organisation have a calendar feed (their review dates, due measures, follow-ups
    and office hours); portal accounts do not."""
    from reintegra.accounts.selectors import user_is_staff_member

    return (
        bool(getattr(user, "is_authenticated", False))
        and getattr(user, "organisation_id", None) is not None
        and user_is_staff_member(user)
    )
