"""Routes the access log to its own database alias, everything else to `default`."""

from typing import Any

AUDIT_APP = "audit"
AUDIT_DB = "audit"


class AuditRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        return AUDIT_DB if model._meta.app_label == AUDIT_APP else None  # type: ignore[attr-defined]

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return AUDIT_DB if model._meta.app_label == AUDIT_APP else None  # type: ignore[attr-defined]

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        if app_label == AUDIT_APP:
            return db == AUDIT_DB
        return db != AUDIT_DB
