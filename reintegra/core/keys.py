"""The key canary: do the configured encryption keys decrypt this database's data?

A wrong or missing key used to show only as a 500 on every case page. The canary is a
known plaintext encrypted when the database was migrated; reading it tells at once
whether `REINTEGRA_ENCRYPTION_KEYS` fits the data. The start-up check, `/healthz` and
`manage.py restore` ask here.
"""

from typing import Any, Literal

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, IntegrityError, connections, router, transaction

from reintegra.core import crypto

CANARY_NAME = "encryption"
CANARY_PLAINTEXT = "reintegra-key-canary"

KeyState = Literal["ok", "wrong", "missing"]


def canary_ensure(*, using: str = "default") -> bool:
    """Store the canary if there is none yet; True if one was made. Idempotent, safe to race."""
    from reintegra.core.models import KeyCanary

    if KeyCanary.objects.using(using).filter(name=CANARY_NAME).exists():
        return False
    try:
        with transaction.atomic(using=using):
            KeyCanary.objects.using(using).create(name=CANARY_NAME, token=crypto.encrypt(CANARY_PLAINTEXT))
    except IntegrityError:  # made concurrently by another process
        return False
    return True


def canary_refresh(*, using: str = "default") -> None:
    """Encrypt the canary again with the newest key (after a rotation, by `manage.py reencrypt`)."""
    from reintegra.core.models import KeyCanary

    KeyCanary.objects.using(using).filter(name=CANARY_NAME).update(token=crypto.encrypt(CANARY_PLAINTEXT))
    canary_ensure(using=using)


def canary_state(*, using: str = "default") -> KeyState:
    """ "ok" when the keys decrypt the canary, "wrong" when they do not (or are unusable),
    "missing" when there is no canary (a database not migrated yet). Database errors propagate."""
    from reintegra.core.models import KeyCanary

    token = KeyCanary.objects.using(using).filter(name=CANARY_NAME).values_list("token", flat=True).first()
    if token is None:
        return "missing"
    try:
        return "ok" if crypto.decrypt(token) == CANARY_PLAINTEXT else "wrong"
    except (crypto.DecryptionError, ImproperlyConfigured):
        return "wrong"


def encrypted_sample_failures(*, per_field: int = 20) -> list[str]:
    """Try to decrypt a sample of every encrypted column; name the columns that fail.

    Restore uses this besides the canary: a backup from before the canary existed gets a
    fresh canary from `migrate` with today's key, which proves nothing about the old data.
    The values are read raw (SQL), so nothing is decrypted into model instances.
    """
    from reintegra.core.fields import EncryptedTextField

    failures = []
    for model in apps.get_models():
        alias = router.db_for_read(model) or "default"
        table = model._meta.db_table
        for field in model._meta.concrete_fields:
            if not isinstance(field, EncryptedTextField):
                continue
            connection = connections[alias]
            quote = connection.ops.quote_name
            sql = (
                f"SELECT {quote(field.column)} FROM {quote(table)} "  # noqa: S608 - names from model meta
                f"WHERE {quote(field.column)} IS NOT NULL AND {quote(field.column)} <> '' LIMIT %s"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [per_field])
                values: list[Any] = [row[0] for row in cursor.fetchall()]
            try:
                for value in values:
                    crypto.decrypt(value)
            except (crypto.DecryptionError, ImproperlyConfigured):
                failures.append(f"{model._meta.label}.{field.name}")
    return failures


def canary_state_safe(*, using: str = "default") -> KeyState | Literal["unknown"]:
    """Like `canary_state`, but "unknown" when the database cannot be asked (not there, not migrated)."""
    try:
        return canary_state(using=using)
    except DatabaseError:
        return "unknown"
