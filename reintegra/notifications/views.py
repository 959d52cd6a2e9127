"""The inbox: the signed-in person's notifications, newest first; mark one or all as read.

Every action is a POST form that works without JavaScript; with htmx the page swaps
the changed part and announces `notifications-changed` (HX-Trigger), which an
unread badge in the header can listen to.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from reintegra.notifications.selectors import inbox_page, notification_get, unread_count
from reintegra.notifications.services import notification_mark_read, notifications_mark_all_read

CHANGED = "notifications-changed"


def _inbox_context(request: HttpRequest, *, after: str | None = None) -> dict[str, Any]:
    unread_only = request.GET.get("unread") == "1" or request.POST.get("unread") == "1"
    page = inbox_page(request.user, after=after, unread_only=unread_only)
    return {
        "notifications": page.items,
        "next_cursor": page.next_cursor,
        "unread_only": unread_only,
        "unread": unread_count(request.user),
        "paged": bool(after),
    }


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("notifications:inbox")


@login_required
@require_GET
def inbox_view(request: HttpRequest) -> HttpResponse:
    context = _inbox_context(request, after=request.GET.get("after") or None)
    template = "notifications/partials/inbox_list.html" if request.htmx else "notifications/inbox.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@require_POST
def notification_read_view(request: HttpRequest, notification_id: Any) -> HttpResponse:
    notification = notification_get(user=request.user, notification_id=notification_id)
    notification_mark_read(user=request.user, notification=notification)  # type: ignore[arg-type]
    if request.htmx:  # type: ignore[attr-defined]
        context = {"notification": notification, "oob": True, "unread": unread_count(request.user)}
        response = render(request, "notifications/partials/notification_item.html", context)
        response["HX-Trigger"] = CHANGED
        return response
    messages.success(request, _("The notification is marked as read."))
    return redirect(_back(request))


@login_required
@require_POST
def notification_open_view(request: HttpRequest, notification_id: Any) -> HttpResponse:
    """Mark as read and go where the notification points (a path inside Reintegra)."""
    notification = notification_get(user=request.user, notification_id=notification_id)
    notification_mark_read(user=request.user, notification=notification)  # type: ignore[arg-type]
    target = notification.link
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("notifications:inbox")
    return redirect(target)


@login_required
@require_POST
def notifications_read_all_view(request: HttpRequest) -> HttpResponse:
    changed = notifications_mark_all_read(user=request.user)  # type: ignore[arg-type]
    if request.htmx:  # type: ignore[attr-defined]
        response = render(request, "notifications/partials/inbox_list.html", _inbox_context(request))
        response["HX-Trigger"] = CHANGED
        return response
    if changed:
        messages.success(request, _("All notifications are marked as read."))
    return redirect(_back(request))


@login_required
@require_GET
def unread_badge_view(request: HttpRequest) -> HttpResponse:
    """The unread count for the navigation (`{% inbox_badge %}` refetches it on `notifications-changed`)."""
    return render(request, "notifications/partials/unread_badge.html", {"count": unread_count(request.user)})
