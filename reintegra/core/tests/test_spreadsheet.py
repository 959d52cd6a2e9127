"""The one CSV writer: every field quoted, formula starts neutralised wherever a program may split."""

import csv
import io

import pytest

from reintegra.core.spreadsheet import cell_safe, csv_lines, csv_text


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("=1+1", "'=1+1"),
        ("Idee;=1+1", "Idee;'=1+1"),
        ("Idee,=1+1", "Idee,'=1+1"),
        ("a;  +SUM(A1)", "a;  '+SUM(A1)"),
        ("@cmd", "'@cmd"),
        ("-2", "'-2"),
        ("Rückkehr 80 %", "Rückkehr 80 %"),
        ("E-Mail an HR", "E-Mail an HR"),
    ],
)
def test_formula_starts_are_neutralised_at_the_start_and_after_every_separator(typed, written):
    assert cell_safe(typed) == written


def test_non_text_values_stay_as_they_are():
    assert cell_safe(3) == 3
    assert cell_safe(None) == ""


@pytest.mark.parametrize("delimiter", [";", ","])
def test_a_split_cell_never_starts_a_formula_whatever_the_program_splits_on(delimiter):
    text = csv_text(["Text"], [["Idee;=1+1"], ["x,=HYPERLINK(1)"]], delimiter=delimiter)
    assert text.startswith("\ufeff")
    body = text.removeprefix("\ufeff")
    assert body.splitlines()[1] == '"Idee;\'=1+1"'
    for separator in (";", ","):  # read as a German (;) or an English (,) program would
        for row in csv.reader(io.StringIO(body), delimiter=separator):
            assert all(not cell.lstrip().startswith(("=", "+", "-", "@")) for cell in row)


def test_every_field_is_quoted_and_lines_stream_one_by_one():
    lines = list(csv_lines(["a", "b"], [[1, "x"], [2, "y"]]))
    assert lines == ['\ufeff"a";"b"\r\n', '"1";"x"\r\n', '"2";"y"\r\n']
