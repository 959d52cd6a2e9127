"""The client's address, read correctly behind a known number of trusted reverse proxies.

Behind a proxy every request comes from the proxy's address (`REMOTE_ADDR`); the client's own is
in `X-Forwarded-For`, to which each proxy appends the address it received the request from. With
`REINTEGRA_TRUSTED_PROXY_COUNT = n` the client is the n-th entry from the right — entries further
left were written by the client itself and are not trusted. With 0 (the default, no proxy) the
header is ignored, so a client cannot choose its own address. The sign-in lockout, the rate limits
and the access log all use this one function.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = int(getattr(settings, "REINTEGRA_TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    return forwarded[-count] if len(forwarded) >= count else forwarded[0]
