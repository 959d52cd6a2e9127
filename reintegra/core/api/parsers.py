"""The API's JSON parser: DRF's, with a limit on nesting.

Python's decoder recurses per level: 1,000 levels raise a `RecursionError` (a 500). No
request of this API nests deeper than a few levels, so anything past `MAX_DEPTH` is
refused as a parse error (400) before a serializer sees it.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32


def nesting_depth(value: Any) -> int:
    """How deeply lists and objects nest in `value` (iteratively: no recursion to exhaust)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        too_deep = _("JSON parse error - nested more than %(depth)s levels deep.") % {"depth": MAX_DEPTH}
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(too_deep) from None
        if nesting_depth(data) > MAX_DEPTH:
            raise ParseError(too_deep)
        return data
