"""Who may do what with notifications: each person their own inbox, nobody anyone else's.

Reads go through `selectors.inbox_of(user)` (another person's notification is 404 there);
the services `require()` the same predicate, so a direct call cannot mark someone else's.
"""

from typing import Any


def can_use_inbox(user: Any, obj: Any = None) -> bool:
    """Every signed-in person has an inbox (staff and portal users alike)."""
    return bool(getattr(user, "is_authenticated", False))


def can_read_notification(user: Any, notification: Any = None) -> bool:
    """The recipient, and only the recipient, reads (and marks as read) a notification."""
    if not can_use_inbox(user):
        return False
    return notification is None or notification.recipient_id == user.pk
