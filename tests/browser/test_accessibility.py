"""axe-core over the main pages: no WCAG 2.1 A/AA violation, in German, French and Italian.

The staff pages at desktop size, in German and French; the portals (client, employer contact) and the
public pages (sign-in, office hours, survey, anonymous contact) at desktop and phone size, in German,
French and Italian (one test per language). axe-core comes from
the npm package (package.json; `make setup` and `.ci/run` install it): see tests/browser/axe.py.
One test walks every page, so the demo data is loaded once; a failure lists every violation found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.browser.axe import AXE_JS, axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = (("de-CH", "de"), ("fr-CH", "fr"), ("it-CH", "it"))
# The staff pages are checked in these; the portals and public pages in every one of LANGUAGES.
STAFF_LANGUAGES = ("de", "fr")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass
class Demo:
    case_id: str
    organisation_id: str
    organisation_slug: str
    session_id: str
    survey_token: str


def _demo() -> Demo:
    from importlib import import_module

    from django.apps import apps

    from reintegra.cases.models import Case
    from reintegra.introduce.models import OfficeHourSession
    from reintegra.questionnaires.models import Questionnaire
    from reintegra.questionnaires.services.surveys import survey_invite

    if not Questionnaire.objects.filter(organisation=None, key="satisfaction").exists():
        # A live-server test before this one flushed the database, and with it the questionnaires
        # the migration ships; ship them again (as the access-matrix world does).
        import_module("reintegra.questionnaires.migrations.0002_ship_work_ability_index_and_satisfaction").ship(
            apps, None
        )
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    case = Case.objects.select_related("organisation").get(reference="BEM-2026-0001")
    closed_or_other = Case.objects.get(reference="BEM-2026-0002")
    invited = survey_invite(actor=closed_or_other.case_manager, case=closed_or_other, send_email=False)
    session = OfficeHourSession.objects.filter(organisation=case.organisation).order_by("starts_at").first()
    assert session is not None
    return Demo(
        case_id=str(case.pk),
        organisation_id=str(case.organisation_id),
        organisation_slug=case.organisation.slug,
        session_id=str(session.pk),
        survey_token=invited.token,
    )


def _sign_in(page: Any, username: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("reintegra-demo")
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")


def _pages(demo: Demo) -> list[tuple[str | None, list[str], bool]]:
    """(who signs in, the pages, a portal or public page: also at phone size and in every language)."""
    case = demo.case_id
    return [
        (
            "anna",
            [
                reverse("core:home"),
                reverse("cases:list"),
                reverse("cases:detail", args=[case]),
                reverse("cases:new"),
                reverse("cases:intake", args=[case]),
                reverse("introduce:case_documents", args=[case]),
                reverse("network:case_referrals", args=[case]),
                reverse("monitoring:index"),
                reverse("inquiries:inbox"),
                reverse("screening:list"),
            ],
            False,
        ),
        ("carla", [reverse("insights:index")], False),
        ("admin", [reverse("staff:list")], False),
        ("juerg", [reverse("portal:home")], True),
        ("emil", [reverse("portal:employer"), reverse("portal:employer_case", args=[case])], True),
        (
            None,
            [
                reverse("accounts:login"),
                reverse("introduce:public_sessions", args=[demo.organisation_id]),
                reverse("introduce:public_session", args=[demo.session_id]),
                reverse("questionnaires:survey", args=[demo.survey_token]),
                reverse("inquiries:public", args=[demo.organisation_slug]),
            ],
            True,
        ),
    ]


def _check(page: Any, label: str, language: str, found: list[str]) -> None:
    lang = page.evaluate("document.documentElement.lang")
    assert lang == language, f"{label}: the page is in {lang!r}, not {language!r}"
    violations = axe_violations(page)
    if violations:
        found.append(describe(label, violations))


@pytest.mark.parametrize(("locale", "language"), LANGUAGES, ids=[language for _locale, language in LANGUAGES])
def test_main_pages_have_no_wcag_21_aa_violations(browser: Any, live_server: Any, locale: str, language: str) -> None:
    if not AXE_JS.exists():  # like a missing Chromium: a loud skip, a failure under STRICT=1 (CI)
        pytest.skip(f"axe-core is missing at {AXE_JS}: apt-get install npm, then make setup (runs npm ci)")
    demo = _demo()
    found: list[str] = []
    checked = 0
    for who, urls, phone in _pages(demo):
        if not phone and language not in STAFF_LANGUAGES:
            continue
        for viewport in (DESKTOP, PHONE) if phone else (DESKTOP,):
            context = browser.new_context(base_url=live_server.url, locale=locale, viewport=viewport)
            context.set_default_timeout(15_000)
            page = context.new_page()
            try:
                if who:
                    _sign_in(page, who)
                for url in urls:
                    response = page.goto(url)
                    label = f"{url} ({who or 'anonymous'}, {language}, {viewport['width']}px)"
                    assert response is not None and response.status == 200, f"{label}: {response and response.status}"
                    _check(page, label, language, found)
                    checked += 1
                if who is None and viewport is DESKTOP:
                    # A form with errors: the sign-in page after a wrong password.
                    page.goto(reverse("accounts:login"))
                    page.locator("#id_username").fill("anna")
                    page.locator("#id_password").fill("wrong")
                    with page.expect_navigation():
                        page.locator("#id_password").press("Enter")
                    _check(page, f"sign-in with an error ({language})", language, found)
                if who == "anna":  # (staff languages only)
                    # The new-case form with its errors.
                    page.goto(reverse("cases:new"))
                    with page.expect_navigation():
                        page.locator("main form button[type=submit]").last.click()
                    _check(page, f"new case with errors ({language})", language, found)
            finally:
                context.close()
    staff_pages = (10 + 1 + 1) if language in STAFF_LANGUAGES else 0
    assert checked == staff_pages + 2 * 1 + 2 * 2 + 2 * 5
    assert not found, "axe-core (WCAG 2.1 A/AA) found:\n" + "\n".join(found)
