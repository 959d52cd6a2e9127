"""What a locked-out sign-in gets: JSON for the API, a page for people."""

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def lockout_response(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": "Too many failed sign-ins. This account is locked for 15 minutes; try again later."},
            status=429,
        )
    return render(request, "accounts/locked_out.html", status=429)
