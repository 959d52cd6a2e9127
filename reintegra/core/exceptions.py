"""Domain exceptions that both skins (HTML and API) translate into answers."""

from typing import Any


class ConflictCode:
    """The `code` of every 409: what a program (and the UI) tells apart."""

    STALE_VERSION = "stale_version"  # someone else saved in the meantime: reload and compare
    CASE_CLOSED = "case_closed"  # the case is closed: reopen it first
    CASE_NOT_ADMITTED = "case_not_admitted"  # not admitted at intake: it can only be closed
    CASE_OPEN = "case_open"  # the action needs a closed case
    CLOSURE_PENDING = "closure_pending"  # a closure waits for approval
    NO_CLOSURE_PENDING = "no_closure_pending"
    ON_RECORD = "on_record"  # named in records that must be kept
    POSSIBLE_DUPLICATE = "possible_duplicate"
    PLAN_UNCHANGED = "plan_unchanged"
    LEGAL_HOLD = "legal_hold"  # the case is on legal hold: it cannot be erased
    LEGAL_HOLD_EXISTS = "legal_hold_exists"  # a hold stands already
    NO_LEGAL_HOLD = "no_legal_hold"  # there is no hold to release
    REQUEST_IN_PROGRESS = "request_in_progress"  # the same Idempotency-Key is still being answered
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"  # the same key with another request
    INVALID_STATE = "invalid_state"  # any other state that refuses the action


class Conflict(Exception):
    """An update was based on a stale version, or the object is in a state that refuses it.

    `code` says which (`ConflictCode`); `stored` and `submitted` carry the two values where the
    UI should show both; `extra` holds further keys of the 409 body (e.g. `duplicates`).
    """

    def __init__(
        self,
        detail: str,
        *,
        code: str = ConflictCode.INVALID_STATE,
        stored: Any = None,
        submitted: Any = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code
        self.stored = stored
        self.submitted = submitted
        self.extra = extra or {}


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
