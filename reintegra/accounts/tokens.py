"""API tokens (django-rest-knox): made, listed and revoked only here.

A token is shown once, when it is made; only its hash and first characters are stored. Revoking
deletes the row, so the next request with it answers 401.
"""

from django.db.models import QuerySet
from django.utils import timezone

from reintegra.accounts.models import ApiToken, User

CLIENT_MAX_LENGTH = 100


def api_token_create(*, user: User, client: str = "") -> str:
    """A new token for one client program; the secret is returned once and never stored."""
    _instance, token = ApiToken.objects.create(user=user, client=client.strip()[:CLIENT_MAX_LENGTH])
    return token


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """The person's tokens that still work, newest first."""
    return ApiToken.objects.filter(user=user, expiry__gt=timezone.now())


def api_token_revoke(*, user: User, token_key: str) -> int:
    """Revoke one of the person's own tokens (by its shown first characters); the number revoked."""
    deleted, _rows = ApiToken.objects.filter(user=user, token_key=token_key).delete()
    return deleted


def api_tokens_revoke_all(*, user: User) -> int:
    """Sign out everywhere: every token of the person stops working at once (also on password
    change and deactivation)."""
    deleted, _rows = ApiToken.objects.filter(user=user).delete()
    return deleted
