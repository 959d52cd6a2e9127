"""The case worker's invite page and the client's accept page (anonymous, one-time link)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from reintegra.accounts.models import User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Participant
from reintegra.cases.selectors import case_get
from reintegra.core.htmx import ServiceCall, form_add_errors, refusal_text, run_service
from reintegra.core.permissions import require
from reintegra.portal.forms import SetPasswordForm
from reintegra.portal.models import PortalInvite
from reintegra.portal.permissions import can_invite_client
from reintegra.portal.services import (
    account_in_use,
    invite_invitee,
    participant_account_link,
    participant_accounts,
    portal_invite_accept,
    portal_invite_create,
    portal_invite_find,
    portal_invite_username,
)


@login_required
@require_http_methods(["GET", "POST"])
def invite_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    """Whether the client has a portal account, the open invite, and the button to make a new link."""
    case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    require(can_invite_client(request.user, case))  # 403 page (core.middleware) for anyone else
    actor: Any = request.user
    done = run_service(lambda: portal_invite_create(actor=actor, case=case)) if request.method == "POST" else None
    created = done.result if done is not None else None
    error = refusal_text(done.error) if done is not None and done.error is not None else None
    open_invite = (
        PortalInvite.objects.filter(client=case.client, used_at__isnull=True, revoked_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    context: dict[str, Any] = {
        "case": case,
        "client": case.client,
        "account": case.client.user,
        "open_invite": open_invite if open_invite is not None and open_invite.is_open else None,
        "created": created,
        "error": error,
        "account_in_use": account_in_use(case.client.user),
    }
    return render(request, "portal/invite.html", context, status=409 if error else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def accept_view(request: HttpRequest, token: str) -> HttpResponse:
    """The client sets a password; the account is made, and they are signed in.

    A link of a client whose account is already in use is refused like a used one: an invitation
    never sets the password of an active account.
    """
    invite = portal_invite_find(token)
    if invite is None or not invite.is_open or account_in_use(invite_invitee(invite).user):
        access_log_write(
            user=request.user,
            action=AccessAction.DENIED,
            object_type="portal_invite",
            object_id=invite.pk if invite else "",
            case_id=invite.case_id if invite else "",
            request=request,
        )
        return render(request, "portal/invite_gone.html", {"used": bool(invite and invite.used_at)}, status=410)
    form = SetPasswordForm(request.POST or None)
    username = portal_invite_username(invite)
    if request.method == "POST" and form.is_valid():
        try:
            user = portal_invite_accept(invite=invite, password=form.cleaned_data["password"], request=request)
        except ValidationError as exc:
            if "invite" in exc.message_dict:
                return render(request, "portal/invite_gone.html", {"used": True}, status=410)
            form_add_errors(form, exc)
        else:
            login(request, user, backend="reintegra.accounts.backends.ModelBackend")
            messages.success(request, _("Welcome! Your password is set. From now on you sign in with it."))
            return redirect("portal:employer" if invite.participant_id else "portal:home")
    person = invite_invitee(invite)
    context = {
        "form": form,
        "username": username,
        "first_name": person.first_name or person.last_name,
        "participant": person.participant is not None,
    }
    return render(request, "portal/accept.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def participant_invite_view(request: HttpRequest, case_id: Any, participant_id: Any) -> HttpResponse:
    """A participant's portal access from their row on the case page: whether they have an account,
    when the invitation was last sent; invite them (e-mail with a one-time link), or link an
    existing portal account of the organisation instead."""
    case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    require(can_invite_client(request.user, case))
    participant = get_object_or_404(Participant.objects.select_related("user"), case=case, pk=participant_id)
    actor: Any = request.user
    created = None
    error = None
    linked = False

    def link() -> None:
        account = None
        if request.POST.get("user"):
            account = User.objects.filter(pk=request.POST["user"], organisation_id=case.organisation_id).first()
            if account is None:
                raise ValidationError({"user": [_("Choose an active portal account of your organisation.")]})
        participant_account_link(actor=actor, case=case, participant=participant, user=account)

    if request.method == "POST":
        if request.POST.get("action") == "link":
            done: ServiceCall[Any] = run_service(link)
            linked = done.ok
        else:
            done = run_service(lambda: portal_invite_create(actor=actor, case=case, participant=participant))
            created = done.result
        error = refusal_text(done.error) if done.error else None
        participant.refresh_from_db()
    invites = PortalInvite.objects.filter(participant=participant).order_by("-created_at")
    last = invites.first()
    context: dict[str, Any] = {
        "case": case,
        "participant": participant,
        "account": participant.user,
        "account_in_use": account_in_use(participant.user),
        "last_invite": last,
        "open_invite": last if last is not None and last.is_open else None,
        "created": created,
        "linked": linked,
        "error": error,
        "accounts": participant_accounts(organisation_id=case.organisation_id),
    }
    return render(request, "portal/participant_invite.html", context, status=400 if error else 200)
