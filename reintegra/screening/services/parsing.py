"""Reading an HR export: CSV (UTF-8, or Windows-1252 with semicolons as Excel writes it) or XLSX.

Only reading and checking values here; what the rows mean for the database is `imports.py`.
"""

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from reintegra.core.exceptions import InvalidInput

COLUMNS = (
    "personnel_number",
    "first_name",
    "last_name",
    "birth_date",
    "unit",
    "start",
    "end",
    "kind",
    "percent",
    "work_days_per_week",
)
REQUIRED = ("personnel_number", "first_name", "last_name", "start", "kind")
# German words HR systems in CH/DE write for the kinds, accepted next to ours.
KIND_WORDS = {
    "illness": "illness",
    "krankheit": "illness",
    "krank": "illness",
    "accident": "accident",
    "unfall": "accident",
    "other": "other",
    "andere": "other",
    "sonstige": "other",
}
GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
XLSX_MAGIC = b"PK\x03\x04"
MAX_ERRORS = 1000


@dataclass(frozen=True)
class RowError:
    """A problem in one data row (1-based; None for the header) and field."""

    row: int | None
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class ParsedRow:
    """One data row with checked values."""

    row: int
    personnel_number: str
    first_name: str
    last_name: str
    birth_date: date | None
    unit: str
    start: date
    end: date | None
    kind: str
    percent: int
    work_days_per_week: int


def _decode(payload: bytes) -> str:
    if payload.startswith(b"\xef\xbb\xbf"):
        payload = payload[3:]
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        # Excel in CH/DE saves "CSV" as Windows-1252; every byte decodes, so this never fails.
        return payload.decode("cp1252")


def _csv_rows(payload: bytes) -> Iterator[list[Any]]:
    text = _decode(payload)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _xlsx_rows(payload: bytes) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(payload), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InvalidInput({"file": [_("This is not a readable XLSX file.")]}) from exc
    sheet = workbook.active
    if sheet is None:
        raise InvalidInput({"file": [_("The workbook has no sheet.")]})
    return (list(row) for row in sheet.iter_rows(values_only=True))


def table_rows(payload: bytes) -> Iterator[list[Any]]:
    """The rows of the file (header first), whatever its format."""
    if not payload:
        raise InvalidInput({"file": [_("The file is empty.")]})
    return _xlsx_rows(payload) if payload.startswith(XLSX_MAGIC) else _csv_rows(payload)


def _fold(header: Any) -> str:
    return str(header or "").strip().casefold()


def column_index(header: list[Any], mapping: dict[str, str] | None) -> dict[str, int]:
    """Our column → its position in the file, through the saved mapping (headers match case-insensitively)."""
    positions = {_fold(name): index for index, name in enumerate(header) if _fold(name)}
    found: dict[str, int] = {}
    missing = []
    for column in COLUMNS:
        source = (mapping or {}).get(column) or column
        if _fold(source) in positions:
            found[column] = positions[_fold(source)]
        elif _fold(column) in positions:
            found[column] = positions[_fold(column)]
        elif column in REQUIRED:
            missing.append(RowError(None, column, _("The column “%(name)s” is missing.") % {"name": source}))
    if missing:
        raise InvalidInput({"errors": [error.as_dict() for error in missing]})
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value: Any) -> date | None:
    """A date from a cell: a date object (XLSX), `YYYY-MM-DD` or `dd.mm.yyyy`; None when empty.

    Raises ValueError for anything else.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    match = ISO_DATE.match(text)
    if match:
        return date(int(match[1]), int(match[2]), int(match[3]))
    match = GERMAN_DATE.match(text)
    if match:
        return date(int(match[3]), int(match[2]), int(match[1]))
    raise ValueError(text)


def _number(value: Any, default: int, low: int, high: int) -> int:
    text = _text(value).replace(",", ".")
    if not text:
        return default
    number = float(text)
    if not number.is_integer() or not low <= number <= high:
        raise ValueError(text)
    return int(number)


def parse_rows(
    payload: bytes, mapping: dict[str, str] | None, *, progress: Callable[[int], None] | None = None
) -> tuple[list[ParsedRow], list[RowError]]:
    """Every data row checked: the good rows and the errors (per row and field)."""
    rows = table_rows(payload)
    header = next(rows, None)
    if header is None:
        raise InvalidInput({"file": [_("The file is empty.")]})
    index = column_index(list(header), mapping)
    parsed: list[ParsedRow] = []
    errors: list[RowError] = []
    number = 0
    for cells in rows:
        if not any(_text(cell) for cell in cells):
            continue  # blank lines (Excel leaves them at the end)
        number += 1
        if progress is not None and number % 5000 == 0:
            progress(number)

        def cell(column: str, cells: list[Any] = cells) -> Any:
            position = index.get(column)
            return cells[position] if position is not None and position < len(cells) else None

        row_errors: list[RowError] = []
        values: dict[str, Any] = {}
        for column, limit in (("personnel_number", 40), ("first_name", 100), ("last_name", 100), ("unit", 200)):
            text = _text(cell(column))
            if not text and column in REQUIRED:
                row_errors.append(RowError(number, column, _("This field is required.")))
            elif len(text) > limit:
                row_errors.append(RowError(number, column, _("At most %(n)d characters.") % {"n": limit}))
            values[column] = text
        for column in ("birth_date", "start", "end"):
            try:
                values[column] = parse_date(cell(column))
            except ValueError:
                row_errors.append(RowError(number, column, _("Enter a date as YYYY-MM-DD or dd.mm.yyyy.")))
                values[column] = None
            else:
                if values[column] is None and column == "start":
                    row_errors.append(RowError(number, column, _("This field is required.")))
        if values["start"] and values["end"] and values["end"] < values["start"]:
            row_errors.append(RowError(number, "end", _("The last day must be on or after the first day.")))
        kind_text = _text(cell("kind")).casefold()
        values["kind"] = KIND_WORDS.get(kind_text, "")
        if not values["kind"]:
            row_errors.append(RowError(number, "kind", _("Enter illness, accident or other.")))
        try:
            values["percent"] = _number(cell("percent"), 100, 1, 100)
        except ValueError:
            row_errors.append(RowError(number, "percent", _("Enter a whole percentage from 1 to 100.")))
        try:
            values["work_days_per_week"] = _number(cell("work_days_per_week"), 5, 1, 7)
        except ValueError:
            row_errors.append(RowError(number, "work_days_per_week", _("Enter a whole number from 1 to 7.")))
        if row_errors:
            errors.extend(row_errors)
            continue
        parsed.append(ParsedRow(row=number, **values))
    if number == 0:
        raise InvalidInput({"file": [_("The file has a header but no rows.")]})
    if progress is not None:
        progress(number)
    return parsed, errors
