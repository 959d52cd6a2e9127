"""Load the demo data of every app that has a `demo` module, in INSTALLED_APPS order."""

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Create or refresh the demo data (idempotent). Refused where demo data is not allowed."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.REINTEGRA_DEMO_ALLOWED:
            raise CommandError("Demo data is not allowed with these settings (REINTEGRA_DEMO_ALLOWED is off).")
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if not config.name.startswith("reintegra.") or find_spec(module_name) is None:
                    continue
                for line in import_module(module_name).load():
                    self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Password for every demo account: reintegra-demo"))
