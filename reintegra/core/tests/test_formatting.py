"""Money and dates in the reader's language, one function for pages and PDFs alike (#15 item 5)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from reintegra.core.formatting import (
    format_amount,
    format_date,
    format_datetime,
    format_iso_dates,
    format_money,
)
from reintegra.core.pdf import pdf_date, pdf_money


@pytest.mark.parametrize(
    ("amount", "currency", "language", "expected"),
    [
        (Decimal("1350.5"), "CHF", "de", "CHF 1'350.50"),
        (Decimal("1350.5"), "CHF", "en", "CHF 1'350.50"),
        (Decimal("1350.5"), "EUR", "de", "EUR 1.350,50"),
        (Decimal("1350.5"), "EUR", "en", "EUR 1,350.50"),
        (Decimal("1234567.891"), "CHF", "de", "CHF 1'234'567.89"),
        (Decimal("0"), "CHF", "de", "CHF 0.00"),
        (Decimal("-12.5"), "EUR", "de", "EUR -12,50"),
        ("1200", "CHF", "de", "CHF 1'200.00"),
        (None, "CHF", "de", "–"),
    ],
)
def test_money(amount, currency, language, expected):
    assert format_money(amount, currency, language=language) == expected


def test_amount_without_code_and_the_active_language():
    with translation.override("de"):
        assert format_amount(Decimal("1350.50"), "EUR") == "1.350,50"
    with translation.override("en"):
        assert format_amount(Decimal("1350.50"), "EUR") == "1,350.50"


def test_pages_and_pdfs_use_the_same_function():
    with translation.override("de"):
        template = Template("{% load formatting %}{{ value|money:'EUR' }}|{{ day|local_date }}")
        page = template.render(Context({"value": Decimal("1350.5"), "day": date(2026, 11, 3)}))
        assert page == f"{pdf_money(Decimal('1350.5'), 'EUR')}|{pdf_date(date(2026, 11, 3))}"
        assert page == "EUR 1.350,50|3.11.2026"


def test_dates_in_the_readers_language():
    day = date(2026, 11, 3)
    assert format_date(day, language="de") == "3.11.2026"
    assert format_date(day, language="en") == "3 Nov 2026"
    assert format_date("2026-11-03", language="en") == "3 Nov 2026"
    assert format_date(None) == "–"
    assert format_date("bald") == "bald"
    moment = datetime(2026, 11, 3, 13, 5, tzinfo=ZoneInfo("UTC"))
    with translation.override("de"):
        assert format_datetime(moment) == "3.11.2026 14:05"  # Europe/Zurich
    with translation.override("en"):
        assert format_datetime(moment) == "3 Nov 2026, 14:05"


def test_iso_dates_in_stored_values_are_formatted_when_read():
    values = {"start": "2026-11-16", "reference": "BEM-2026-0001", "days": 14}
    with translation.override("en"):
        assert format_iso_dates(values) == {"start": "16 Nov 2026", "reference": "BEM-2026-0001", "days": 14}
    with translation.override("de"):
        assert format_iso_dates(values)["start"] == "16.11.2026"
