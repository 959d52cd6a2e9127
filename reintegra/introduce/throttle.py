"""Rate limit on the public office-hour sign-up (django-ratelimit), per client address.

The address (read behind trusted proxies by `core.addresses.client_address`) is never stored:
django-ratelimit counts under an HMAC of it, keyed with a secret derived from SECRET_KEY, in
the `ratelimit` cache until the window ends. Every sign-up request with valid input counts, by
page or API alike; once an address made `SIGNUP_RATE` requests, it gets `429` until the window
ends. A single e-mail address is protected on top of that: it gets at most one e-mail per
`services.office_hours.CONFIRM_RESEND_AFTER`.
"""

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage

from reintegra.core.addresses import client_address

SIGNUP_RATE = "10/h"
GROUP_SIGNUP = "introduce:office-hours:sign-up"


def address_key(group: str, request: HttpRequest) -> str:
    secret = hashlib.sha256(f"reintegra.introduce.throttle:{settings.SECRET_KEY}".encode()).digest()
    address = client_address(request) or "unknown"
    return hmac.new(secret, f"{group}:{address}".encode(), hashlib.sha256).hexdigest()


def signup_refused(request: HttpRequest) -> bool:
    """Count this sign-up request; True when the address is over its limit (then nothing is done)."""
    usage = get_usage(request, group=GROUP_SIGNUP, key=address_key, rate=SIGNUP_RATE, increment=True)
    return bool(usage and usage["should_limit"])
