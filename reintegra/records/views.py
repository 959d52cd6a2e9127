"""The pages' skin: the export button on the case page downloads the same zip as the API."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reintegra.core.permissions import require
from reintegra.records.forms import ClientSearchForm
from reintegra.records.permissions import can_find_client_records
from reintegra.records.responses import client_export_response
from reintegra.records.selectors import clients_found


@login_required
@require_GET
def client_export_view(request: HttpRequest, client_id: Any) -> HttpResponse:
    return client_export_response(request, client_id)


@login_required
@require_GET
def client_search_view(request: HttpRequest) -> HttpResponse:
    """Data protection: find a person by name and export their record (one button per person)."""
    require(can_find_client_records(request.user), "Only data protection finds a person's record.")
    form = ClientSearchForm(request.GET or None)
    clients = None
    if form.is_valid():
        clients = clients_found(user=request.user, query=form.cleaned_data["q"], request=request)
    status = 400 if form.errors else 200
    return render(request, "records/client_search.html", {"form": form, "clients": clients}, status=status)
