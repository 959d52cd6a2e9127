"""The portals in a real Chromium.

Client (on a phone): invite → set password → see the plan → withdraw a consent. Employer: mark a measure done.
"""

import re
from importlib import import_module

import pytest
from django.core import mail

from reintegra.cases.models import Case, Client
from reintegra.consents.models import Consent
from reintegra.plans.models import Measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill("reintegra-demo")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/")


def load_demo():
    """Only the demo data these flows need (accounts, cases, plans, the portal's), in load_demo's order."""
    for app in ("accounts", "cases", "assessments", "plans", "portal"):
        import_module(f"reintegra.{app}.demo").load()


def test_invite_set_password_see_plan_withdraw_consent(page, browser, live_server):
    load_demo()
    case = Case.objects.get(client__first_name="Jürg", client__last_name="Müller")
    Client.objects.filter(pk=case.client_id).update(user=None)  # a client without an account yet

    # The case manager sends the invitation; the link reaches only the client's mailbox.
    sign_in(page, "anna")
    page.goto(f"/portal/cases/{case.pk}/invite/")
    assert "noch kein Portal-Konto" in page.locator("main").inner_text()
    page.get_by_role("button", name="Einladung senden").click()
    page.get_by_role("status").filter(has_text="Die Einladung wurde per E-Mail").wait_for()
    assert "/portal/invite/" not in page.content()
    match = re.search(r"(?:https?://[^/\s]+)?(/portal/invite/[^/\s]+/)", mail.outbox[-1].body)
    assert match
    link = match.group(1)

    # The client opens it on a phone, in a fresh browser context.
    context = browser.new_context(
        base_url=live_server.url, locale="de-CH", viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    phone = context.new_page()
    try:
        phone.goto(link)
        assert phone.locator("h1").inner_text() == "Wählen Sie Ihr Passwort"
        phone.get_by_label("Neues Passwort").fill("kurz")
        phone.get_by_label("Passwort wiederholen").fill("kurz")
        phone.get_by_role("button", name="Passwort speichern und weiter").click()
        assert phone.locator(".error-summary").is_visible()
        phone.get_by_label("Neues Passwort").fill("Mein Rücken wird wieder stark")
        phone.get_by_label("Passwort wiederholen").fill("Mein Rücken wird wieder stark")
        phone.get_by_label("Passwort wiederholen").press("Enter")
        phone.wait_for_url("**/portal/")
        assert "Guten Tag Jürg" in phone.locator("h1").inner_text()
        plan = phone.locator("section[aria-labelledby=plan-title]").inner_text()
        assert "Rückkehr an den Arbeitsplatz zu 50 %" in plan and "Physiotherapie mit Rückentraining" in plan
        assert "1440" not in plan and "Übungsprogramm" not in plan  # no costs, no indicators
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1  # one column, no sideways scrolling

        # Withdraw the consent to share with the employer: one step, with a confirmation.
        consent = Consent.objects.get(case=case, purpose="share_with_employer", withdrawn_on__isnull=True)
        phone.locator(f"a[href='/portal/consents/{consent.pk}/withdraw/']").click()
        assert phone.locator("h1").inner_text() == "Möchten Sie dieses Einverständnis zurückziehen?"
        phone.get_by_role("button", name="Ja, Einverständnis zurückziehen").click()
        phone.wait_for_url("**/portal/")
        assert "zurückgezogen" in phone.locator(".messages").inner_text()
        consent.refresh_from_db()
        assert consent.withdrawn_on is not None
        assert "Anna Keller" in phone.locator("section[aria-labelledby=access-title]").inner_text()
    finally:
        context.close()


def test_employer_marks_his_measure_done(page):
    load_demo()
    case = Case.objects.get(client__first_name="Jürg", client__last_name="Müller")
    sign_in(page, "emil")
    page.goto("/portal/employer/")
    assert page.locator("h1").inner_text() == "Arbeitgeberportal"
    assert case.reference in page.locator("section[aria-labelledby=cases-title]").inner_text()
    page.get_by_role("link", name="Jürg Müller").click()
    measures = page.locator("section[aria-labelledby=measures-title]").inner_text()
    assert "Arbeitsplatz im Lager anpassen" in measures and "Physiotherapie" not in measures
    page.get_by_role("link", name="Als erledigt melden").first.click()
    page.get_by_role("button", name="Als erledigt melden").click()
    assert "Schreiben Sie kurz" in page.locator(".error-summary").inner_text()
    page.get_by_label("Notiz").fill("Die Hebehilfe ist montiert und eingeführt.")
    page.get_by_role("button", name="Als erledigt melden").click()
    page.wait_for_url(f"**/portal/employer/cases/{case.pk}/")
    assert "erledigt" in page.locator(".messages").inner_text()
    measure = Measure.objects.get(case=case, responsible_participant__user__username="emil")
    assert measure.status == "done"
