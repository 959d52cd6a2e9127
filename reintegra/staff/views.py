"""The staff page (organisation admins change, team leads read), units, and the invitation link."""

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.core.htmx import form_add_errors, run_form_service, run_service_or_message
from reintegra.core.permissions import require
from reintegra.staff import selectors
from reintegra.staff.forms import (
    DeactivateForm,
    InvitationPasswordForm,
    InviteForm,
    OrganisationForm,
    ReasonForm,
    StaffEditForm,
    UnitCloseForm,
    UnitForm,
    keys_from_roles,
    roles_from_keys,
)
from reintegra.staff.permissions import can_administer_staff, can_read_staff
from reintegra.staff.services.common import REFUSED
from reintegra.staff.services.handover import open_cases_of
from reintegra.staff.services.invitations import (
    StaffData,
    invitation_accept,
    invitation_find,
    invitation_renew,
    staff_invite,
    staff_invite_again,
)
from reintegra.staff.services.organisation import SETTINGS, organisation_update
from reintegra.staff.services.units import unit_add, unit_close, unit_rename
from reintegra.staff.services.users import (
    staff_deactivate,
    staff_password_reset,
    staff_second_factor_reset,
    staff_unlock,
    staff_update,
)

READ_REFUSED = gettext_noop("Only organisation admins and team leads see the staff.")


def _reader(request: HttpRequest) -> User:
    require(can_read_staff(request.user), READ_REFUSED)
    return cast(User, request.user)


def _admin(request: HttpRequest) -> User:
    require(can_administer_staff(request.user), REFUSED)
    return cast(User, request.user)


@login_required
@require_http_methods(["GET"])
def staff_list_view(request: HttpRequest) -> HttpResponse:
    """Everyone on the staff (never client portal accounts) and the units."""
    user = _reader(request)
    people = list(selectors.staff_of(user.organisation_id).order_by("last_name", "first_name", "username"))
    statuses = selectors.staff_statuses(people)
    access_log_write(user=user, action=AccessAction.READ, object_type="user", detail="staff list", request=request)
    rows = [{"user": p, "status": statuses[p.pk], "roles": selectors.staff_roles(p)} for p in people]
    context = {
        "rows": rows,
        "units": selectors.units_of(user.organisation_id, include_closed=True),
        "may_edit": can_administer_staff(user),
        "unit_form": UnitForm(),
    }
    return render(request, "staff/staff_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def staff_invite_view(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    organisation = cast(Organisation, actor.organisation)
    form = InviteForm(request.POST or None, organisation=organisation)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        staff = StaffData(
            username=data["username"],
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            roles=roles_from_keys(data["roles"]),  # type: ignore[arg-type]
        )
        call = run_form_service(
            form, lambda: staff_invite(actor=actor, organisation=organisation, data=staff, request=request)
        )
        status = call.status
        if (user := call.result) is not None:
            messages.success(
                request,
                _("%(name)s is invited: the invitation went to %(email)s.")
                % {"name": user.display_name, "email": user.email},
            )
            return redirect("staff:detail", user_id=user.pk)
    if form.errors and status == 200:
        status = 400
    return render(request, "staff/staff_invite.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_detail_view(request: HttpRequest, user_id: Any) -> HttpResponse:
    """One person: details and roles (admins change them), and the admin's actions."""
    reader = _reader(request)
    person = selectors.staff_member_get(organisation=reader.organisation_id, user_id=user_id)
    may_edit = can_administer_staff(reader)
    initial: dict[str, Any] = {"first_name": person.first_name, "last_name": person.last_name, "email": person.email}
    initial["roles"] = keys_from_roles(person)
    form = StaffEditForm(request.POST or None, organisation=cast(Organisation, reader.organisation), initial=initial)
    status = 200
    if request.method == "POST":
        actor = _admin(request)
        if form.is_valid():
            data = form.cleaned_data
            roles = roles_from_keys(data["roles"])
            call = run_form_service(
                form,
                lambda: staff_update(
                    actor=actor,
                    user=person,
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    roles=roles,  # type: ignore[arg-type]
                    request=request,
                ),
            )
            status = call.status
            if call:
                messages.success(request, _("The changes were saved."))
                return redirect("staff:detail", user_id=person.pk)
        else:
            status = 400
    else:
        access_log_write(
            user=reader, action=AccessAction.READ, object_type="user", object_id=person.pk, request=request
        )
    context = {
        "person": person,
        "status": selectors.staff_status(person),
        "roles": selectors.staff_roles(person),
        "form": form,
        "may_edit": may_edit,
        "reason_form": ReasonForm(),
        "invitation": selectors.invitation_last(person),
        "actions": selectors.admin_actions_of(person)[:50],
    }
    return render(request, "staff/staff_detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_deactivate_view(request: HttpRequest, user_id: Any) -> HttpResponse:
    actor = _admin(request)
    person = selectors.staff_member_get(organisation=actor.organisation_id, user_id=user_id)
    form = DeactivateForm(request.POST or None, organisation=cast(Organisation, actor.organisation), exclude=person)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            handover_to, reason = form.cleaned_data["handover_to"], form.cleaned_data["reason"]
            call = run_form_service(
                form,
                lambda: staff_deactivate(
                    actor=actor, user=person, handover_to=handover_to, reason=reason, request=request
                ),
            )
            status = call.status
            if call:
                messages.success(
                    request,
                    _("%(name)s is deactivated; %(count)s open cases were handed over.")
                    % {"name": person.display_name, "count": call.result},
                )
                return redirect("staff:detail", user_id=person.pk)
        else:
            status = 400
    context = {"person": person, "form": form, "open_cases": len(open_cases_of(person))}
    return render(request, "staff/staff_deactivate.html", context, status=status)


ACTIONS: dict[str, tuple[Callable[..., Any], bool, Any]] = {
    "second_factor_reset": (staff_second_factor_reset, True, gettext_lazy("The second factor was reset.")),
    "unlock": (staff_unlock, True, gettext_lazy("The account was unlocked.")),
    "password_reset": (staff_password_reset, False, gettext_lazy("A link to choose a new password was sent.")),
    "invite_again": (staff_invite_again, False, gettext_lazy("A new invitation was sent.")),
}


@login_required
@require_http_methods(["POST"])
def staff_action_view(request: HttpRequest, user_id: Any) -> HttpResponse:
    """Reset the second factor or unlock (each with a reason), send a password reset or a new invitation."""
    actor = _admin(request)
    person = selectors.staff_member_get(organisation=actor.organisation_id, user_id=user_id)
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Choose an action."))
        return redirect("staff:detail", user_id=person.pk)
    service, needs_reason, done = action
    form = ReasonForm(request.POST)
    if needs_reason and not form.is_valid():
        messages.error(request, _("Give a reason: it is kept with the action."))
        return redirect("staff:detail", user_id=person.pk)
    kwargs: dict[str, Any] = {"actor": actor, "user": person, "request": request}
    if needs_reason:
        kwargs["reason"] = form.cleaned_data["reason"]
    if run_service_or_message(request, lambda: service(**kwargs)):
        messages.success(request, str(done))
    return redirect("staff:detail", user_id=person.pk)


@login_required
@require_http_methods(["POST"])
def unit_new_view(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    form = UnitForm(request.POST)
    status = 400
    if form.is_valid():
        name = form.cleaned_data["name"]
        call = run_form_service(form, lambda: unit_add(actor=actor, name=name, request=request))
        if call:
            messages.success(request, _("The unit was created."))
            return redirect("staff:list")
        status = call.status
    return render(request, "staff/unit_form.html", {"form": form, "unit": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def unit_view(request: HttpRequest, unit_id: Any) -> HttpResponse:
    """Rename or close a unit."""
    actor = _admin(request)
    unit = selectors.unit_get(organisation=actor.organisation_id, unit_id=unit_id)
    form = UnitForm(request.POST if request.POST.get("action") == "rename" else None, initial={"name": unit.name})
    close_form = UnitCloseForm(request.POST if request.POST.get("action") == "close" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if request.POST.get("action") == "close" and close_form.is_valid():
            reason = close_form.cleaned_data["reason"]
            call = run_form_service(
                close_form, lambda: unit_close(actor=actor, unit=unit, reason=reason, request=request)
            )
            if call:
                messages.success(request, _("The unit was closed."))
                return redirect("staff:list")
            status = call.status
        if request.POST.get("action") == "rename" and form.is_valid():
            name = form.cleaned_data["name"]
            renamed = run_form_service(form, lambda: unit_rename(actor=actor, unit=unit, name=name, request=request))
            if renamed:
                messages.success(request, _("The unit was renamed."))
                return redirect("staff:list")
            status = renamed.status
    return render(
        request, "staff/unit_form.html", {"form": form, "close_form": close_form, "unit": unit}, status=status
    )


def _organisation_changes(data: dict[str, Any]) -> dict[str, Any]:
    """The settings of the form; the logo only when one was uploaded or removal was asked for."""
    changes = {field: data[field] for field in SETTINGS}
    if data.get("logo"):
        changes["logo"] = data["logo"]
    elif data.get("remove_logo"):
        changes["logo"] = None
    return changes


@login_required
@require_http_methods(["GET", "POST"])
def organisation_view(request: HttpRequest) -> HttpResponse:
    """The organisation's settings: name, public short name, currency, time zone, visibility, second factor."""
    actor = _admin(request)
    organisation = cast(Organisation, actor.organisation)
    form = OrganisationForm(
        request.POST or None, request.FILES or None, instance=Organisation.objects.get(pk=organisation.pk)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            changes = _organisation_changes(form.cleaned_data)
            call = run_form_service(
                form,
                lambda: organisation_update(actor=actor, organisation=organisation, changes=changes, request=request),  # type: ignore[arg-type]
            )
            status = call.status
            if call:
                messages.success(request, _("The settings were saved."))
                return redirect("staff:organisation")
    has_logo = Organisation.objects.filter(pk=organisation.pk, logo__isnull=False).exists()
    return render(request, "staff/organisation.html", {"form": form, "has_logo": has_logo}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_view(request: HttpRequest, token: str) -> HttpResponse:
    """The invited person chooses a password; expired and used links say so and offer a new one."""
    invitation = invitation_find(token)
    if invitation is None or not invitation.is_open:
        renewed = None
        if invitation is not None and request.method == "POST" and request.POST.get("action") == "renew":
            invitation_renew(invitation=invitation)
            renewed = True
        access_log_write(
            user=request.user, action=AccessAction.DENIED, object_type="staff_invitation",
            object_id=invitation.pk if invitation else "", request=request,
        )  # fmt: skip
        gone: dict[str, Any] = {
            "used": bool(invitation and invitation.used_at),
            "expired": bool(invitation and invitation.is_expired),
            "renewed": renewed,
        }
        return render(request, "staff/invitation_gone.html", gone, status=410)
    person = invitation.user
    form = InvitationPasswordForm(person, request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                invitation_accept(invitation=invitation, password=form.cleaned_data["new_password1"])
                access_log_write(
                    user=person, action=AccessAction.CHANGE, object_type="user", object_id=person.pk,
                    detail="invitation accepted", request=request,
                )  # fmt: skip
            except ValidationError as exc:
                if "invitation" in exc.message_dict:
                    return render(request, "staff/invitation_gone.html", {"used": True}, status=410)
                form_add_errors(form, {"new_password1": exc.message_dict.get("password", exc.messages)})
            else:
                messages.success(request, _("Your password is set. Sign in with your username and the new password."))
                return redirect("accounts:login")
    context: dict[str, Any] = {"form": form, "person": person, "organisation": person.organisation}
    return render(request, "staff/invitation_accept.html", context, status=status)
