"""The Swiss social security number (AHV/AVS number, 756.xxxx.xxxx.xx), checked by python-stdnum.

Stored compact (13 digits), shown and exported formatted; in FHIR it is the CH Core identifier
with the system `urn:oid:2.16.756.5.32`.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.ch import ssn

AHV_SYSTEM = "urn:oid:2.16.756.5.32"
AHV_MESSAGE = _("Enter a valid AHV number: 13 digits starting with 756, for example 756.1234.5678.97.")


def ahv_validate(value: str) -> None:
    """A model and form validator: an empty value passes (the number is optional)."""
    if not value:
        return
    try:
        ssn.validate(str(value))
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(AHV_MESSAGE, code="invalid_ahv") from exc


def ahv_compact(value: str) -> str:
    """The 13 digits without dots or spaces when valid, else the value unchanged (validation reports it)."""
    if value and ssn.is_valid(str(value)):
        return str(ssn.compact(str(value)))
    return value or ""


def ahv_format(value: str) -> str:
    """756.1234.5678.97 (empty stays empty)."""
    if value and ssn.is_valid(str(value)):
        return str(ssn.format(str(value)))
    return value or ""
