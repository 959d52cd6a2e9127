"""A small, safe arithmetic language for scoring rules (never `eval`).

A scoring rule is a Python-like expression, parsed with `ast` and checked node by node
before anything is computed. Allowed:

- numbers (`7`, `1.5`), item keys (`wai_q1`), parentheses;
- `+`, `-`, `*`, `/` and unary minus or plus;
- `min(a, b, …)`, `max(a, b, …)` (two or more arguments), `round(x)` and `round(x, n)`
  with `n` a whole number from 0 to 6 (halves round away from zero).

Everything else is refused: attribute access, subscripts, calls to any other name,
`**` (so no huge exponents), comparisons, strings, lambdas, comprehensions, keywords.
Arithmetic runs on `Decimal` in a bounded context, so results are exact for the half
points of the Work Ability Index and no input can make the computation explode.
"""

import ast
import math
from collections.abc import Collection, Mapping
from decimal import ROUND_HALF_UP, Context, Decimal, DecimalException, localcontext

from django.utils.translation import gettext as _

MAX_LENGTH = 2000
MAX_NODES = 400
MAX_CONSTANT = 10**9
MAX_ROUND_DIGITS = 6
FUNCTIONS = frozenset({"min", "max", "round"})

_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_REFUSED_OPERATORS = {
    ast.Pow: "**",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.BitXor: "^",
}


class ScoringError(ValueError):
    """The expression is not allowed, names an unknown item, or cannot be computed."""


def tree_names(tree: ast.AST) -> set[str]:
    """The item keys a checked expression uses."""
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id not in FUNCTIONS}


def expression_check(expression: object, *, names: Collection[str]) -> ast.Expression:
    """Parse and check an expression; `names` are the item keys it may use."""
    if not isinstance(expression, str) or not expression.strip():
        raise ScoringError(_("Enter a scoring expression, for example: (item_a + item_b) / 2."))
    if len(expression) > MAX_LENGTH:
        raise ScoringError(_("The scoring expression is too long (at most %(max)s characters).") % {"max": MAX_LENGTH})
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise ScoringError(_("The scoring expression is not a valid arithmetic expression.")) from exc
    if sum(1 for _node in ast.walk(tree)) > MAX_NODES:
        raise ScoringError(_("The scoring expression is too complex (at most %(max)s parts).") % {"max": MAX_NODES})
    _check(tree.body, frozenset(names))
    return tree


def _check(node: ast.AST, names: frozenset[str]) -> None:
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ScoringError(_("Only numbers are allowed, not %(value)s.") % {"value": repr(value)[:40]})
        if (isinstance(value, float) and not math.isfinite(value)) or abs(value) > MAX_CONSTANT:
            raise ScoringError(_("Numbers must lie between -%(max)s and %(max)s.") % {"max": MAX_CONSTANT})
    elif isinstance(node, ast.Name):
        if node.id in FUNCTIONS:
            raise ScoringError(_("%(name)s must be called with arguments, as in %(name)s(a, b).") % {"name": node.id})
        if node.id not in names:
            raise ScoringError(_("Unknown item key: %(key)s.") % {"key": node.id[:60]})
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _OPERATORS:
            symbol = _REFUSED_OPERATORS.get(type(node.op), type(node.op).__name__)  # type: ignore[call-overload]
            raise ScoringError(_("The operator %(symbol)s is not allowed; use + - * /.") % {"symbol": symbol})
        _check(node.left, names)
        _check(node.right, names)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.USub | ast.UAdd):
            raise ScoringError(_("Only + and - may stand before a value."))
        _check(node.operand, names)
    elif isinstance(node, ast.Call):
        _check_call(node, names)
    elif isinstance(node, ast.Attribute):
        raise ScoringError(_("Attribute access (a.b) is not allowed."))
    elif isinstance(node, ast.Subscript):
        raise ScoringError(_("Indexing (a[b]) is not allowed."))
    else:
        raise ScoringError(_("%(kind)s is not allowed in a scoring expression.") % {"kind": type(node).__name__})


def _check_call(node: ast.Call, names: frozenset[str]) -> None:
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
        raise ScoringError(_("Only min(), max() and round() may be called."))
    function = node.func.id
    if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
        raise ScoringError(_("%(name)s() takes plain arguments only.") % {"name": function})
    if function in ("min", "max") and len(node.args) < 2:
        raise ScoringError(_("%(name)s() needs at least two arguments.") % {"name": function})
    if function == "round":
        if len(node.args) not in (1, 2):
            raise ScoringError(_("round() takes a value and, optionally, a number of decimal places."))
        if len(node.args) == 2:
            digits = node.args[1]
            if not (
                isinstance(digits, ast.Constant) and type(digits.value) is int and 0 <= digits.value <= MAX_ROUND_DIGITS
            ):
                raise ScoringError(
                    _("The decimal places of round() must be a whole number from 0 to %(max)s.")
                    % {"max": MAX_ROUND_DIGITS}
                )
            _check(node.args[0], names)
            return
    for arg in node.args:
        _check(arg, names)


def _context() -> Context:
    # Bounded: 28 significant digits, exponents within ±100; every problem raises.
    return Context(prec=28, Emax=100, Emin=-100, rounding=ROUND_HALF_UP)


def expression_evaluate(expression: str, values: Mapping[str, Decimal]) -> Decimal:
    """Compute the expression with `values` (item key → Decimal). Raises ScoringError."""
    tree = expression_check(expression, names=values.keys())
    try:
        with localcontext(_context()):
            result = _evaluate(tree.body, values)
    except (DecimalException, ArithmeticError) as exc:
        raise ScoringError(
            _("The score cannot be computed from these answers (for example a division by zero).")
        ) from exc
    return result


def _evaluate(node: ast.AST, values: Mapping[str, Decimal]) -> Decimal:
    if isinstance(node, ast.Constant):
        return Decimal(repr(node.value))
    if isinstance(node, ast.Name):
        return Decimal(values[node.id])
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else +operand
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, values)
        right = _evaluate(node.right, values)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if right == 0:
            raise ZeroDivisionError("division by zero")
        return left / right
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)  # guaranteed by _check
    if node.func.id == "round":
        digits = node.args[1].value if len(node.args) == 2 else 0  # type: ignore[attr-defined]
        return _evaluate(node.args[0], values).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    arguments = [_evaluate(arg, values) for arg in node.args]
    return min(arguments) if node.func.id == "min" else max(arguments)
