"""Team pages (issue #14): hand one case or many over, set and clear the deputy."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reintegra.accounts.models import Role, User
from reintegra.accounts.selectors import staff_members
from reintegra.cases.forms import DeputyForm, ReassignForm
from reintegra.cases.models import Case
from reintegra.cases.permissions import can_change_case, can_reassign_case
from reintegra.cases.selectors import (
    assignable_case_managers,
    case_for_change,
    cases_for_reassign,
)
from reintegra.cases.services.case import case_update
from reintegra.cases.services.common import CHANGE_REFUSED
from reintegra.cases.services.reassign import REASSIGN_REFUSED, case_reassign, cases_reassign
from reintegra.core.htmx import run_form_service
from reintegra.core.permissions import require


def _person(user: Any, pk: str) -> User | None:
    return User.objects.filter(pk=pk, organisation_id=user.organisation_id).first() if pk else None


@login_required
@require_http_methods(["GET", "POST"])
def case_reassign_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    """Hand one case to another case manager, with a reason."""
    user: Any = request.user
    # The page is for those who see the case (team leads); an organisation admin hands cases over
    # through the API or the staff page's deactivation, without seeing them.
    case = case_for_change(user=user, case_id=case_id, request=request)
    require(can_reassign_case(user, case), REASSIGN_REFUSED)
    choices = [(pk, label) for pk, label in assignable_case_managers(user=user) if pk != str(case.case_manager_id)]
    form = ReassignForm(request.POST or None, case_managers=choices)
    status = 200
    if request.method == "POST" and form.is_valid():
        to_user, reason = _person(user, form.cleaned_data["case_manager"]), form.cleaned_data["reason"]
        call = run_form_service(form, lambda: case_reassign(actor=user, case=case, to_user=to_user, reason=reason))
        if call:
            messages.success(request, _("Case %(reference)s was handed over.") % {"reference": case.reference})
            if case_for_reassign_visible(user, case):
                return redirect(case)
            return redirect("core:home")
        status = call.status
    if form.errors and status == 200:
        status = 400
    context = {"case": case, "cases": [case], "form": form, "back": case.get_absolute_url()}
    return render(request, "cases/reassign.html", context, status=status)


def case_for_reassign_visible(user: Any, case: Any) -> bool:
    """Whether the person still sees the case after handing it over (a lead who moved it to a unit
    they do not lead would not; then the start page)."""
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


@login_required
@require_http_methods(["GET", "POST"])
def cases_reassign_view(request: HttpRequest) -> HttpResponse:
    """Hand the cases selected in the case list to another case manager (all or nothing)."""
    user: Any = request.user
    require(can_reassign_case(user), REASSIGN_REFUSED)
    source = request.POST if request.method == "POST" else request.GET
    ids = source.getlist("cases")
    cases = cases_for_reassign(user=user, case_ids=ids) if ids else []
    form = ReassignForm(
        request.POST if request.method == "POST" else None, case_managers=assignable_case_managers(user=user)
    )
    status = 200
    problem = None
    if cases is None:
        problem, cases, status = _("One or more of these cases are unknown to you."), [], 400
    elif not cases:
        problem = _("Choose at least one case in the case list.")
        status = 400 if request.method == "POST" else 200
    elif request.method == "POST" and form.is_valid():
        to_user, reason = _person(user, form.cleaned_data["case_manager"]), form.cleaned_data["reason"]
        selected = cases
        call = run_form_service(
            form, lambda: cases_reassign(actor=user, cases=selected, to_user=to_user, reason=reason)
        )
        if call:
            messages.success(request, _("%(count)s cases were handed over.") % {"count": call.result})
            return redirect("cases:list")
        status = call.status
    if form.errors and status == 200 and request.method == "POST":
        status = 400
    context = {"case": None, "cases": cases, "form": form, "back": reverse("cases:list"), "problem": problem}
    return render(request, "cases/reassign.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_deputy_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    """Set or clear the case's deputy (staff who work on cases; never the case manager)."""
    user: Any = request.user
    case = case_for_change(user=user, case_id=case_id, request=request)
    require(can_change_case(user, case), CHANGE_REFUSED)
    people = [
        (str(person.pk), person.display_name)
        for person in staff_members(organisation_id=case.organisation_id, roles=(Role.CASE_MANAGER, Role.TEAM_LEAD))
        if person.pk != case.case_manager_id
    ]
    initial = {"deputy": str(case.deputy_id or ""), "version": case.version}
    form = DeputyForm(request.POST or None, people=people, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        version, deputy = form.cleaned_data["version"], _person(user, form.cleaned_data["deputy"])
        call = run_form_service(
            form, lambda: case_update(actor=user, case=case, version=version, data={"deputy": deputy})
        )
        if call:
            messages.success(
                request, _("The deputy was saved.") if form.cleaned_data["deputy"] else _("The deputy was removed.")
            )
            return redirect(case)
        status = call.status
    if form.errors and status == 200:
        status = 400
    return render(request, "cases/deputy.html", {"case": case, "form": form}, status=status)
