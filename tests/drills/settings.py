"""Settings of the processes a drill starts (workers, gunicorn servers, writers).

The test settings, except what must cross process boundaries: the databases the test itself
uses (`DATABASE_URL` / `AUDIT_DATABASE_URL`, set by the drill), the database task queue instead
of running tasks inline, e-mails as files in `REINTEGRA_DRILL_MAIL_DIR` (tests.drills.mail), and
short worker periods so that a drill's recovery happens within seconds, not minutes.
"""

import os

from config.settings.base import audit_database_url, database_config
from config.settings.test import *  # noqa: F403

DATABASES = {
    "default": database_config(os.environ["DATABASE_URL"]),
    "audit": database_config(audit_database_url(os.environ["DATABASE_URL"])),
}
for _config in DATABASES.values():
    _config["CONN_MAX_AGE"] = 0
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "tests.drills.mail.DrillMailBackend"
# Seconds instead of minutes: heartbeat, lost workers, the catch-up, e-mail claims and grace.
REINTEGRA_WORKER_HEARTBEAT_SECONDS = 0.5
REINTEGRA_WORKER_LOST_SECONDS = 2
REINTEGRA_CATCH_UP_SECONDS = 1
REINTEGRA_EMAIL_CLAIM_SECONDS = 2
REINTEGRA_EMAIL_GRACE_SECONDS = 0
