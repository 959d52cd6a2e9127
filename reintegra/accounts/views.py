"""Sign-in and sign-out pages, the second factor, and API tokens for staff with a second factor."""

from typing import Any, cast

from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_ratelimit.core import is_ratelimited

from reintegra.accounts.forms import LoginForm, OtpTokenForm, PasswordResetRequestForm
from reintegra.accounts.models import User
from reintegra.accounts.second_factor import (
    has_second_factor,
    is_verified,
    qr_code_data_uri,
    secret_base32,
    totp_device_confirm,
    totp_device_start,
    totp_verify,
)
from reintegra.accounts.tokens import api_token_create, api_token_revoke, api_tokens_of, api_tokens_revoke_all
from reintegra.core.middleware import SECOND_FACTOR_KEY


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("core:home")


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify_view(request: HttpRequest) -> HttpResponse:
    """The code after the password, for staff with a second factor."""
    if not has_second_factor(request.user) or is_verified(request.user):  # type: ignore[arg-type]
        return redirect(_safe_next(request))
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = totp_verify(user=request.user, token=form.cleaned_data["token"].strip())  # type: ignore[arg-type]
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("The code is not correct or has expired. Enter the current code from your app."))
    return render(
        request,
        "accounts/otp_verify.html",
        {"form": form, "next": _safe_next(request)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup_view(request: HttpRequest) -> HttpResponse:
    """Set up (or replace) the TOTP second factor: scan the code, confirm with one code."""
    user = request.user
    if has_second_factor(user) and not is_verified(user):  # type: ignore[arg-type]
        return redirect(f"{reverse('accounts:otp_verify')}?next={request.path}")
    device = totp_device_start(user=user)  # type: ignore[arg-type]
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(user=user, device=device, token=form.cleaned_data["token"].strip()):  # type: ignore[arg-type]
            otp_login(request, device)
            request.session[SECOND_FACTOR_KEY] = True
            messages.success(request, _("Your second factor is set up. You will be asked for a code at each sign-in."))
            return redirect(_safe_next(request))
        form.add_error("token", _("The code is not correct. Check the time on your phone and enter the current code."))
    context = {
        "form": form,
        "qr": qr_code_data_uri(device),
        "secret": secret_base32(device),
        "next": _safe_next(request),
    }
    return render(request, "accounts/otp_setup.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def api_token_view(request: HttpRequest) -> HttpResponse:
    """The person's API tokens: make one per program (shown once), see their last use, revoke."""
    token = None
    user = cast(User, request.user)
    if request.method == "POST":
        action = request.POST.get("action", "create")
        if action == "revoke":
            api_token_revoke(user=user, token_key=request.POST.get("token_key", ""))
            messages.success(request, _("The token was revoked."))
            return redirect("accounts:api_token")
        if action == "revoke_all":
            count = api_tokens_revoke_all(user=user)
            messages.success(request, _("All your tokens were revoked (%(count)s).") % {"count": count})
            return redirect("accounts:api_token")
        token = api_token_create(user=user, client=request.POST.get("client", ""))
        messages.success(request, _("A new token was created. Copy it now: it is shown only once."))
    return render(request, "accounts/api_token.html", {"token": token, "tokens": list(api_tokens_of(user))})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's password: the session stays, every API token of the person stops working."""

    template_name = "accounts/password_change.html"
    http_method_names = ["get", "post"]

    def get_success_url(self) -> str:
        return reverse("accounts:password_change")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        api_tokens_revoke_all(user=cast(User, self.request.user))
        messages.success(self.request, _("Your password was changed. Your API tokens were revoked."))
        return response


# Self-service password reset (issue #21 item 4): per address at most this many requests an hour
# (then 429), and per e-mail address at most this many links an hour (then the same answer, no mail).
RESET_RATE_PER_ADDRESS = "10/h"
RESET_RATE_PER_EMAIL = "3/h"


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail: the same answer whether or not the address has an account."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm
    http_method_names = ["get", "post"]

    def get_success_url(self) -> str:
        return reverse("accounts:password_reset_sent")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if is_ratelimited(
            request,
            group="accounts:password_reset",
            key="ip",
            rate=RESET_RATE_PER_ADDRESS,
            method="POST",
            increment=True,
        ):
            return render(request, self.template_name, {"form": self.form_class(), "limited": True}, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        if not is_ratelimited(
            self.request,
            group="accounts:password_reset_email",
            key=lambda _group, _request: email,
            rate=RESET_RATE_PER_EMAIL,
            method="POST",
            increment=True,
        ):
            form.save(request=self.request)
        return redirect(self.get_success_url())


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"
    http_method_names = ["get"]


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password with the link: it works once; every API token of the person stops working."""

    template_name = "accounts/password_reset_confirm.html"
    http_method_names = ["get", "post"]

    def get_success_url(self) -> str:
        return reverse("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = cast(User, form.user)
        api_tokens_revoke_all(user=user)
        axes_reset(username=user.get_username())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
    http_method_names = ["get"]
