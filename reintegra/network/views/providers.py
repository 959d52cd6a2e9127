"""Pages of the service directory: short views over the network selectors and services."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.middleware import HtmxDetails

from reintegra.core.htmx import run_form_service
from reintegra.core.permissions import page_requires
from reintegra.network.conflicts import conflict_rows, rebind_with_version
from reintegra.network.forms.providers import OfferForm, ProviderFilterForm, ProviderForm
from reintegra.network.models import Provider
from reintegra.network.permissions import actor_of, can_use_directory
from reintegra.network.selectors import providers as selectors
from reintegra.network.services import providers as services

PAGE_SIZE = 50


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


# Signed in and holding a directory role; others get 403 (the nav never links them here).
directory_staff = page_requires(can_use_directory)


@require_http_methods(["GET"])
@directory_staff
def provider_list(request: HtmxHttpRequest) -> HttpResponse:
    """The directory with search and filters; htmx asks for the results only."""
    form = ProviderFilterForm(request.GET or None, regions=selectors.provider_regions(user=request.user))
    filters: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()  # an invalid filter is shown with its error and ignored
        filters = {name: value for name, value in form.cleaned_data.items() if value}
    providers = selectors.provider_list(user=request.user, **filters)
    page = Paginator(providers, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter_form": form, "page": page, "filtered": bool(filters)}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "network/partials/provider_search.html", context)
    return render(request, "network/provider_list.html", context)


@require_http_methods(["GET"])
@directory_staff
def provider_detail(request: HttpRequest, provider_id: str) -> HttpResponse:
    provider = selectors.provider_get(user=request.user, provider_id=provider_id)
    return render(request, "network/provider_detail.html", {"provider": provider})


@require_http_methods(["GET", "POST"])
@directory_staff
def provider_create(request: HttpRequest) -> HttpResponse:
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        call = run_form_service(form, lambda: services.provider_create(actor=actor_of(request), data=data))
        if call.result is not None:
            messages.success(request, _("The provider was added to the directory."))
            return redirect(call.result)
    return _form_page(request, form, title=_("Add provider"), cancel_url=reverse("network:provider_list"))


@require_http_methods(["GET", "POST"])
@directory_staff
def provider_edit(request: HttpRequest, provider_id: str) -> HttpResponse:
    provider = selectors.provider_get(user=request.user, provider_id=provider_id)
    form = ProviderForm(request.POST or None, initial=ProviderForm.initial_from(provider))
    form.fields["version"].required = True
    rows: list[dict[str, str]] | None = None
    if request.method == "POST" and form.is_valid():
        version, changes = form.cleaned_data["version"], form.changes()
        call = run_form_service(
            form,
            lambda: services.provider_update(
                actor=actor_of(request), provider=provider, version=version, changes=changes
            ),
            conflicts=True,
        )
        if call.conflict is not None:
            stored = selectors.provider_get(user=request.user, provider_id=provider_id)
            rows = conflict_rows(form, ProviderForm.initial_from(stored))
            form = rebind_with_version(ProviderForm, form, stored.version)
        elif call:
            messages.success(request, _("The provider was saved."))
            return redirect(provider)
    return _form_page(request, form, title=_("Edit provider"), cancel_url=provider.get_absolute_url(), conflict=rows)


@require_http_methods(["GET", "POST"])
@directory_staff
def offer_create(request: HttpRequest, provider_id: str) -> HttpResponse:
    provider = selectors.provider_get(user=request.user, provider_id=provider_id)
    form = OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if run_form_service(form, lambda: services.offer_create(actor=actor_of(request), provider=provider, **data)):
            messages.success(request, _("The offer was added."))
            return redirect(provider)
    return _form_page(request, form, title=_("Add offer"), cancel_url=provider.get_absolute_url(), provider=provider)


@require_http_methods(["GET", "POST"])
@directory_staff
def offer_edit(request: HttpRequest, provider_id: str, offer_id: str) -> HttpResponse:
    provider = selectors.provider_get(user=request.user, provider_id=provider_id)
    offer = selectors.offer_get(provider=provider, offer_id=offer_id)
    form = OfferForm(request.POST or None, initial=OfferForm.initial_from(offer))
    form.fields["version"].required = True
    rows: list[dict[str, str]] | None = None
    if request.method == "POST" and form.is_valid():
        version, changes = form.cleaned_data["version"], form.changes()
        call = run_form_service(
            form,
            lambda: services.offer_update(actor=actor_of(request), offer=offer, version=version, changes=changes),
            conflicts=True,
        )
        if call.conflict is not None:
            stored = selectors.offer_get(provider=provider, offer_id=offer_id)
            rows = conflict_rows(form, OfferForm.initial_from(stored))
            form = rebind_with_version(OfferForm, form, stored.version)
        elif call:
            messages.success(request, _("The offer was saved."))
            return redirect(provider)
    return _form_page(
        request,
        form,
        title=_("Edit offer"),
        cancel_url=provider.get_absolute_url(),
        provider=provider,
        conflict=rows,
    )


@require_http_methods(["GET", "POST"])
@directory_staff
def offer_delete(request: HttpRequest, provider_id: str, offer_id: str) -> HttpResponse:
    """Ask first (GET), then remove the offer (POST)."""
    provider = selectors.provider_get(user=request.user, provider_id=provider_id)
    offer = selectors.offer_get(provider=provider, offer_id=offer_id)
    if request.method == "POST":
        services.offer_delete(actor=actor_of(request), offer=offer)
        messages.success(request, _("The offer was removed."))
        return redirect(provider)
    return render(request, "network/offer_confirm_delete.html", {"provider": provider, "offer": offer})


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    cancel_url: str,
    provider: Provider | None = None,
    conflict: list[dict[str, str]] | None = None,
) -> HttpResponse:
    """The one form page (provider or offer); `conflict` lists stored values after a stale save."""
    context = {
        "form": form,
        "title": title,
        "cancel_url": cancel_url,
        "provider": provider,
        "conflict": conflict,
    }
    return render(request, "network/form.html", context)
