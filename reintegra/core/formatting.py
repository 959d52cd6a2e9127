"""Money and dates as the reader reads them: one set of functions for pages, PDFs, e-mails and texts.

Values are stored as values (a `Decimal`, a `date`, an ISO string in a timeline entry or a
notification's params) and formatted only when shown, in the active language (the reader's).

- Money: the currency code, then the amount with two decimals, grouped as the organisation's
  country writes it — `CHF 1'350.50` (Switzerland, every language but French: `CHF 1 350,50`),
  `EUR 1.350,50` (Germany, German) and `EUR 1,350.50` for an English reader.
- Dates: `3.11.2026` (German, French, Italian), `3 Nov 2026` (English); with the time
  `3.11.2026 14:05` / `3 Nov 2026, 14:05` in the current time zone.

Templates use the filters of `core/templatetags/formatting.py` (`money`, `local_date`, `local_datetime`).
"""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

EMPTY = "–"
EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Narrow no-break space: the French thousands separator.
NNBSP = "\u202f"


def _language(language: str | None) -> str:
    return (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


def number_separators(currency: str, language: str | None = None) -> tuple[str, str]:
    """(thousands separator, decimal mark) for amounts in `currency` read in `language`."""
    lang = _language(language)
    if currency == "EUR":  # organisations in Germany
        return (",", ".") if lang == "en" else (".", ",")
    if lang == "fr":
        return (NNBSP, ",")
    return ("'", ".")


def format_amount(amount: Any, currency: str, *, language: str | None = None) -> str:
    """1'350.50 (no currency code), or – when there is no amount."""
    if amount is None or amount == "":
        return EMPTY
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(amount)
    group, decimal_mark = number_separators(currency, language)
    text = f"{abs(value):,.2f}"  # 1,350.50
    whole, cents = text.split(".")
    sign = "-" if value < 0 else ""
    return f"{sign}{whole.replace(',', group)}{decimal_mark}{cents}"


def format_money(amount: Any, currency: str, *, language: str | None = None) -> str:
    """CHF 1'350.50 / EUR 1.350,50, or – when there is no amount."""
    text = format_amount(amount, currency, language=language)
    return text if text == EMPTY else f"{currency} {text}"


def parse_date(value: Any) -> date | None:
    """A date from a date, a datetime or an ISO string (`2026-11-03`); None otherwise."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DATE_RE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def format_date(value: Any, *, language: str | None = None) -> str:
    """3.11.2026 (de, fr, it) or 3 Nov 2026 (en); – for no date; other text unchanged."""
    if value is None or value == "":
        return EMPTY
    day = parse_date(value)
    if day is None:
        return str(value)
    if _language(language) == "en":
        return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day}.{day.month}.{day.year}"


def format_datetime(value: Any, *, language: str | None = None) -> str:
    """3.11.2026 14:05 / 3 Nov 2026, 14:05 in the current time zone; – for none."""
    if not isinstance(value, datetime):
        return format_date(value, language=language)
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    separator = ", " if _language(language) == "en" else " "
    return f"{format_date(moment.date(), language=language)}{separator}{moment:%H:%M}"


def format_iso_dates(values: dict[str, Any], *, language: str | None = None) -> dict[str, Any]:
    """The values with every ISO date string (`2026-11-03`) shown as a date in the reader's language."""
    return {
        key: format_date(value, language=language) if isinstance(value, str) and ISO_DATE_RE.match(value) else value
        for key, value in values.items()
    }
