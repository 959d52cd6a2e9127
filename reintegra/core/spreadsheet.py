"""The one CSV writer of every export: every field quoted, formulas neutralised in every cell.

German and Swiss spreadsheet programs split on `;`, English ones on `,`, and both run a cell
that starts with `=`, `+`, `-`, `@` (or a tab or carriage return) as a formula. A cell such as
`Idee;=1+1` is harmless as one quoted field but becomes a formula when a program splits it at
the `;` — so a formula start is neutralised (prefixed with `'`) at the beginning of the cell and
after every `;`, `,` or tab inside it, whatever delimiter the file itself uses. Numbers and other
non-text values are written as they are (they cannot carry a formula).
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

FORMULA_START = "=+-@\t\r"
# A formula start at the beginning, or after a separator a spreadsheet program may split on.
_DANGER = re.compile(r"(^|[;,\t])(\s*)([=+\-@\t\r])")
DELIMITER = ";"  # what German and Swiss spreadsheet programs expect
BOM = "\ufeff"  # so that spreadsheet programs read umlauts as UTF-8


def cell_safe(value: Any) -> Any:
    """`value` as a spreadsheet will read it harmlessly: text with each formula start prefixed by `'`."""
    if not isinstance(value, str):
        return "" if value is None else value
    return _DANGER.sub(lambda m: f"{m.group(1)}{m.group(2)}'{m.group(3)}", value)


class _Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[Any], rows: Iterable[Iterable[Any]], *, delimiter: str = DELIMITER) -> Iterator[str]:
    """The lines of a CSV file (the first one with the byte-order mark), for streaming responses."""
    writer = csv.writer(_Echo(), delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    yield BOM + writer.writerow([cell_safe(value) for value in header])
    for row in rows:
        yield writer.writerow([cell_safe(value) for value in row])


def csv_text(header: Iterable[Any], rows: Iterable[Iterable[Any]], *, delimiter: str = DELIMITER) -> str:
    """A whole CSV file as text (see `csv_lines`)."""
    buffer = io.StringIO()
    for line in csv_lines(header, rows, delimiter=delimiter):
        buffer.write(line)
    return buffer.getvalue()
