"""The works council's list of offers made, as CSV (semicolons, for Excel in CH/DE) and PDF."""

import csv
import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.core.pdf import Document
from reintegra.screening.selectors import OfferRow


def _date(value: object) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year}" if value else ""  # type: ignore[attr-defined]


def _safe(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def headers() -> list[str]:
    return [_("Last name"), _("First name"), _("Offer made on"), _("Reminder on")]


def works_council_csv(rows: Iterable[OfferRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers())
    for row in rows:
        writer.writerow([_safe(row.last_name), _safe(row.first_name), _date(row.invited_on), _date(row.reminded_on)])
    # A byte-order mark so that spreadsheet programs read the umlauts as UTF-8.
    return "\ufeff" + buffer.getvalue()


def works_council_pdf(rows: Iterable[OfferRow], *, organisation_name: str) -> bytes:
    today = timezone.localdate()
    doc = Document(
        title=_("Offers made (list for the works council)"),
        subtitle=f"{organisation_name} · {_('As of %(date)s') % {'date': _date(today)}}",
    )
    doc.table(
        headers(),
        [[row.last_name, row.first_name, _date(row.invited_on), _date(row.reminded_on)] for row in rows],
        widths=[50, 50, 35, 35],
    )
    return doc.render()
