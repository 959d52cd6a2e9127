"""Rate limits on the public pages, keyed by a salted hash of the address held only in the cache.

The address itself is never stored: django-ratelimit gets an HMAC of it (keyed with a secret
derived from SECRET_KEY), and the counter lives in the cache (`RATELIMIT_USE_CACHE`) until its
window ends. New inquiries are counted only once they were accepted (a refused 400 does not
count); failed look-ups (a wrong code or passphrase) are counted, and once there are too many
every look-up from that address is refused until the window ends.
"""

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage

from reintegra.core.addresses import client_address

# API.md: at most 10 new inquiries per address and hour.
NEW_INQUIRIES_RATE = "10/h"
# Wrong code or passphrase: after this many in a quarter of an hour, the address waits.
FAILED_LOOKUPS_RATE = "10/15m"
GROUP_NEW = "inquiries:new"
GROUP_LOOKUP = "inquiries:lookup"


def address_key(group: str, request: HttpRequest) -> str:
    """HMAC-SHA256 of the client address with a key derived from SECRET_KEY: not reversible
    without the secret, and the same address always counts against the same bucket."""
    secret = hashlib.sha256(f"reintegra.inquiries.throttle:{settings.SECRET_KEY}".encode()).digest()
    address = client_address(request) or "unknown"
    return hmac.new(secret, f"{group}:{address}".encode(), hashlib.sha256).hexdigest()


def _usage(request: HttpRequest, group: str, rate: str, *, increment: bool) -> tuple[int, int]:
    usage = get_usage(request, group=group, key=address_key, rate=rate, increment=increment)
    if usage is None:  # rate limiting switched off (RATELIMIT_ENABLE = False)
        return 0, 1
    return int(usage["count"]), int(usage["limit"])


def new_inquiry_refused(request: HttpRequest) -> bool:
    """True when this address already made as many inquiries as the hour allows."""
    count, limit = _usage(request, GROUP_NEW, NEW_INQUIRIES_RATE, increment=False)
    return count >= limit


def new_inquiry_count(request: HttpRequest) -> None:
    _usage(request, GROUP_NEW, NEW_INQUIRIES_RATE, increment=True)


def lookup_refused(request: HttpRequest) -> bool:
    count, limit = _usage(request, GROUP_LOOKUP, FAILED_LOOKUPS_RATE, increment=False)
    return count >= limit


def lookup_failed(request: HttpRequest) -> None:
    _usage(request, GROUP_LOOKUP, FAILED_LOOKUPS_RATE, increment=True)
