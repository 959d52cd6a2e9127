"""Agreed plan versions: the list, one frozen version, and the comparison of any two."""

from datetime import datetime
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from reintegra.core.formatting import format_date, format_money
from reintegra.plans.labels import FIELD_LABELS
from reintegra.plans.models import (
    GAS_LEVELS,
    LEVEL_LABELS,
    CostBearer,
    GoalStatus,
    Horizon,
    MeasureStatus,
    PlanVersion,
    Priority,
)
from reintegra.plans.selectors.plan import (
    currency_of,
    goals_of,
    plan_compare,
    plan_read_log,
    plan_version_get,
    plan_versions,
)
from reintegra.plans.views.common import visible_case


class CompareForm(forms.Form):
    """Which two versions to compare ("current": the plan as it is now)."""

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(n), _("Version %(n)s") % {"n": n}) for n in numbers]
        self.fields["from"] = forms.TypedChoiceField(label=_("Compare"), choices=choices, coerce=int)
        self.fields["to"] = forms.ChoiceField(
            label=_("with"), choices=[("current", _("the current plan")), *choices], initial="current"
        )


DATE_FIELDS = {"due_date", "start_date", "next_review_on"}
MONEY_FIELDS = {"planned_cost", "actual_cost"}


def local_date(value: Any) -> str:
    """An ISO date from a snapshot as the reader reads it (3.11.2026 / 3 Nov 2026: `core.formatting`)."""
    return format_date(value)


def _label(kind: str, name: str, value: Any, currency: str = "") -> str:
    choices: dict[str, Any] = {
        "horizon": Horizon,
        "priority": Priority,
        "cost_bearer": CostBearer,
        "status": GoalStatus if kind == "goal" else MeasureStatus,
    }
    enum = choices.get(name)
    if enum is not None:
        try:
            return str(enum(value).label)
        except ValueError:
            return str(value)
    if name in DATE_FIELDS:
        return local_date(value)
    if name in MONEY_FIELDS and currency:
        return format_money(value, currency)
    return str(value)


def _readable(value: Any, *, kind: str = "", name: str = "", currency: str = "") -> str:
    if value in (None, "", []):
        return "–"
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict) and "from_date" in item:
                parts.append(f"{local_date(item['from_date'])}: {item['workload_percent']} %")
            else:
                parts.append(str(item))
        return ", ".join(parts)
    return _label(kind, name, value, currency)


def _rows(diff_part: dict[str, Any], titles: dict[str, str], kind: str, currency: str = "") -> list[dict[str, Any]]:
    rows = []
    for item in diff_part["changed"]:
        fields = []
        for name, change in item["fields"].items():
            old, new = change["old"], change["new"]
            if name == "goals":
                old = [titles.get(i, i) for i in old or []]
                new = [titles.get(i, i) for i in new or []]
            fields.append(
                {
                    "label": FIELD_LABELS.get(name, name),
                    "old": _readable(old, kind=kind, name=name, currency=currency),
                    "new": _readable(new, kind=kind, name=name, currency=currency),
                }
            )
        rows.append({"id": item["id"], "title": item["title"], "fields": fields})
    return rows


def _level_rows(goal: dict[str, Any]) -> list[tuple[str, str]]:
    levels = goal.get("levels") or {}
    return [(LEVEL_LABELS[key], levels.get(key, "")) for key in reversed(GAS_LEVELS)]


@login_required
@require_GET
def version_list_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = visible_case(request, case_id)
    plan_read_log(user=request.user, case=case, object_type="plan_version", request=request)
    versions = list(plan_versions(case).order_by("-number"))
    form = CompareForm(numbers=[v.number for v in versions], initial={"to": "current"})
    return render(request, "plans/versions.html", {"case": case, "versions": versions, "compare_form": form})


@login_required
@require_GET
def version_detail_view(request: HttpRequest, case_id: Any, number: int) -> HttpResponse:
    case = visible_case(request, case_id)
    version: PlanVersion = plan_version_get(case, number)
    plan_read_log(user=request.user, case=case, object_type="plan_version", object_id=version.pk, request=request)
    snapshot = version.snapshot
    numbers = {goal["id"]: index for index, goal in enumerate(snapshot.get("goals", []), start=1)}
    context = {
        "case": case,
        "version": version,
        "snapshot": snapshot,
        "next_review": local_date(snapshot.get("next_review_on")) if snapshot.get("next_review_on") else "–",
        "goals": [
            {
                **goal,
                "number": numbers[goal["id"]],
                "level_rows": _level_rows(goal),
                "shown": {name: _label("goal", name, goal.get(name)) for name in ("due_date", "status", "priority")},
            }
            for goal in snapshot.get("goals", [])
        ],
        "measures": [
            {
                **m,
                "goal_numbers": [numbers[g] for g in m.get("goals", []) if g in numbers],
                "shown": {
                    name: _readable(m.get(name), kind="measure", name=name)
                    for name in ("start_date", "due_date", "status", "steps")
                },
            }
            for m in snapshot.get("measures", [])
        ],
    }
    return render(request, "plans/version_detail.html", context)


@login_required
@require_GET
def compare_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = visible_case(request, case_id)
    versions = list(plan_versions(case).order_by("-number"))
    form = CompareForm(request.GET or None, numbers=[v.number for v in versions])
    result = None
    if form.is_bound and form.is_valid():
        to = form.cleaned_data["to"]
        result = plan_compare(
            case, from_number=form.cleaned_data["from"], to_number=None if to == "current" else int(to)
        )
        plan_read_log(user=request.user, case=case, object_type="plan_version", request=request)
        # Goals are never deleted, so the current titles name every goal id a diff mentions.
        titles = {str(goal.pk): goal.title for goal in goals_of(case).only("id", "title")}
        currency = currency_of(case)
        result["goal_rows"] = _rows(result["diff"]["goals"], titles, "goal")
        result["measure_rows"] = _rows(result["diff"]["measures"], titles, "measure", currency)
        result["plan_rows"] = [
            {
                "label": FIELD_LABELS.get(name, name),
                "old": _readable(c["old"], name=name, currency=currency),
                "new": _readable(c["new"], name=name, currency=currency),
            }
            for name, c in result["diff"]["plan"].items()
        ]
        for change in result["changes"]:
            change["field_labels"] = [str(FIELD_LABELS.get(f, f)) for f in change["fields"]]
            at = datetime.fromisoformat(change["at"])
            change["when"] = f"{at.day}.{at.month}.{at.year} {at:%H:%M}"
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "plans/compare.html", {"case": case, "form": form, "result": result}, status=status)
