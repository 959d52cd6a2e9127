"""The network map page (picture, table, editable rows) and the picture itself (SVG)."""

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.assessments import ecomap
from reintegra.assessments.forms import NetworkVersionForm, NodeFormSet
from reintegra.assessments.models import Closeness, NetworkNode, Sector, Support, Tie
from reintegra.assessments.permissions import can_assess
from reintegra.assessments.selectors import network_map_of, network_map_read, network_nodes, network_version
from reintegra.assessments.services import NodeInput, network_map_save
from reintegra.assessments.views.common import (
    conflict_message,
    focus_last_row,
    summary_for,
    with_extra_row,
    without_errors,
)
from reintegra.cases.selectors import case_get
from reintegra.core.htmx import run_form_service

NODES_PREFIX = "nodes"


def _initial(nodes: list[NetworkNode]) -> list[dict[str, Any]]:
    return [
        {
            "id": node.pk,
            "name": node.name,
            "sector": node.sector,
            "closeness": node.closeness,
            "tie": node.tie,
            "support": node.support,
        }
        for node in nodes
    ]


def _rows_to_save(formset: Any) -> list[Any]:
    """Stored rows (unless marked for removal) and new rows that hold something."""
    rows = []
    for index, form in enumerate(formset.forms):
        if formset.can_delete and form.cleaned_data.get("DELETE"):
            continue
        if index < formset.initial_form_count() or form.has_changed():
            rows.append(form)
    return rows


def _node_values(form: Any) -> NodeInput:
    data = form.cleaned_data
    return {
        "id": str(data["id"]) if data.get("id") else None,
        "name": data["name"],
        "sector": data["sector"],
        "closeness": data["closeness"],
        "tie": data["tie"],
        "support": data.get("support") or "",
    }


def _display(values: Mapping[str, Any]) -> dict[str, str]:
    """A node's values as people read them (for the conflict comparison)."""

    def label(choices: Any, value: Any) -> str:
        try:
            return str(choices(value).label)
        except ValueError:
            return str(value or "–")

    return {
        "name": str(values.get("name") or ""),
        "sector": label(Sector, values.get("sector")),
        "closeness": label(Closeness, values.get("closeness")),
        "tie": label(Tie, values.get("tie")),
        "support": label(Support, values.get("support")) if values.get("support") else "–",
    }


def _after_conflict(data: Any, stored: list[NetworkNode], stored_version: int) -> Any:
    """Keep what was entered, but base the next save on the stored map: ids it no longer has become new rows."""
    data = data.copy()
    data["version"] = str(stored_version)
    known = {str(node.pk) for node in stored}
    for key in list(data.keys()):
        if key.startswith(f"{NODES_PREFIX}-") and key.endswith("-id") and data[key] not in known:
            data[key] = ""
    return data


@login_required
@require_http_methods(["GET", "POST"])
def network_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    user: Any = request.user
    case = case_get(user=user, case_id=case_id, request=request)
    network_map = network_map_read(user=user, case=case, request=request)
    stored = network_nodes(network_map)
    initial = _initial(stored)
    status, conflict = 200, None
    adding_row = request.method == "POST" and "add_row" in request.POST
    if request.method == "POST" and not adding_row:
        version_form = NetworkVersionForm(request.POST)
        formset = NodeFormSet(request.POST, initial=initial, prefix=NODES_PREFIX)
        if version_form.is_valid() and formset.is_valid():
            rows = _rows_to_save(formset)
            submitted = [_node_values(row) for row in rows]
            version = version_form.cleaned_data["version"]
            call = run_form_service(
                version_form,
                lambda: network_map_save(actor=user, case=case, nodes=submitted, version=version),
                rows=("nodes", rows),
                conflicts=True,
            )
            status = call.status
            if (exc := call.conflict) is not None:
                if case.is_closed or "not admitted" in exc.detail:
                    version_form.add_error(None, conflict_message(case, exc))
                else:
                    fresh = network_map_of(case)
                    stored = network_nodes(fresh)
                    conflict = {
                        "stored": [_display(_initial([node])[0]) for node in stored],
                        "submitted": [_display(values) for values in submitted],
                        "stored_version": network_version(fresh),
                    }
                    data = _after_conflict(request.POST, stored, network_version(fresh))
                    version_form = NetworkVersionForm(data)
                    formset = NodeFormSet(data, initial=_initial(stored), prefix=NODES_PREFIX)
            elif call:
                messages.success(request, _("The network map was saved."))
                return redirect("assessments:network", case_id=case.pk)
        else:
            status = 400
    elif adding_row:
        version_form = NetworkVersionForm(request.POST)
        formset = NodeFormSet(with_extra_row(request.POST, NODES_PREFIX), initial=initial, prefix=NODES_PREFIX)
    else:
        version_form = NetworkVersionForm(initial={"version": network_version(network_map)})
        formset = NodeFormSet(initial=initial, prefix=NODES_PREFIX)
    if adding_row:
        without_errors(version_form, formset)
        focus_last_row(formset, "name")
    errors = summary_for(version_form, formset, _("Person")) if status in (400, 403) or version_form.errors else []
    context = {
        "case": case,
        "may_edit": can_assess(user, case),
        "nodes": stored,
        "version_form": version_form,
        "formset": formset,
        "conflict": conflict,
        "errors": errors,
        "version": network_version(network_map),
    }
    if adding_row and getattr(request, "htmx", False):
        return render(request, "assessments/partials/node_rows.html", context)
    return render(request, "assessments/network.html", context, status=status)


def network_svg_response(request: Any, case_id: Any) -> HttpResponse:
    """The picture, for the page (<img>) and the API alike. Reading it is logged like the map."""
    user = request.user
    case = case_get(user=user, case_id=case_id, request=request)
    nodes = network_nodes(network_map_read(user=user, case=case, request=request))
    client = str(case.client)
    svg = ecomap.render(nodes, client_label=client, title=_("Network map – %(client)s") % {"client": client})
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="network-{case.reference}.svg"'
    return response


@login_required
@require_GET
def network_svg_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    return network_svg_response(request, case_id)
