"""Test settings: fast hashing, in-memory mail, tasks run inline."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
REINTEGRA_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU="]
REINTEGRA_DEMO_ALLOWED = True
# Commands run with these settings (`makemigrations --check`) still name the development database
# files, encrypted with the development key; the tests' own databases are made afresh. The
# canary check is tested with the setting switched on.
REINTEGRA_KEY_CANARY_CHECK = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "scans": {"BACKEND": "reintegra.core.storage.EncryptedInMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the apps directly; no collectstatic in tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# SQLite test databases are files (not shared in-memory databases), so that tests with
# several threads see the same locking as production: WAL, IMMEDIATE, busy timeout.
for _alias, _config in DATABASES.items():
    if _config["ENGINE"] == "django.db.backends.sqlite3":
        # One file per process: parallel sessions in one checkout never share a test database.
        _config["TEST"] = {"NAME": str(VAR_DIR / f"test-{_alias}-{os.getpid()}.sqlite3")}
