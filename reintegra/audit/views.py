"""The access-log page and its CSV export, for the data-protection role.

Others get 404 (as for every page that is not theirs; the API answers 403), and the
attempt is logged. The page is keyset-paginated on (at, id), so no page counts the table;
case references come from one query per page (or per export chunk).
"""

import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reintegra.audit.forms import AccessLogFilterForm
from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.audit.permissions import can_read_access_log
from reintegra.audit.selectors import (
    AccessLogFilters,
    access_log_case_references,
    access_log_case_resolve,
    access_log_list,
    normalised_case_id,
    with_case_references,
)
from reintegra.audit.services import ACCESS_LOG_OBJECT, access_log_denied, access_log_write
from reintegra.core.spreadsheet import csv_lines

PAGE_SIZE = 50
EXPORT_CHUNK = 500
CSV_COLUMNS = [
    "at",
    "user_id",
    "username",
    "action",
    "object",
    "object_id",
    "case",
    "case_reference",
    "recipient",
    "detail",
]


def _data_protection_only(request: HttpRequest) -> None:
    if not can_read_access_log(request.user):
        access_log_denied(user=request.user, request=request)
        raise Http404(_("Not found."))


def _filters(request: HttpRequest) -> tuple[AccessLogFilterForm, AccessLogFilters | None]:
    """The bound filter form, and the filters when they are valid (a case reference resolved to its id)."""
    form = AccessLogFilterForm(request.GET)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    case_id = None
    if data["case"].strip():
        case_id = access_log_case_resolve(viewer=request.user, value=data["case"])
        if case_id is None:
            form.add_error(
                "case",
                _("There is no case with this reference in your organisation. Enter a reference or a case id."),
            )
            return form, None
    filters = AccessLogFilters(
        case=case_id,
        user=data["user"].strip() or None,
        action=data["action"] or None,
        date_from=data["from"],
        date_to=data["to"],
    )
    return form, filters


def _cursor(value: str) -> tuple[datetime, str] | None:
    """`before=<at in ISO 8601>~<entry id>`: the last row of the previous page; None when malformed."""
    at_text, _sep, pk = value.partition("~")
    try:
        at = datetime.fromisoformat(at_text)
        entry_id = str(uuid.UUID(pk))
    except ValueError:
        return None
    if timezone.is_naive(at):
        return None
    return at, entry_id


def _url(name: str, request: HttpRequest, **changes: str | None) -> str:
    """The URL `name` with the request's query string, some parameters changed (None drops them)."""
    query = request.GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    encoded = query.urlencode()
    return reverse(name) + (f"?{encoded}" if encoded else "")


@login_required
@require_GET
def access_log_view(request: HttpRequest) -> HttpResponse:
    """The organisation's access log, newest first, filterable; each reading of it is logged."""
    _data_protection_only(request)
    form, filters = _filters(request)
    context: dict[str, Any] = {"form": form, "show_results": filters is not None}
    if filters is None:
        return render(request, "audit/access_log.html", context, status=400)
    entries: QuerySet[AccessLogEntry] = access_log_list(viewer=request.user, filters=filters)
    cursor = _cursor(request.GET.get("before", ""))
    if cursor is not None:
        at, entry_id = cursor
        entries = entries.filter(Q(at__lt=at) | Q(at=at, id__lt=entry_id))
    rows = list(entries[: PAGE_SIZE + 1])
    page = rows[:PAGE_SIZE]
    with_case_references(page, access_log_case_references(viewer=request.user, case_ids=[e.case_id for e in page]))
    access_log_write(
        user=request.user,
        action=AccessAction.READ,
        object_type=ACCESS_LOG_OBJECT,
        request=request,
        detail=filters.describe(),
    )
    last = page[-1] if len(rows) > PAGE_SIZE else None
    context.update(
        {
            "entries": page,
            "later_page": cursor is not None,
            "next_url": _url("audit:log", request, before=f"{last.at.isoformat()}~{last.pk}") if last else None,
            "first_url": _url("audit:log", request, before=None),
            "csv_url": _url("audit:log_csv", request, before=None),
        }
    )
    return render(request, "audit/access_log.html", context)


def _chunks(items: Iterable[AccessLogEntry], size: int) -> Iterator[list[AccessLogEntry]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _csv_rows(viewer: Any, entries: QuerySet[AccessLogEntry]) -> Iterator[list[Any]]:
    for chunk in _chunks(entries.iterator(chunk_size=EXPORT_CHUNK), EXPORT_CHUNK):
        references = access_log_case_references(viewer=viewer, case_ids=[entry.case_id for entry in chunk])
        for entry in chunk:
            key = normalised_case_id(entry.case_id) if entry.case_id else None
            yield [
                timezone.localtime(entry.at).isoformat(),
                entry.user_id,
                entry.username,
                entry.action,
                entry.object_type,
                entry.object_id,
                entry.case_id,
                references.get(key, "") if key else "",
                entry.recipient,
                entry.detail,
            ]


@login_required
@require_GET
def access_log_csv_view(request: HttpRequest) -> HttpResponseBase:
    """The filtered log as CSV (streamed, every matching entry); the export is logged."""
    _data_protection_only(request)
    form, filters = _filters(request)
    if filters is None:
        return render(request, "audit/access_log.html", {"form": form, "show_results": False}, status=400)
    # A snapshot up to now: entries made while the file streams (this export's own among them) stay out.
    entries = access_log_list(viewer=request.user, filters=filters).filter(at__lte=timezone.now())
    access_log_write(
        user=request.user,
        action=AccessAction.EXPORT,
        object_type=ACCESS_LOG_OBJECT,
        request=request,
        detail=filters.describe(),
    )
    response = StreamingHttpResponse(
        csv_lines(CSV_COLUMNS, _csv_rows(request.user, entries)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="access-log-{timezone.localdate():%Y-%m-%d}.csv"'
    return response
