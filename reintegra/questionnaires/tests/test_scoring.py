"""The safe evaluator: what it computes, and everything it refuses before computing."""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from reintegra.questionnaires.scoring import ScoringError, expression_check, expression_evaluate

D = Decimal


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def evaluate(expression: str, **values: object) -> Decimal:
    return expression_evaluate(expression, {k: D(str(v)) for k, v in values.items()})


@pytest.mark.parametrize(
    ("expression", "values", "expected"),
    [
        ("a + b * 2", {"a": 1, "b": 3}, "7"),
        ("(a + b) * 2", {"a": 1, "b": 3}, "8"),
        ("a * 1.5 + b * 0.5", {"a": 3, "b": 4}, "6.5"),
        ("-a + +b", {"a": 2, "b": 5}, "3"),
        ("(a + b + c) / 3", {"a": 1, "b": 2, "c": 2}, "1.666666666666666666666666667"),
        ("min(a, b, 3)", {"a": 4, "b": 5}, "3"),
        ("max(1, round((a + 1) / 3))", {"a": 0}, "1"),
        ("round(a)", {"a": "2.5"}, "3"),
        ("round(a)", {"a": "-2.5"}, "-3"),
        ("round(a, 1)", {"a": "2.25"}, "2.3"),
        ("round(a, 0)", {"a": "2.4"}, "2"),
        ("7", {}, "7"),
    ],
)
def test_allowed_expressions_compute_exactly(expression, values, expected):
    assert evaluate(expression, **values) == D(expected)


@pytest.mark.parametrize(
    ("expression", "fragment"),
    [
        ("a.real", "Attribute"),
        ("a.__class__.__bases__", "Attribute"),
        ("__import__('os').system('id')", "Only min(), max() and round()"),
        ("open('/etc/passwd')", "Only min(), max() and round()"),
        ("abs(a)", "Only min(), max() and round()"),
        ("a(1)", "Only min(), max() and round()"),
        ("(lambda: 1)()", "Only min(), max() and round()"),
        ("2 ** 99999999", "**"),
        ("9 ** 9 ** 9", "**"),
        ("a ** 2", "**"),
        ("a // 2", "//"),
        ("a % 2", "%"),
        ("a << 100", "<<"),
        ("~a", "Only + and -"),
        ("not a", "Only + and -"),
        ("[1, 2][0]", "Indexing"),
        ("'text'", "Only numbers"),
        ("True + 1", "Only numbers"),
        ("1j", "Only numbers"),
        ("1e999", "between"),
        ("10000000000", "between"),
        ("1" * 1999, "between"),
        ("-1e309", "between"),
        ("a if a else 1", "IfExp"),
        ("a < 2", "Compare"),
        ("a and 1", "BoolOp"),
        ("(x := 1)", "NamedExpr"),
        ("[a for a in b]", "ListComp"),
        ("round(a, ndigits=2)", "plain arguments"),
        ("max(*a)", "plain arguments"),
        ("min(a)", "at least two"),
        ("round(a, 2.5)", "whole number"),
        ("round(a, 99)", "whole number"),
        ("round(a, b)", "whole number"),
        ("round()", "round() takes"),
        ("min", "must be called"),
        ("unknown + 1", "Unknown item key: unknown"),
        ("a +", "not a valid"),
        ("import os", "not a valid"),
        ("a; b", "not a valid"),
        ("", "Enter a scoring expression"),
        ("(" * 300 + "a" + ")" * 300, "not a valid"),
        ("-" * 5000 + "a", "too long"),
        (" + ".join(["a"] * 300), "too complex"),
    ],
)
def test_forbidden_or_broken_expressions_are_refused(expression, fragment):
    with pytest.raises(ScoringError) as refused:
        expression_check(expression, names={"a", "b"})
    assert fragment in str(refused.value)


def test_non_text_expression_is_refused():
    with pytest.raises(ScoringError):
        expression_check(None, names={"a"})


def test_division_by_zero_and_overflow_are_errors_not_crashes():
    with pytest.raises(ScoringError):
        evaluate("a / b", a=1, b=0)
    with pytest.raises(ScoringError):
        evaluate(" * ".join(["1000000000"] * 15))
    with pytest.raises(ScoringError):  # too many digits to round to whole numbers
        evaluate("round(" + " * ".join(["1000000000"] * 4) + ")")


def test_names_must_be_given_values():
    with pytest.raises(ScoringError):
        expression_evaluate("a + b", {"a": D(1)})


@given(st.integers(-1000, 1000), st.integers(-1000, 1000))
def test_min_plus_max_is_the_sum(a, b):
    assert evaluate("min(a, b) + max(a, b)", a=a, b=b) == a + b


@given(st.integers(0, 12))
def test_wai_mental_resources_mapping(total):
    """0–3 → 1, 4–6 → 2, 7–9 → 3, 10–12 → 4 (Tuomi et al. 1998), with only round() and max()."""
    expected = 1 if total <= 3 else 2 if total <= 6 else 3 if total <= 9 else 4
    assert evaluate("max(1, round((s + 1) / 3))", s=total) == expected
