"""The second factor (TOTP) for staff: who needs it, setting it up, verifying it.

A staff member with a confirmed TOTP device must enter a code after the password
before any page opens. Where the organisation requires a second factor, staff
without a device are sent to set one up. Demo accounts and portal users are exempt.
"""

import base64
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from reintegra.accounts.models import User
from reintegra.accounts.selectors import user_is_staff_member


def has_second_factor(user: User) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def must_set_up_second_factor(user: User) -> bool:
    """The organisation requires a second factor and this staff member has none yet."""
    if not user.is_authenticated or user.is_demo or user.organisation is None:
        return False
    if not user.organisation.require_second_factor or not user_is_staff_member(user):
        return False
    return not has_second_factor(user)


def is_verified(user: Any) -> bool:
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device being set up (a new secret only if none is pending)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Reintegra", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm a new device with a code from the app; older devices of the user are removed."""
    if device.user_id != user.pk or not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def totp_verify(*, user: User, token: str) -> TOTPDevice | None:
    for device in devices_for_user(user, confirmed=True):
        if device.verify_token(token):
            return device  # type: ignore[return-value]
    return None


def qr_code_data_uri(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
