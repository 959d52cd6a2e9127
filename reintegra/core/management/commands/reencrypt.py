"""Re-encrypt every encrypted field with the newest key (after a key rotation)."""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from reintegra.core.fields import EncryptedTextField
from reintegra.core.keys import canary_refresh


class Command(BaseCommand):
    help = "Re-encrypt all encrypted text with the first key of REINTEGRA_ENCRYPTION_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        for model in apps.get_models():
            names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            if not names:
                continue
            count = 0
            with transaction.atomic():
                for obj in model._default_manager.only("pk", *names).iterator(chunk_size=500):
                    # Reading decrypts with whichever key matches; writing encrypts with the newest.
                    model._default_manager.filter(pk=obj.pk).update(**{n: getattr(obj, n) for n in names})
                    count += 1
            self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")
        # The canary too: once the old key is dropped it must still decrypt (see core/keys.py).
        canary_refresh()
        self.stdout.write("key canary re-encrypted")
