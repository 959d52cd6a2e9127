"""Base model every domain model inherits from."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField


class BaseModel(models.Model):
    """Abstract base: UUID id, created/updated stamps and a `version` for optimistic locking.

    Services bump `version` on every change (see `reintegra.core.services.bump_version`);
    an update that carries a stale version is refused with a conflict.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True


class KeyCanary(models.Model):
    """A known value encrypted with the key that was first when the database was set up.

    If the configured keys cannot decrypt it, every encrypted field fails too: the start-up
    check, `/healthz` and `manage.py restore` read it to say so before a case page would 500.
    `manage.py reencrypt` re-encrypts it with the other encrypted text.
    """

    name = models.CharField(max_length=32, unique=True)
    token = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class WorkerHeartbeat(models.Model):
    """The last sign of life of one background worker (`manage.py db_worker`), for `/healthz`."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} {self.seen_at:%Y-%m-%d %H:%M:%S}"


class PeriodicRun(models.Model):
    """When a periodic job (e.g. the daily backup) is next due, across every worker.

    A worker claims a due run with a conditional `UPDATE … WHERE next_run_at <= now`, moving
    `next_run_at` on in the same statement, so however many workers tick, one of them wins.
    """

    name = models.CharField(max_length=64, unique=True)
    next_run_at = models.DateTimeField()
    last_claimed_at = models.DateTimeField(null=True, blank=True)
    last_claimed_by = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.name} next {self.next_run_at:%Y-%m-%d %H:%M}"


class IdempotentRequest(models.Model):
    """The first answer to a POST sent with an `Idempotency-Key` (API) or a one-time form token
    (HTML forms), per user: a repeat within 24 hours gets this answer and changes nothing.

    A row is claimed (inserted) before the request runs, so a parallel repeat finds it; the
    answer is filled in when the first request succeeds, and the row is dropped when it fails.
    The stored body may hold personal data: it is encrypted, and rows expire after 24 hours.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # method, path and body: a reused key with another request
    created_at = models.DateTimeField(db_index=True)
    done = models.BooleanField(default=False)
    status = models.PositiveSmallIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    location = models.CharField(max_length=2000, blank=True)  # a redirect's target, or HX-Redirect
    hx_refresh = models.BooleanField(default=False)
    body = EncryptedTextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotent_request_user_key")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key}"
