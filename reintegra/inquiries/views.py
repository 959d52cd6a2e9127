"""Pages: the public page `/k/<slug>/` (no sign-in) and the staff inbox `/inquiries/`.

The public pages set no cookie at all — no session, no CSRF token, no language cookie — and
read nothing about the visitor but what they type. That is why they are CSRF-exempt: CSRF
rides on ambient credentials (cookies), and these forms carry their own (the code and
passphrase), so a forged request could do nothing a stranger cannot do anyway. The language
is chosen with `?lang=` and carried along in the forms.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts.models import Organisation, User
from reintegra.cases.models import Case
from reintegra.cases.selectors import case_types_for
from reintegra.core.exceptions import PermissionDenied
from reintegra.core.htmx import form_rebase_version, run_form_service
from reintegra.inquiries import throttle
from reintegra.inquiries.forms import (
    AskForm,
    IdentifyForm,
    MessageForm,
    NoteForm,
    OpenCaseForm,
    ReplyForm,
    ThreadAccessForm,
)
from reintegra.inquiries.models import Inquiry
from reintegra.inquiries.permissions import can_open_case_from_inquiry, can_read_inquiries
from reintegra.inquiries.selectors import inquiry_by_credentials, inquiry_get, inquiry_inbox, organisation_by_slug
from reintegra.inquiries.services import (
    Identity,
    inquiry_case_open,
    inquiry_create,
    inquiry_identify,
    inquiry_message_add,
    inquiry_note_save,
    inquiry_reply,
    retention_days,
)

# --- the public side --------------------------------------------------------------------------


def _language(request: HttpRequest) -> str:
    """The language asked for with `lang` (link or form field), else the one the browser prefers."""
    wanted = request.POST.get("lang") or request.GET.get("lang") or ""
    if wanted in dict(settings.LANGUAGES):
        translation.activate(wanted)
        request.LANGUAGE_CODE = wanted
    return translation.get_language() or settings.LANGUAGE_CODE


def _public(
    request: HttpRequest, template: str, organisation: Organisation, status: int = 200, **context: Any
) -> HttpResponse:
    language = _language(request)
    context.update(
        {
            "organisation": organisation,
            "lang": language,
            "languages": settings.LANGUAGES,
            "retention_days": retention_days(),
        }
    )
    return render(request, template, context, status=status)


def _organisation(request: HttpRequest, slug: str) -> Organisation | HttpResponse:
    """The organisation behind the address, or a plain 404 page; the visitor's language first, so
    that the services' messages come in it too."""
    language = _language(request)
    try:
        return organisation_by_slug(slug)
    except Http404:
        return render(request, "inquiries/public_unknown.html", {"lang": language}, status=404)


def _too_many(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return _public(request, "inquiries/public_wait.html", organisation, status=429)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def public_ask(request: HttpRequest, org_slug: str) -> HttpResponse:
    """Ask a question without a name; on success the code and passphrase are shown once."""
    organisation = _organisation(request, org_slug)
    if isinstance(organisation, HttpResponse):
        return organisation
    form = AskForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if throttle.new_inquiry_refused(request):
            return _too_many(request, organisation)
        text = form.cleaned_data["text"]
        call = run_form_service(form, lambda: inquiry_create(organisation=organisation, text=text))
        if call.result is not None:
            throttle.new_inquiry_count(request)
            return _public(request, "inquiries/public_created.html", organisation, given=call.result[1])
    return _public(request, "inquiries/public_ask.html", organisation, status=400 if form.errors else 200, form=form)


def _thread_page(
    request: HttpRequest, organisation: Organisation, inquiry: Inquiry, *, status: int = 200, **forms_: Any
) -> HttpResponse:
    access = ThreadAccessForm(
        initial={"code": request.POST.get("code", ""), "passphrase": request.POST.get("passphrase", "")}
    )
    return _public(
        request,
        "inquiries/public_thread.html",
        organisation,
        status=status,
        inquiry=inquiry,
        thread_messages=list(inquiry.messages.all()),
        access=access,
        message_form=forms_.get("message_form") or MessageForm(),
        identify_form=forms_.get("identify_form") or IdentifyForm(),
        sent=forms_.get("sent", False),
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def public_thread(request: HttpRequest, org_slug: str) -> HttpResponse:
    """Come back with code and passphrase: read the answers, write back, give one's name.

    Every POST proves the thread anew with code and passphrase (no session to remember it).
    """
    organisation = _organisation(request, org_slug)
    if isinstance(organisation, HttpResponse):
        return organisation
    if request.method == "GET":
        return _public(request, "inquiries/public_open.html", organisation, access=ThreadAccessForm())
    access = ThreadAccessForm(request.POST)
    access.is_valid()
    if throttle.lookup_refused(request):
        return _too_many(request, organisation)
    code, passphrase = access.credentials()
    inquiry = inquiry_by_credentials(code=code, passphrase=passphrase, organisation=organisation)
    if inquiry is None:
        throttle.lookup_failed(request)
        access.add_error(None, _("We found no conversation with this code and passphrase. Check both and try again."))
        return _public(request, "inquiries/public_open.html", organisation, status=404, access=access)
    action = request.POST.get("action", "open")
    if action == "message":
        message_form = MessageForm(request.POST)
        if message_form.is_valid():
            text = message_form.cleaned_data["text"]
            if run_form_service(message_form, lambda: inquiry_message_add(inquiry=inquiry, text=text)):
                return _thread_page(request, organisation, inquiry, sent=True)
        return _thread_page(request, organisation, inquiry, status=400, message_form=message_form)
    if action == "identify":
        identify_form = IdentifyForm(request.POST)
        if identify_form.is_valid():
            values = identify_form.cleaned_data
            identity = Identity(
                first_name=values["first_name"],
                last_name=values["last_name"],
                contact=values["contact"],
                consent=bool(values["consent"]),
            )
            call = run_form_service(identify_form, lambda: inquiry_identify(inquiry=inquiry, identity=identity))
            if call.result is not None:
                return _thread_page(request, organisation, call.result)
        return _thread_page(request, organisation, inquiry, status=400, identify_form=identify_form)
    return _thread_page(request, organisation, inquiry)


# --- staff --------------------------------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _refuse_unless_handler(request: HttpRequest) -> None:
    if not can_read_inquiries(_user(request)):
        raise PermissionDenied(_("Only case managers and team leads read anonymous inquiries."))


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The organisation's anonymous inquiries: unanswered first."""
    _refuse_unless_handler(request)
    page = inquiry_inbox(
        user=_user(request), request=request, cursor=request.GET.get("after"), field="after", first_message_only=True
    )
    return render(
        request,
        "inquiries/inbox.html",
        {"threads": page.items, "next_cursor": page.next_cursor, "first_page": not request.GET.get("after")},
    )


def _detail_page(request: HttpRequest, inquiry: Inquiry, *, status: int = 200, **forms_: Any) -> HttpResponse:
    user = _user(request)
    may_open = can_open_case_from_inquiry(user, inquiry)
    case = None
    if inquiry.case_id:
        # The link to the case only for those who may see the case (the case's own choke point).
        case = Case.objects.visible_to(user).filter(pk=inquiry.case_id).only("id", "reference").first()
    context = {
        "inquiry": inquiry,
        "thread_messages": list(inquiry.messages.all()),
        "reply_form": forms_.get("reply_form") or ReplyForm(),
        "note_form": forms_.get("note_form")
        or NoteForm(initial={"note": inquiry.internal_note, "version": inquiry.version}),
        "open_form": forms_.get("open_form")
        or (OpenCaseForm(case_types=case_types_for(user=user)) if may_open and inquiry.consented else None),
        "may_open": may_open,
        "case": case,
    }
    return render(request, "inquiries/detail.html", context, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, inquiry_id: Any) -> HttpResponse:
    _refuse_unless_handler(request)
    inquiry = inquiry_get(user=_user(request), inquiry_id=inquiry_id, request=request)
    return _detail_page(request, inquiry)


@login_required
@require_POST
def reply(request: HttpRequest, inquiry_id: Any) -> HttpResponse:
    _refuse_unless_handler(request)
    inquiry = inquiry_get(user=_user(request), inquiry_id=inquiry_id, request=request, log=False)
    form = ReplyForm(request.POST)
    status = 400
    if form.is_valid():
        text = form.cleaned_data["text"]
        call = run_form_service(
            form, lambda: inquiry_reply(actor=_user(request), inquiry=inquiry, text=text, request=request)
        )
        if call:
            return redirect(reverse("inquiries:detail", args=[inquiry.pk]) + "#thread")
        status = call.status
    return _detail_page(request, inquiry, status=status, reply_form=form)


@login_required
@require_POST
def note(request: HttpRequest, inquiry_id: Any) -> HttpResponse:
    _refuse_unless_handler(request)
    inquiry = inquiry_get(user=_user(request), inquiry_id=inquiry_id, request=request, log=False)
    form = NoteForm(request.POST)
    status = 400
    if form.is_valid():
        text, version = form.cleaned_data["note"], form.cleaned_data["version"]
        call = run_form_service(
            form,
            lambda: inquiry_note_save(
                actor=_user(request), inquiry=inquiry, note=text, version=version, request=request
            ),
            conflicts=True,
        )
        if call.conflict is not None:
            changed = _("Someone else changed this note in the meantime. Your text is kept below.")
            stored = _("The note now reads: %(note)s") % {"note": inquiry.internal_note or "–"}
            form.add_error(None, f"{changed} {stored}")
            form_rebase_version(form, inquiry.version)
            return _detail_page(request, inquiry, status=409, note_form=form)
        if call:
            return redirect(reverse("inquiries:detail", args=[inquiry.pk]) + "#note")
        status = call.status
    return _detail_page(request, inquiry, status=status, note_form=form)


@login_required
@require_POST
def open_case(request: HttpRequest, inquiry_id: Any) -> HttpResponse:
    _refuse_unless_handler(request)
    user = _user(request)
    inquiry = inquiry_get(user=user, inquiry_id=inquiry_id, request=request, log=False)
    if not can_open_case_from_inquiry(user, inquiry):
        raise PermissionDenied(_("Only a case manager opens a case from an inquiry."))
    form = OpenCaseForm(request.POST, case_types=case_types_for(user=user))
    status = 400
    if form.is_valid():
        case_type = form.cleaned_data["case_type"]
        call = run_form_service(
            form, lambda: inquiry_case_open(actor=user, inquiry=inquiry, case_type=case_type, request=request)
        )
        if call.result is not None:
            return redirect(call.result.get_absolute_url())
        status = call.status
    return _detail_page(request, inquiry, status=status, open_form=form)
