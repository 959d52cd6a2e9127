"""Pages: office hours for staff, and the public sign-up and cancellation (no account needed)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.accounts.models import Organisation
from reintegra.core.htmx import refusal_text, run_form_service, run_service
from reintegra.introduce import forms, selectors, services, throttle
from reintegra.introduce.models import OfficeHourSession
from reintegra.introduce.permissions import can_view_signups
from reintegra.introduce.views._base import member_required, role_context, service_field


@member_required
@require_GET
def office_hours(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    sessions = selectors.sessions_for(user=request.user)
    user: Any = request.user
    context = {
        "upcoming": sessions.filter(starts_at__gt=now),
        "past": sessions.filter(starts_at__lte=now).order_by("-starts_at")[:10],
        "public_url": request.build_absolute_uri(
            reverse("introduce:public_sessions", kwargs={"organisation_pk": user.organisation_id})
        ),
        **role_context(request),
    }
    return render(request, "introduce/office_hours.html", context)


@member_required
@require_GET
def session_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    """The session; its sign-ups and questions for editors and the host (the read is logged)."""
    session = selectors.get_visible(request.user, OfficeHourSession, pk, selectors.sessions_for(user=request.user))
    may_see = can_view_signups(request.user, session)
    signups = selectors.session_signups(user=request.user, session=session, request=request) if may_see else None
    context = {
        "session": session,
        "signups": signups,
        "public_link": request.build_absolute_uri(reverse("introduce:public_session", kwargs={"pk": session.pk})),
        **role_context(request),
    }
    return render(request, "introduce/session_detail.html", context)


# --- public -----------------------------------------------------------------------------------


@require_GET
def public_sessions(request: HttpRequest, organisation_pk: Any) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    sessions = selectors.public_sessions(organisation_id=organisation.pk, now=timezone.now())
    return render(request, "introduce/public/sessions.html", {"sessions": sessions, "organisation": organisation})


@require_http_methods(["GET", "POST"])
def public_session(request: HttpRequest, pk: Any) -> HttpResponse:
    """Ask to sign up for one office hour with an e-mail address (a question in advance is
    optional); the e-mailed link confirms it. The answer is the same whether or not the address
    is signed up already. Rate-limited per client address (429)."""
    session = selectors.public_session_get(pk=pk)
    is_open = session.starts_at > timezone.now() and session.seats_left > 0
    form = forms.SignupForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid() and throttle.signup_refused(request):
        form.add_error(None, _("Too many sign-ups from your network. Please try again in an hour."))
        status = 429
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_form_service(
            form,
            lambda: services.signup_create(
                session=session,
                language=translation.get_language() or "de",
                link_base=f"{request.scheme}://{request.get_host()}",
                email=data["email"],
                name=data["name"],
                question=data["question"],
                anonymous=data["anonymous"],
            ),
            field_for=service_field(form),
        ):
            return redirect("introduce:public_signed_up", pk=session.pk)
    context = {"session": session, "form": form, "is_open": is_open}
    return render(request, "introduce/public/session.html", context, status=status)


@require_http_methods(["GET", "POST"])
def public_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the double opt-in e-mail: GET asks, POST confirms and takes the seat (link
    scanners only GET)."""
    signup = services.signup_for_confirm_token(token)
    error = None
    done = False
    status = 200
    if request.method == "POST":
        call = run_service(lambda: services.signup_confirm(signup=signup))
        done = bool(call.result) or signup.confirmed_at is not None
        if call.error is not None:
            error, status = refusal_text(call.error), call.status
    context = {"signup": signup, "session": signup.session, "done": done, "error": error}
    return render(request, "introduce/public/confirm.html", context, status=status)


@require_GET
def public_signed_up(request: HttpRequest, pk: Any) -> HttpResponse:
    session = selectors.public_session_get(pk=pk)
    return render(request, "introduce/public/signed_up.html", {"session": session})


@require_http_methods(["GET", "POST"])
def public_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mails: GET asks, POST cancels (link scanners only GET)."""
    signup = services.signup_for_token(token)
    error = None
    done = False
    if request.method == "POST":
        call = run_service(lambda: services.signup_cancel(signup=signup))
        done = bool(call.result) or signup.cancelled_at is not None
        if call.error is not None:
            error = refusal_text(call.error)
    context = {"signup": signup, "session": signup.session, "done": done, "error": error}
    return render(request, "introduce/public/cancel.html", context)
