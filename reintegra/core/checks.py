"""System checks: configuration errors surface at start-up, not at the first write."""

from typing import Any

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from reintegra.core import crypto


@register()
def encryption_keys_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    try:
        crypto._keys()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), hint="Set REINTEGRA_ENCRYPTION_KEYS to base64 keys of 32 bytes.", id="core.E001")]
    return []


@register()
def encryption_keys_fit_data_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    """The configured keys must decrypt the key canary, or every case page would fail.

    It asks the database although it is not tagged `database`: a wrong key must stop
    `runserver`, `db_worker` and `check` alike. A database that is not there or not
    migrated yet passes (there is nothing to decrypt); malformed keys are core.E001's.
    """
    from django.conf import settings

    from reintegra.core.keys import canary_state_safe

    if not settings.REINTEGRA_KEY_CANARY_CHECK:
        return []
    try:
        crypto._keys()
    except ImproperlyConfigured:
        return []
    if canary_state_safe() != "wrong":
        return []
    return [
        Error(
            "The configured REINTEGRA_ENCRYPTION_KEYS cannot decrypt this database's data (the key canary).",
            hint="Configure the keys the data was encrypted with (the old ones stay listed after a "
            "rotation until `manage.py reencrypt` ran); see docs/operations.md, Keys.",
            id="core.E002",
        )
    ]
