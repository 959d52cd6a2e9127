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
