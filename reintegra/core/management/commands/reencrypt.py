"""Re-encrypt every encrypted field and stored file with the newest key (after a key rotation,
and once after upgrading to encrypted scans: files stored before are encrypted then)."""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import models, transaction

from reintegra.core.fields import EncryptedTextField
from reintegra.core.keys import canary_refresh
from reintegra.core.storage import EncryptedStorageMixin


class Command(BaseCommand):
    help = (
        "Re-encrypt all encrypted text and encrypted files (consent scans) with the first key of "
        "REINTEGRA_ENCRYPTION_KEYS; files stored in plaintext before are encrypted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--files-only", action="store_true", help="Only the stored files (the upgrade step).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["files_only"]:
            self._fields()
        self._files()

    def _fields(self) -> None:
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

    def _files(self) -> None:
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.FileField) or not isinstance(field.storage, EncryptedStorageMixin):
                    continue
                storage = field.storage
                names = (
                    model._default_manager.exclude(**{field.name: ""})
                    .exclude(**{f"{field.name}__isnull": True})
                    .values_list(field.name, flat=True)
                )
                rewritten = missing = 0
                for name in names.iterator(chunk_size=500):
                    if not storage.exists(name):
                        missing += 1
                        self.stderr.write(f"{model._meta.label}.{field.name}: {name} is missing")
                        continue
                    rewritten += int(storage.reencrypt(name))
                self.stdout.write(
                    f"{model._meta.label}.{field.name}: {rewritten} files encrypted with the newest key"
                    + (f", {missing} missing" if missing else "")
                )
