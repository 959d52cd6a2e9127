"""The works council's list of offers made, as CSV (semicolons, for Excel in CH/DE) and PDF."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.core.pdf import Document
from reintegra.core.spreadsheet import csv_text
from reintegra.screening.selectors import OfferRow


def _date(value: object) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year}" if value else ""  # type: ignore[attr-defined]


def headers() -> list[str]:
    return [_("Last name"), _("First name"), _("Offer made on"), _("Reminder on")]


def works_council_csv(rows: Iterable[OfferRow]) -> str:
    return csv_text(
        headers(), ([row.last_name, row.first_name, _date(row.invited_on), _date(row.reminded_on)] for row in rows)
    )


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
