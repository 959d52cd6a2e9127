"""WSGI entry point (gunicorn config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

from reintegra.core.runtime import tune_garbage_collector

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
tune_garbage_collector()  # after loading, before serving: see reintegra/core/runtime.py
