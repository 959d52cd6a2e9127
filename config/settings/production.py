"""Production settings: every secret comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REINTEGRA_ENCRYPTION_KEYS (not a public
development key), REINTEGRA_BASE_URL.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import audit_database_url, database_config, env_bool, env_list

# Keys that are public (committed for development, tests and benchmarks): data encrypted with
# them is as good as plaintext. Production refuses them.
PUBLIC_ENCRYPTION_KEYS = frozenset(
    {
        "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=",  # config.settings.local
        "dGVzdC1vbmx5LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU=",  # config.settings.test
        "YmVuY2gtb25seS1lbmNyeXB0aW9uLWtleS0zMi1ieXQ=",  # config.settings.bench
    }
)


def required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [required("ALLOWED_HOSTS")]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
REINTEGRA_ENCRYPTION_KEYS = env_list("REINTEGRA_ENCRYPTION_KEYS") or [required("REINTEGRA_ENCRYPTION_KEYS")]
if PUBLIC_ENCRYPTION_KEYS.intersection(REINTEGRA_ENCRYPTION_KEYS):
    raise ImproperlyConfigured(
        "REINTEGRA_ENCRYPTION_KEYS holds a public development key, which anyone can read in the source. "
        "Generate a key of your own (see docs/operations.md, Keys) and never use the development one in production."
    )
# No silent fallback to a SQLite file in the working directory: production names its database.
DATABASE_URL = required("DATABASE_URL")
DATABASES = {
    "default": database_config(DATABASE_URL),
    "audit": database_config(audit_database_url(DATABASE_URL)),
}
REINTEGRA_DEMO_ALLOWED = False
REINTEGRA_BASE_URL = required("REINTEGRA_BASE_URL")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
