"""Domain exceptions that both skins (HTML and API) translate into answers."""

from typing import Any


class Conflict(Exception):
    """An update was based on a stale version, or the object is in a state that refuses it.

    `stored` and `submitted` carry the two values where the UI should show both.
    """

    def __init__(self, detail: str, *, stored: Any = None, submitted: Any = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.stored = stored
        self.submitted = submitted


class PermissionDenied(Exception):
    """The object is visible to the actor, but this action is not allowed (403)."""

    def __init__(self, detail: str = "You are not allowed to do this.") -> None:
        super().__init__(detail)
        self.detail = detail


class InvalidInput(Exception):
    """Bad input with nested field errors, e.g. {"client": {"first_name": ["…"]}} (answered with 400)."""

    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__(str(errors))
        self.errors = errors
