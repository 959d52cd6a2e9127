"""Benchmark settings: `make bench`. Production-like (DEBUG off), own database files, the bench app."""

import os

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, VAR_DIR, audit_database_url, database_config, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "bench-only-insecure-key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
REINTEGRA_ENCRYPTION_KEYS = env_list("REINTEGRA_ENCRYPTION_KEYS", "YmVuY2gtb25seS1lbmNyeXB0aW9uLWtleS0zMi1ieXQ=")
REINTEGRA_DEMO_ALLOWED = True
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
_url = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'bench.sqlite3'}")
DATABASES = {
    "default": database_config(_url),
    "audit": database_config(
        os.environ.get("AUDIT_DATABASE_URL")
        or (f"sqlite:///{VAR_DIR / 'bench-audit.sqlite3'}" if _url.startswith("sqlite") else audit_database_url(_url))
    ),
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # sign-in is not what is measured
WHITENOISE_USE_FINDERS = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
ROOT_URLCONF = "bench.urls"  # the product's URLs plus the bare peer view (bench/urls.py)
