"""Settings shared by every mode. Mode modules (local, test, production) import this.

Configuration comes from the environment; nothing here reads app code.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("REINTEGRA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_config(url: str) -> dict[str, Any]:
    """Turn a DATABASE_URL into Django's dict, with the SQLite options we rely on."""
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait for
        # the busy timeout instead of failing with "database is locked".
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    else:
        config["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
        config["CONN_HEALTH_CHECKS"] = True
    return config


def audit_database_url(default_url: str) -> str:
    """The access log lives apart from the case data (Swiss DSV Art. 4).

    Without AUDIT_DATABASE_URL: a second SQLite file, or a database named
    `<name>_audit` on the same PostgreSQL server.
    """
    explicit = os.environ.get("AUDIT_DATABASE_URL")
    if explicit:
        return explicit
    if default_url.startswith("sqlite"):
        return f"sqlite:///{VAR_DIR / 'audit.sqlite3'}"
    base, _sep, query = default_url.partition("?")
    head, _slash, name = base.rpartition("/")
    return f"{head}/{name}_audit" + (f"?{query}" if query else "")


DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'reintegra.sqlite3'}")
DATABASES = {
    "default": database_config(DATABASE_URL),
    "audit": database_config(audit_database_url(DATABASE_URL)),
}
DATABASE_ROUTERS = ["reintegra.audit.routers.AuditRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Our apps first: their translations and templates take precedence over Django's own.
INSTALLED_APPS = [
    "reintegra.core",
    "reintegra.accounts",
    "reintegra.audit",
    "reintegra.cases",
    "reintegra.consents",
    "reintegra.assessments",
    "reintegra.questionnaires",
    "reintegra.plans",
    "reintegra.notifications",
    "reintegra.network",
    "reintegra.introduce",
    "reintegra.monitoring",
    "reintegra.portal",
    "reintegra.inquiries",
    "reintegra.screening",
    "reintegra.retention",
    "reintegra.staff",
    "reintegra.records",
    "reintegra.insights",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "reintegra.core.middleware.UserLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "reintegra.core.middleware.NoStoreMiddleware",
    # Outside the gates below, so it sees every 403 they and the views answer.
    "reintegra.core.middleware.RefusalLogMiddleware",
    "reintegra.core.middleware.SessionLifetimeMiddleware",
    "reintegra.core.middleware.SecondFactorMiddleware",
    "reintegra.core.middleware.PortalGateMiddleware",
    "reintegra.core.middleware.DomainErrorMiddleware",
    # A repeated POST (API Idempotency-Key, HTML form token) gets the first answer.
    "reintegra.core.idempotency.IdempotencyMiddleware",
    # API writes to a closed case: 409 case_closed before the body is looked at.
    "reintegra.cases.middleware.ClosedCaseMiddleware",
    # Last, as django-axes asks: it turns lockouts into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "reintegra.accounts.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

FORM_RENDERER = "reintegra.core.forms_renderer.FormRenderer"  # common widgets without the engine
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reintegra.core.context_processors.layout",
            ],
            # `{% csrf_token %}` also renders the one-time form token (core/templatetags/form_token.py).
            "builtins": ["reintegra.core.templatetags.form_token"],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Password reset links (Django's one-time tokens) expire after this many seconds (default one day).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("REINTEGRA_PASSWORD_RESET_HOURS", "24")) * 3600

# German first (Swiss spelling), English second.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("fr", _("French")), ("it", _("Italian")), ("en", _("English"))]
# locale/: the texts of config/; locale_overrides/: Django's and DRF's German in Swiss spelling
# ("ss") and formal address (not touched by makemessages: it holds no source).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
USE_I18N = True
TIME_ZONE = "Europe/Zurich"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(os.environ.get("REINTEGRA_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Consent scans (health data): encrypted at rest with REINTEGRA_ENCRYPTION_KEYS (core/storage.py).
    "scans": {"BACKEND": "reintegra.core.storage.EncryptedFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploads larger than FILE_UPLOAD_MAX_MEMORY_SIZE are spooled to disk: inside the var directory
# (never the system's temporary directory), readable by the app's user only, and what a killed
# server left behind is removed when a process starts (core/uploads.py).
FILE_UPLOAD_TEMP_DIR = str(Path(os.environ.get("REINTEGRA_UPLOAD_TEMP_DIR", VAR_DIR / "tmp" / "uploads")))
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Sessions end after 30 minutes idle (the cookie is renewed on every request) and
# after 12 hours in all (SessionLifetimeMiddleware).
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False  # renewed once a minute instead (SessionLifetimeMiddleware)
SESSION_RENEW_SECONDS = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Security headers sent in every mode.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Repeated failed sign-ins (UI and API token alike) lock the account, and the address
# they come from, for a cool-off period; a successful sign-in resets the count. An
# attacker can lock an account out only for the cool-off period, never for good.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Locked is the pair of account and address: wrong usernames from one address do not lock out
# everyone else behind it (behind a proxy all users may share one address).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "reintegra.core.addresses.client_address"
# How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the header is ignored).
REINTEGRA_TRUSTED_PROXY_COUNT = int(os.environ.get("REINTEGRA_TRUSTED_PROXY_COUNT", "0"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "reintegra.accounts.lockout.lockout_response"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Reintegra"

REST_FRAMEWORK = {
    # Token first, so that anonymous requests get 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "reintegra.accounts.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "reintegra.core.api.pagination.CursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "reintegra.core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "reintegra.core.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # DRF's JSON parser with a nesting limit: 1,000 levels must be a 400, not a RecursionError.
    "DEFAULT_PARSER_CLASSES": ["reintegra.core.api.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DATE_FORMAT": "%Y-%m-%d",
    "DATE_INPUT_FORMATS": ["%Y-%m-%d"],
}
# API tokens (django-rest-knox): hashed, one per client program, sliding expiry of 12 hours after
# the last use, at most REINTEGRA_API_TOKEN_MAX_DAYS after they were made.
KNOX_TOKEN_MODEL = "accounts.ApiToken"  # noqa: S105 - a model name, not a secret
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=12),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": timedelta(days=int(os.environ.get("REINTEGRA_API_TOKEN_MAX_DAYS", "30"))),
    "MIN_REFRESH_INTERVAL": 60,
    "AUTH_HEADER_PREFIX": "Token",
}
# knox's migrations create its own token table even when the model is swapped out; that table
# would hold a foreign key to users that nothing uses (and that blocks TRUNCATE on PostgreSQL).
MIGRATION_MODULES = {"knox": None}
SPECTACULAR_SETTINGS = {
    "TITLE": "Reintegra API",
    "DESCRIPTION": "Case management for (re)integration. See docs/api.md for the conventions.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation documents its error answers (core/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "reintegra.core.api.schema.document_errors",
    ],
    # The phase keys appear in several apps' serializers: one name for one list.
    "ENUM_NAME_OVERRIDES": {
        "PhaseKeyEnum": ["intake", "assessment", "planning", "monitoring", "evaluation"],
        "InquiryStatusEnum": ["open", "answered"],
        "LanguageEnum": [code for code, _name in LANGUAGES],
    },
}

# Background work: django-tasks with the database backend; `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task left RUNNING by a worker whose heartbeat is this old is queued again (docs/operations.md).
REINTEGRA_WORKER_LOST_SECONDS = int(os.environ.get("REINTEGRA_WORKER_LOST_SECONDS", "180"))
# The worker's catch-up of due reminders and pending e-mails whose task was lost.
REINTEGRA_CATCH_UP_SECONDS = int(os.environ.get("REINTEGRA_CATCH_UP_SECONDS", "300"))
# How long an e-mail being sent belongs to its worker; then a catch-up may send it again.
REINTEGRA_EMAIL_CLAIM_SECONDS = int(os.environ.get("REINTEGRA_EMAIL_CLAIM_SECONDS", "600"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Reintegra <noreply@reintegra.invalid>")

# Free text with health or personal detail is encrypted at rest (AES-GCM).
# Comma-separated base64 keys of 32 bytes; the first one encrypts, all decrypt.
REINTEGRA_ENCRYPTION_KEYS = env_list("REINTEGRA_ENCRYPTION_KEYS")
# The start-up check that these keys decrypt the database's key canary (core.E002).
REINTEGRA_KEY_CANARY_CHECK = True

# The address people reach Reintegra at, for links in e-mails (e.g. https://cm.example.org).
REINTEGRA_BASE_URL = os.environ.get("REINTEGRA_BASE_URL", "")
# How long a satisfaction survey link stays valid (days).
REINTEGRA_SURVEY_LINK_DAYS = int(os.environ.get("REINTEGRA_SURVEY_LINK_DAYS", "14"))
# Staff invitations (the link with which an invited person sets their password) expire after this many days.
REINTEGRA_STAFF_INVITATION_DAYS = int(os.environ.get("REINTEGRA_STAFF_INVITATION_DAYS", "7"))

# Backups (docs/operations.md): `manage.py backup`, and a daily one run by the worker when
# REINTEGRA_BACKUP_DAILY is on, at REINTEGRA_BACKUP_HOUR local time, the newest KEEP kept.
REINTEGRA_BACKUP_DAILY = env_bool("REINTEGRA_BACKUP_DAILY", False)
REINTEGRA_BACKUP_KEEP = int(os.environ.get("REINTEGRA_BACKUP_KEEP", "7"))
# Finished rows of the task queue are deleted after this many days (failed ones after twice as many).
REINTEGRA_TASK_RESULTS_KEEP_DAYS = int(os.environ.get("REINTEGRA_TASK_RESULTS_KEEP_DAYS", "14"))
REINTEGRA_BACKUP_DIR = Path(os.environ.get("REINTEGRA_BACKUP_DIR", VAR_DIR / "backups"))
REINTEGRA_BACKUP_HOUR = int(os.environ.get("REINTEGRA_BACKUP_HOUR", "2"))

# Anonymous first contact: threads are erased this many days after their last message,
# unless they became a case.
REINTEGRA_INQUIRY_RETENTION_DAYS = int(os.environ.get("REINTEGRA_INQUIRY_RETENTION_DAYS", "90"))

# Caches. Rate limits on public pages (django-ratelimit) count in their own cache, keyed by a
# salted hash of the address; nothing else about the address is kept. The default is per
# process; with several app servers set REINTEGRA_RATELIMIT_REDIS_URL (Django's RedisCache,
# needs the `redis` package) so that every server counts against the same limit.
CACHES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "reintegra-default"},
    "ratelimit": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REINTEGRA_RATELIMIT_REDIS_URL"],
        }
        if os.environ.get("REINTEGRA_RATELIMIT_REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "reintegra-ratelimit"}
    ),
}
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_IP_META_KEY = "reintegra.core.addresses.client_address"

# Demo data may be loaded only where this is true (never in production).
REINTEGRA_DEMO_ALLOWED = False

# The anonymous first contact's URLs are logged without the client's address, browser or
# cookies, and without the thread code (reintegra.inquiries.log_filters). Django's own
# request and server loggers go through the same filtered handler.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"anonymous_paths": {"()": "reintegra.inquiries.log_filters.AnonymousPathsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["anonymous_paths"]}},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
