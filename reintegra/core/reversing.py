"""URLs by name, each name reversed once per process: `url_for("cases:edit", case.pk)`.

`reverse()` walks the URL resolver on every call (~100 Python calls each); the case page made
51 of them per request and the case list 44, about 9 % of their Python time (docs/performance.md,
"Issue 22"). Here a URL name is reversed once with placeholder ids in place of the UUID arguments
and kept; every later call substitutes the ids into that string. Arguments that are not UUIDs
(a phase key, an action) are part of the kept URL's key, as are the script prefix and the
request's URLconf, so the result is exactly `reverse()`'s. Unknown names raise `NoReverseMatch`
as `reverse()` does (nothing is kept for them).

In templates: `{% load links %}` and `{% url_for 'cases:edit' case.pk %}` (also `... as name`).
"""

import uuid
from functools import lru_cache
from typing import Any

from django.urls import get_script_prefix, get_urlconf, reverse

# One distinct, valid UUID per argument position: the `uuid` converter accepts it, and it cannot
# occur in a reversed URL by chance.
_PLACEHOLDERS = [uuid.UUID(f"00000000-feed-4000-8000-{n:012x}") for n in range(8)]
_PLACEHOLDER_TEXT = [str(placeholder) for placeholder in _PLACEHOLDERS]


def _shape(values: list[Any]) -> tuple[tuple[Any, ...], list[str]]:
    """The arguments with UUIDs replaced by placeholders, and the UUIDs' text in that order."""
    shaped: list[Any] = []
    ids: list[str] = []
    for value in values:
        if isinstance(value, uuid.UUID):
            shaped.append(_PLACEHOLDERS[len(ids)])
            ids.append(str(value))
        else:
            shaped.append(value)
    return tuple(shaped), ids


@lru_cache(maxsize=2048)
def _template(name: str, args: tuple[Any, ...], kwarg_names: tuple[str, ...], prefix: str, urlconf: Any) -> str:
    """`prefix` is not used here: it is part of the key (reverse() reads the thread's script prefix)."""
    if kwarg_names:
        return reverse(name, urlconf=urlconf, kwargs=dict(zip(kwarg_names, args, strict=True)))
    return reverse(name, urlconf=urlconf, args=list(args))


def url_for(name: str, *args: Any, **kwargs: Any) -> str:
    """`reverse(name, args=args)` or `reverse(name, kwargs=kwargs)`: the same string, built once per name."""
    if args and kwargs:
        raise ValueError("url_for takes positional or keyword arguments, not both")
    names = tuple(sorted(kwargs))
    values = [kwargs[key] for key in names] if kwargs else list(args)
    if len(values) > len(_PLACEHOLDERS):
        return reverse(name, args=args or None, kwargs=kwargs or None)
    shaped, ids = _shape(values)
    try:
        url = _template(name, shaped, names, get_script_prefix(), get_urlconf())
    except TypeError:  # an unhashable argument: nothing to keep
        return reverse(name, args=args or None, kwargs=kwargs or None)
    for placeholder, value in zip(_PLACEHOLDER_TEXT, ids, strict=False):
        url = url.replace(placeholder, value)
    return url
