"""Screening pages: the list, an employee's absences, import with preview and progress, invitations."""

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.cases.models import CaseType
from reintegra.core.exceptions import Conflict, InvalidInput
from reintegra.core.htmx import form_add_errors, run_form_service, run_service_or_message
from reintegra.core.permissions import page_requires, require
from reintegra.screening.exports import works_council_csv, works_council_pdf
from reintegra.screening.forms import (
    ColumnMappingForm,
    ImportForm,
    InviteForm,
    NewScreeningRuleForm,
    RespondForm,
    ScreeningFilterForm,
    ScreeningRuleForm,
)
from reintegra.screening.letters import letter_pdf
from reintegra.screening.models import ColumnMapping, ImportJob, ScreeningRule
from reintegra.screening.permissions import (
    can_configure_screening_rules,
    can_export_works_council_list,
    can_import_absences,
    can_invite_employee,
    can_respond_invitation,
    can_view_screening,
)
from reintegra.screening.selectors import (
    LIST_LIMIT,
    employee_absences,
    employee_get,
    invitation_get,
    invitations_list,
    last_run,
    org_id,
    screening_list_page,
    screening_read_log,
    screening_rule_get,
    screening_rules_for_config,
    screening_rules_of,
    works_council_rows,
)
from reintegra.screening.services.imports import column_mapping_save, import_job_create, import_job_start
from reintegra.screening.services.invitations import invitation_create, invitation_respond
from reintegra.screening.services.rules import EDITABLE as RULE_FIELDS
from reintegra.screening.services.rules import screening_rule_create, screening_rule_update
from reintegra.screening.services.runs import screening_rules_ensure_shipped, screening_run

View = Callable[..., HttpResponse]
PAGE_SIZE = 50


# Signed in (else the sign-in page) and a case manager, team lead or admin (else 403).
screening_staff = page_requires(
    can_view_screening, gettext_lazy("Only case managers, team leads and admins use screening.")
)


_NO_ID = uuid.UUID(int=0)  # reversed once per page; each row's link puts its employee's id in its place


def _list_rows(rows: Any, rules: list[ScreeningRule]) -> list[dict[str, Any]]:
    """The page's rows as plain values: what each rule, reason and link reads, worked out once per
    page rather than once per row (performance.md, "Screening from absence data")."""
    labels = {rule.pk: (rule.key, rule.label) for rule in rules}
    reasons = {"total": _("days added up"), "consecutive": _("consecutive days")}
    separate = _("separate absences")
    link = reverse("screening:employee", args=[_NO_ID])
    hits = []
    for row in rows:
        row["name"] = f"{row['first_name']} {row['last_name']}"
        row["rule_key"], row["rule_label"] = labels[row["rule_id"]]
        row["reason_label"] = reasons.get(row["reason"], separate)
        row["url"] = link.replace(str(_NO_ID), str(row["employee_id"]))
        hits.append(row)
    return hits


@require_GET
@screening_staff
def screening_list_view(request: HttpRequest) -> HttpResponse:
    """Who crosses a rule today and has neither an open case nor a recent invitation for it."""
    user: Any = request.user
    rules = screening_rules_of(user=user)
    form = ScreeningFilterForm(request.GET or None, organisation_id=org_id(user), rules=rules)
    filters = form.cleaned_data if form.is_valid() else {}
    page = screening_list_page(
        user=user,
        unit=filters.get("unit"),
        rule=filters.get("rule") or "",
        number=request.GET.get("page"),
        per_page=PAGE_SIZE,
    )
    hits = _list_rows(page.object_list, rules)
    screening_read_log(
        user=user, object_type="employee", detail=f"screening list: {len(hits)} entries", request=request
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "hits": hits,
        "page": page,
        "query": query.urlencode(),
        "run": last_run(user=user),
        "today": timezone.localdate(),
        "can_import": can_import_absences(user),
        "can_export": can_export_works_council_list(user),
        "can_configure": can_configure_screening_rules(user),
    }
    template = "screening/partials/hits.html" if getattr(request, "htmx", False) else "screening/list.html"
    return render(request, template, context)


@require_POST
@screening_staff
def screening_refresh_view(request: HttpRequest) -> HttpResponse:
    """Recompute the organisation's hits now (the nightly run does this too)."""
    user: Any = request.user
    count = screening_run(organisation=user.organisation)
    messages.success(request, _("Screening recomputed: %(n)d hits.") % {"n": count})
    return redirect("screening:list")


@require_GET
@screening_staff
def employee_view(request: HttpRequest, employee_id: Any) -> HttpResponse:
    """One employee's absences, hits and invitations."""
    user: Any = request.user
    employee = employee_get(user=user, employee_id=employee_id)
    return _employee_page(request, employee, InviteForm())


def _employee_page(request: HttpRequest, employee: Any, form: Any, status: int = 200) -> HttpResponse:
    user: Any = request.user
    screening_read_log(user=user, object_type="absence", object_id=employee.pk, request=request)
    hits = list(employee.hits.select_related("rule").filter(rule__active=True))
    invited = {
        i.rule_id for i in employee.invitations.filter(invited_on__gt=timezone.localdate() - timedelta(days=365))
    }
    context = {
        "employee": employee,
        "absences": employee_absences(employee=employee),
        "hits": [(hit, hit.rule_id not in invited) for hit in hits],
        "invitations": employee.invitations.select_related("rule", "case"),
        "form": form,
        "can_invite": can_invite_employee(user, employee),
    }
    return render(request, "screening/employee.html", context, status=status)


@require_POST
@screening_staff
def invite_view(request: HttpRequest, employee_id: Any) -> HttpResponse:
    """Make the offer for one rule: the letter is filled in and the deadline set."""
    user: Any = request.user
    employee = employee_get(user=user, employee_id=employee_id)
    require(can_invite_employee(user, employee), _("Only case managers and team leads send invitations."))
    form = InviteForm(request.POST)
    status = 400
    if form.is_valid():
        rule = ScreeningRule.objects.filter(organisation_id=org_id(user), key=form.cleaned_data["rule"]).first()
        if rule is None:
            form.add_error(None, _("Choose a rule of your organisation."))
        else:
            call = run_form_service(form, lambda: invitation_create(actor=user, employee=employee, rule=rule))
            if call.result is not None:
                messages.success(request, _("Invitation made. Print the letter and send it."))
                return redirect("screening:invitation", invitation_id=call.result.pk)
            status = call.status
    return _employee_page(request, employee, form, status=status)


@require_GET
@screening_staff
def invitations_view(request: HttpRequest) -> HttpResponse:
    """Invitations of the organisation: pending ones with their reminder and no-response dates, and answers."""
    user: Any = request.user
    invitations = list(invitations_list(user=user)[:LIST_LIMIT])
    screening_read_log(user=user, object_type="employee", detail=f"invitations: {len(invitations)}", request=request)
    return render(
        request,
        "screening/invitations.html",
        {"invitations": invitations, "can_export": can_export_works_council_list(user)},
    )


@require_GET
@screening_staff
def invitation_view(request: HttpRequest, invitation_id: Any) -> HttpResponse:
    user: Any = request.user
    invitation = invitation_get(user=user, invitation_id=invitation_id)
    return _invitation_page(request, invitation, RespondForm())


def _invitation_page(request: HttpRequest, invitation: Any, form: Any, status: int = 200) -> HttpResponse:
    user: Any = request.user
    screening_read_log(user=user, object_type="employee", object_id=invitation.employee_id, request=request)
    context = {
        "invitation": invitation,
        "form": form,
        "can_respond": can_respond_invitation(user, invitation) and invitation.status == "pending",
    }
    return render(request, "screening/invitation.html", context, status=status)


@require_POST
@screening_staff
def respond_view(request: HttpRequest, invitation_id: Any) -> HttpResponse:
    """Record the answer; an acceptance opens the case and shows it."""
    user: Any = request.user
    invitation = invitation_get(user=user, invitation_id=invitation_id)
    require(can_respond_invitation(user, invitation), _("Only case managers and team leads record answers."))
    form = RespondForm(request.POST)
    status = 400
    if form.is_valid():
        given = form.cleaned_data["answer"]
        call = run_form_service(form, lambda: invitation_respond(actor=user, invitation=invitation, answer=given))
        if (answer := call.result) is not None:
            if answer.case is not None:
                messages.success(request, _("Accepted: case %(ref)s opened.") % {"ref": answer.case.reference})
                return redirect(answer.case.get_absolute_url())
            messages.success(request, _("Answer recorded."))
            return redirect("screening:invitation", invitation_id=invitation.pk)
        status = call.status
    return _invitation_page(request, invitation, form, status=status)


@require_GET
@screening_staff
def letter_view(request: HttpRequest, invitation_id: Any) -> HttpResponse:
    user: Any = request.user
    invitation = invitation_get(user=user, invitation_id=invitation_id)
    if not invitation.letter:
        raise Http404
    pdf = letter_pdf(letter=invitation.letter, invitation=invitation)
    screening_read_log(
        user=user, object_type="employee", object_id=invitation.employee_id, detail="invitation letter", request=request
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="einladung-{invitation.invited_on}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
@screening_staff
def import_view(request: HttpRequest) -> HttpResponse:
    """Upload a file: it is checked and previewed; nothing is imported yet."""
    user: Any = request.user
    require(can_import_absences(user))
    form = ImportForm(request.POST or None, request.FILES or None, organisation_id=org_id(user))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_job_create(
                actor=user, payload=upload.read(), filename=upload.name, mapping=form.cleaned_data["mapping"]
            )
        except InvalidInput as exc:
            for error in exc.errors.get("errors", []):
                form.add_error("file", error["message"])
            for key, problems in exc.errors.items():
                if key != "errors":
                    for problem in problems:
                        form.add_error("file" if key != "mapping" else "mapping", problem)
        else:
            return redirect("screening:import_job", job_id=job.pk)
    status = 400 if form.errors else 200
    mappings = ColumnMapping.objects.filter(organisation_id=org_id(user))
    return render(request, "screening/import.html", {"form": form, "mappings": mappings}, status=status)


def _job(request: HttpRequest, job_id: Any) -> ImportJob:
    job = ImportJob.objects.filter(pk=job_id, organisation_id=org_id(request.user)).first()
    if job is None:
        raise Http404
    return job


@require_GET
@screening_staff
def import_job_view(request: HttpRequest, job_id: Any) -> HttpResponse:
    """The preview (rows, new, unchanged, errors per row and field), then the progress of the import."""
    job = _job(request, job_id)
    return render(request, "screening/import_job.html", {"job": job})


@require_POST
@screening_staff
def import_start_view(request: HttpRequest, job_id: Any) -> HttpResponse:
    job = _job(request, job_id)
    user: Any = request.user
    run_service_or_message(request, lambda: import_job_start(actor=user, job=job))
    return redirect("screening:import_job", job_id=job.pk)


@require_GET
@screening_staff
def import_progress_view(request: HttpRequest, job_id: Any) -> HttpResponse:
    """The progress bar (polled by htmx every second while the import runs)."""
    job = _job(request, job_id)
    return render(request, "screening/partials/progress.html", {"job": job})


@require_http_methods(["GET", "POST"])
@screening_staff
def mappings_view(request: HttpRequest) -> HttpResponse:
    """Saved column mappings: how an HR system's export maps to our columns."""
    user: Any = request.user
    form = ColumnMappingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        existing = ColumnMapping.objects.filter(organisation_id=org_id(user), name=form.cleaned_data["name"]).first()
        name, columns = form.cleaned_data["name"], form.columns()
        if run_form_service(
            form, lambda: column_mapping_save(actor=user, name=name, columns=columns, mapping=existing)
        ):
            messages.success(request, _("Column mapping saved."))
            return redirect("screening:mappings")
    mappings = ColumnMapping.objects.filter(organisation_id=org_id(user))
    status = 400 if form.errors else 200
    return render(request, "screening/mappings.html", {"form": form, "mappings": mappings}, status=status)


def _works_council_rows(request: HttpRequest) -> list[Any]:
    user: Any = request.user
    rows = works_council_rows(user=user, rule=request.GET.get("rule", ""))
    screening_read_log(user=user, object_type="employee", detail=f"works council list: {len(rows)}", request=request)
    return rows


@require_GET
@screening_staff
def works_council_csv_view(request: HttpRequest) -> HttpResponse:
    """Offers made, names and dates only, for the works council (team leads)."""
    rows = _works_council_rows(request)
    response = HttpResponse(works_council_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bem-angebote.csv"'
    return response


@require_GET
@screening_staff
def works_council_pdf_view(request: HttpRequest) -> HttpResponse:
    rows = _works_council_rows(request)
    user: Any = request.user
    response = HttpResponse(
        works_council_pdf(rows, organisation_name=user.organisation.name), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'attachment; filename="bem-angebote.pdf"'
    return response


# --- rules (organisation admins) ---------------------------------------------------------------


# Signed in (else the sign-in page) and an organisation admin (else 403).
rules_admin = page_requires(
    can_configure_screening_rules, gettext_lazy("Only organisation admins configure screening rules.")
)


@require_GET
@rules_admin
def rules_view(request: HttpRequest) -> HttpResponse:
    """The organisation's rules and their settings (the shipped ones are there from the start)."""
    user: Any = request.user
    screening_rules_ensure_shipped(organisation=user.organisation)  # idempotent: as the first run would
    rules = list(screening_rules_for_config(user=user))
    case_types = {t.key: t.label for t in CaseType.objects.filter(organisation_id=org_id(user))}
    return render(request, "screening/rules.html", {"rules": rules, "case_types": case_types})


@require_http_methods(["GET", "POST"])
@rules_admin
def rule_edit_view(request: HttpRequest, rule_id: Any) -> HttpResponse:
    """Edit one rule: threshold, window, counting unit, kinds, minimum separate absences, case type, active."""
    user: Any = request.user
    rule = screening_rule_get(user=user, rule_id=rule_id)
    initial = {field: getattr(rule, field) for field in RULE_FIELDS}
    initial["version"] = rule.version
    form = ScreeningRuleForm(request.POST or None, initial=initial, organisation_id=org_id(user))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                screening_rule_update(actor=user, rule=rule, version=version, data=data)  # type: ignore[arg-type]
            except Conflict as exc:
                form.add_error(None, exc.detail)
                status = 409
            except (ValidationError, InvalidInput) as exc:
                form_add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The rule “%(name)s” was saved. The screening list is being recomputed.") % {"name": rule.name},
                )
                return redirect("screening:rules")
        if form.errors and status == 200:
            status = 400
    return render(request, "screening/rule_form.html", {"form": form, "rule": rule}, status=status)


@require_http_methods(["GET", "POST"])
@rules_admin
def rule_new_view(request: HttpRequest) -> HttpResponse:
    """Add an own rule (e.g. an insurer's trigger at 60 days)."""
    user: Any = request.user
    initial = {"window_days": 365, "counting_unit": "calendar", "kinds": ["illness", "accident"], "active": True}
    form = NewScreeningRuleForm(request.POST or None, initial=initial, organisation_id=org_id(user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        key = data.pop("key")
        try:
            rule = screening_rule_create(actor=user, key=key, data=data)  # type: ignore[arg-type]
        except (ValidationError, InvalidInput) as exc:
            form_add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The rule “%(name)s” was saved. The screening list is being recomputed.") % {"name": rule.name},
            )
            return redirect("screening:rules")
    return render(request, "screening/rule_form.html", {"form": form, "rule": None}, status=400 if form.errors else 200)
