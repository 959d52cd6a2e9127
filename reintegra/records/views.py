"""The pages' skin: the export button on the case page downloads the same zip as the API."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from reintegra.records.responses import client_export_response


@login_required
@require_GET
def client_export_view(request: HttpRequest, client_id: Any) -> HttpResponse:
    return client_export_response(request, client_id)
