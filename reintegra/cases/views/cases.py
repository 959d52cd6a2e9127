"""Case pages: list, new case, the case page with phases and timeline, intake, phase actions."""

import uuid
from datetime import timedelta
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, Max, OuterRef, Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.accounts.models import Role, User
from reintegra.cases.forms import CaseCreateForm, CaseEditForm, CaseFilterForm
from reintegra.cases.inputs import CaseChanges, ClientData, CommissioningParty
from reintegra.cases.models import Case, CaseEvent, Client, IncapacityCorrection, IncapacityPeriod
from reintegra.cases.parts import case_part_links
from reintegra.cases.permissions import (
    can_approve_closure,
    can_change_case,
    can_export_client_record,
    can_open_case_for_others,
    can_reassign_case,
)
from reintegra.cases.selectors import (
    assignable_case_managers,
    case_for_change,
    case_list,
    case_list_page,
    case_notes_with_present,
    case_page,
    case_phases,
    case_types_for,
    incapacity_days_last_12_months,
)
from reintegra.cases.services.case import case_create, case_update, client_duplicates
from reintegra.cases.services.common import CHANGE_REFUSED, ensure_open
from reintegra.cases.services.intake import intake_of
from reintegra.cases.services.phases import phase_complete, phase_reopen
from reintegra.core.exceptions import ConflictCode, InvalidInput
from reintegra.core.htmx import form_rebase_version, refusal_text, run_form_service, run_service
from reintegra.core.permissions import require

PAGE_SIZE = 25


@login_required
def case_list_view(request: HttpRequest) -> HttpResponse:
    """Cases, newest first; keyset-paginated by creation time so no page counts the table."""
    managers = (
        User.objects.filter(
            organisation_id=request.user.organisation_id,  # type: ignore[union-attr, misc]
            memberships__role=Role.CASE_MANAGER,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )
    form = CaseFilterForm(request.GET or None, case_managers=[(str(u.pk), u.display_name) for u in managers])
    filters = form.cleaned_data if form.is_valid() else {}
    cases = case_list(user=request.user, with_checklist=False, **{k: v for k, v in filters.items() if v})  # type: ignore[arg-type]
    try:
        before = parse_datetime(request.GET.get("before") or "")
    except ValueError:  # well-formed but impossible: treated like malformed, the first page (not a 500)
        before = None
    if before is not None:
        cases = cases.filter(created_at__lt=before if timezone.is_aware(before) else timezone.make_aware(before))
    page = case_list_page(cases, stop=PAGE_SIZE + 1)
    next_before = page[PAGE_SIZE - 1].created_at.isoformat() if len(page) > PAGE_SIZE else None
    query = request.GET.copy()
    query.pop("before", None)
    context = {
        "form": form,
        "cases": page[:PAGE_SIZE],
        "next_before": next_before,
        "query": query.urlencode(),
        "may_reassign": can_reassign_case(request.user),
    }
    template = "cases/partials/case_rows.html" if request.htmx else "cases/case_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _duplicate_clients(user: Any, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The organisation's clients with the same folded names and date of birth, each with the
    references of their cases (the page offers "a new case for this client" or "someone else")."""
    found: dict[str, dict[str, Any]] = {}
    for case in client_duplicates(organisation=user.organisation, client=cast(ClientData, data)):
        client_id = str(Case.objects.filter(pk=case["case"]).values_list("client_id", flat=True).first())
        found.setdefault(client_id, {"id": client_id, "references": []})["references"].append(case["reference"])
    return list(found.values())


@login_required
@require_http_methods(["GET", "POST"])
def case_create_view(request: HttpRequest) -> HttpResponse:
    require(can_change_case(request.user), CHANGE_REFUSED)  # 403 before any form is shown
    types = list(case_types_for(user=request.user))  # type: ignore[arg-type]
    # A team lead opens cases for the case managers of their units (themselves first, if they are one).
    managers = assignable_case_managers(user=request.user) if can_open_case_for_others(request.user) else []  # type: ignore[arg-type]
    initial = {"case_manager": str(request.user.pk)} if any(pk == str(request.user.pk) for pk, _l in managers) else {}
    form = CaseCreateForm(
        request.POST or None,
        case_types=[(str(t.pk), t.label) for t in types],
        case_managers=[("", "–"), *managers] if managers and not initial else managers,
        initial=initial,
    )
    duplicates: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case_type = next(t for t in types if str(t.pk) == data["case_type"])
        party: CommissioningParty | None = (
            {"name": data["commissioning_party_name"], "kind": data["commissioning_party_kind"]}
            if data["commissioning_party_name"]
            else None
        )
        client = cast(
            ClientData,
            {
                k: data[k]
                for k in (
                    "first_name",
                    "last_name",
                    "birth_date",
                    "email",
                    "phone",
                    "ahv_number",
                    "postal_address",
                    "language",
                )
            },
        )
        choice = data.get("duplicate_choice") or ""
        existing = None
        if choice and choice != "new":
            # only a client reported as a possible duplicate (of the actor's organisation)
            reported = [found["id"] for found in _duplicate_clients(request.user, data)]
            existing = Client.objects.filter(pk__in=reported).filter(pk=choice).first() if _is_uuid(choice) else None  # type: ignore[union-attr, misc]
            if existing is None:
                form.add_error(None, _("Choose one of the clients listed, or say that this is someone else."))
        if not form.errors:
            actor: Any = request.user
            manager = (
                User.objects.filter(pk=data["case_manager"], organisation_id=actor.organisation_id).first()
                if data.get("case_manager")
                else None
            )
            call = run_form_service(
                form,
                lambda: case_create(
                    actor=actor,
                    case_type=case_type,
                    client=None if existing else client,
                    existing_client=existing,
                    check_duplicates=not choice,
                    commissioning_party=party,
                    summary=data["summary"],
                    case_manager=manager,
                ),
                # {"client": {"birth_date": [...]}} goes next to the form's own birth_date field
                field_for=_client_field,
                conflicts=True,
            )
            if call.result is not None:
                messages.success(request, _("Case %(reference)s was opened.") % {"reference": call.result.reference})
                return redirect(call.result)
            if call.conflict is not None:
                if call.conflict.code != ConflictCode.POSSIBLE_DUPLICATE:
                    raise call.conflict
                duplicates = _duplicate_clients(request.user, data)
                status = 409
    if form.errors:
        status = 400
    return render(request, "cases/case_new.html", {"form": form, "duplicates": duplicates}, status=status)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _client_field(path: tuple[str, ...]) -> str | None:
    """A service error on the client's fields (`{"client": {"ahv_number": …}}`) goes next to that field."""
    return path[1] if len(path) > 1 and path[0] == "client" else None


@login_required
def case_detail_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = case_page(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    events = CaseEvent.objects.filter(case=case).select_related("actor").order_by("-at", "-id")[:50]
    # Consents come prefetched by `case_page`; their participants from the participant list,
    # and so do those present at a case conference (the notes carry their ids).
    participants = list(case.participants.annotate(last_invited_at=Max("portal_invites__created_at")))
    by_id = {participant.pk: participant for participant in participants}
    consents = list(case.consents.all())
    for consent in consents:
        consent.participant = by_id.get(consent.participant_id)  # type: ignore[assignment, arg-type]
    # The history is read only for periods that have one (no query for a case without corrections).
    periods = list(
        IncapacityPeriod.objects.filter(case=case)
        .annotate(corrected=Exists(IncapacityCorrection.objects.filter(period=OuterRef("pk"))))
        .order_by("-start")
    )
    prefetch_related_objects(
        [period for period in periods if period.corrected],  # type: ignore[attr-defined]
        Prefetch("corrections", queryset=IncapacityCorrection.objects.select_related("by")),
    )
    today = timezone.localdate()
    context = {
        "case": case,
        "phases": case_phases(case),
        "events": events,
        "intake": intake_of(case),
        "participants": participants,
        "consents": consents,
        "incapacity_periods": periods,
        "today": today,
        "expiry_warning_day": today + timedelta(days=14),
        "part_links": case_part_links(case),
        "notes": case_notes_with_present(case, participants, limit=20, user=request.user),
        # A closed case shows no edit controls; the banner offers reopening to those who may.
        "may_edit": can_change_case(request.user, case) and not case.is_closed,
        "may_reopen": can_change_case(request.user, case) and case.is_closed,
        "pending_closure": (
            case.closures.filter(closed_on__isnull=True, approved_by__isnull=True)
            .select_related("requested_by")
            .first()
            if case.has_pending_closure  # type: ignore[attr-defined]
            else None
        ),
        "incapacity_days": incapacity_days_last_12_months(case, today=today, periods=periods),
        # The same predicate the approving service asks.
        "may_approve_closure": case.has_pending_closure and can_approve_closure(request.user, case),  # type: ignore[attr-defined]
        "may_reassign": case.status == "open" and can_reassign_case(request.user, case),
        "may_export_record": can_export_client_record(request.user, case=case),
    }
    return render(request, "cases/case_detail.html", context)


@login_required
@require_POST
def phase_action_view(request: HttpRequest, case_id: Any, key: str, action: str) -> HttpResponse:
    case = case_for_change(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    reason, actor = request.POST.get("reason", ""), cast(Any, request.user)
    if action == "complete":
        call = run_service(lambda: phase_complete(actor=actor, case=case, key=key, override_reason=reason))
        done = _("The phase was completed.")
    else:
        call = run_service(lambda: phase_reopen(actor=actor, case=case, key=key, reason=reason))
        done = _("The phase was reopened.")
    if call:
        messages.success(request, done)
    elif isinstance(call.error, InvalidInput) and "missing" in call.error.errors:
        missing = ", ".join(call.error.errors["missing"])
        messages.error(request, _("Items are missing (%(items)s). Record them, or give a reason.") % {"items": missing})
    elif call.error is not None:
        messages.error(request, refusal_text(call.error))
    return redirect(f"{case.get_absolute_url()}#phase-{key}")


@login_required
@require_http_methods(["GET", "POST"])
def case_edit_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    """Edit the case's own details; a stale version shows both values and overwrites nothing."""
    case = case_for_change(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    if request.method == "GET":  # a closed case offers no edit form: a 409 page saying how to reopen it
        ensure_open(case)
    stored = {
        "summary": case.summary,
        "commissioning_party_name": case.commissioning_party_name,
        "commissioning_party_kind": case.commissioning_party_kind,
        "ahv_number": case.client.ahv_display,
        "postal_address": case.client.postal_address,
        "language": case.client.language,
        "version": case.version,
    }
    form = CaseEditForm(request.POST or None, initial=stored)
    conflict: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        party = (
            CommissioningParty(name=data["commissioning_party_name"], kind=data["commissioning_party_kind"])
            if data["commissioning_party_name"]
            else None
        )
        changes = CaseChanges(summary=data["summary"], commissioning_party=party)
        client_changes = ClientData()
        for key in ("ahv_number", "postal_address", "language"):
            if data[key] != stored[key]:
                client_changes[key] = data[key]  # type: ignore[literal-required]
        if client_changes:
            changes["client"] = client_changes
        actor: Any = request.user
        call = run_form_service(
            form,
            lambda: case_update(actor=actor, case=case, version=data["version"], data=changes),
            field_for=_client_field,
            conflicts=True,
        )
        if call:
            messages.success(request, _("The case was saved."))
            return redirect(case)
        conflict = call.conflict_context(stored=stored, submitted=data)
        if call.stale:
            form_rebase_version(form, case.version)
    status = 409 if conflict else (400 if form.errors else 200)
    return render(request, "cases/case_edit.html", {"case": case, "form": form, "conflict": conflict}, status=status)
