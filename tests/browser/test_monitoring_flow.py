"""The demo case "Jürg Müller" in Chromium, as Anna: review → referral → evaluation → closure →
satisfaction survey link, answered in a fresh browser context without login, then refused as used."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reintegra.cases.models import Case
from reintegra.consents.models import Consent
from reintegra.questionnaires.models import Response, SurveyInvitation
from reintegra.questionnaires.tests.conftest import ship_questionnaires
from tests.browser.test_case_cycle import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def today_text():
    today = timezone.localdate()
    return f"{today.day}.{today.month}.{today.year}"


def record_review(page, case):
    before = case.reviews.count()  # the demo has reviews already
    page.goto(reverse("plans:reviews", args=[case.pk]))
    form = page.locator("form[action$='/reviews/']")
    form.locator("input[name=date]").fill(today_text())
    for radio in form.locator("input[type=radio][value='1']").all():
        radio.check()
    form.get_by_role("button", name="Überprüfung erfassen").click()
    page.locator(".messages").wait_for()
    assert case.reviews.count() == before + 1


def record_provider_consent(page, case):
    if Consent.objects.filter(case=case, purpose="share_with_provider", withdrawn_on__isnull=True).exists():
        return
    page.goto(reverse("consents:new", args=[case.pk]))
    page.get_by_label("Zweck").select_option("share_with_provider")
    page.get_by_label("mündlich").check()
    page.get_by_label("Erteilt am").fill(today_text())
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/cases/{case.pk}/**")
    assert Consent.objects.filter(case=case, purpose="share_with_provider").exists()


def send_referral(page, case):
    page.goto(reverse("network:case_referrals", args=[case.pk]))
    propose = page.locator("section[aria-labelledby=propose-heading] form")
    provider = propose.locator("select[name=provider]")
    provider.select_option(index=1)
    propose.get_by_role("button", name="Zuweisung vorschlagen").click()
    referral = page.locator("section[aria-labelledby=referrals-heading] article").first
    referral.wait_for()
    referral.locator("button[name=to][value=sent]").click()
    page.locator("[data-status=sent]").first.wait_for()


def evaluate(page, case):
    page.goto(reverse("cases:evaluation", args=[case.pk]))
    form = page.locator("main form[method=post]").last
    for select in form.locator("select[name^=rating_]").all():
        select.select_option("1")
    form.locator("input[name=outcome][value=rtw_full]").check()
    form.locator("textarea[name=summary]").fill("Wieder im vollen Pensum im Lager, Übungsprogramm läuft.")
    form.locator("input[name=aftercare_needed][value=true]").check()
    form.locator("input[name=follow_up_on]").fill("15.1.2027")
    form.locator("input[name=satisfaction][value=asked]").check()
    form.get_by_role("button", name="Evaluation speichern").click()
    page.wait_for_url(f"**/cases/{case.pk}/")
    assert "Die Evaluation wurde gespeichert." in page.locator(".messages").inner_text()


def close_case(page, case):
    page.goto(reverse("cases:close", args=[case.pk]))
    page.locator("select[name=reason]").select_option("goals_achieved")
    page.locator("input[name=agreed_with_client]").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Fall abschliessen").click()
    page.wait_for_url(f"**/cases/{case.pk}/")
    case.refresh_from_db()
    assert case.is_closed


def test_review_referral_evaluation_closure_then_the_survey_link(page, browser, live_server):
    ship_questionnaires()  # a flush by an earlier transactional test removes migration data
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    case = Case.objects.get(client__first_name="Jürg", client__last_name="Müller", case_manager__username="anna")
    sign_in(page, "anna")

    record_review(page, case)
    record_provider_consent(page, case)
    send_referral(page, case)
    evaluate(page, case)
    close_case(page, case)

    # The satisfaction survey: a link shown once on the case's questionnaire page.
    page.goto(reverse("questionnaires:case_responses", args=[case.pk]))
    survey = page.locator("#survey")
    survey.get_by_label("Wer wird befragt?").select_option("client")
    survey.get_by_role("button", name="Umfrage-Link erstellen").click()
    page.wait_for_url("**/questionnaires/cases/**")
    link = page.locator("#survey-link").input_value()
    assert "/questionnaires/s/" in link
    assert "offen" in page.locator("#survey table").inner_text()

    # A fresh context: no session, no cookies; the link alone opens the questionnaire.
    stranger = browser.new_context(locale="de-CH")
    stranger.set_default_timeout(15_000)
    public = stranger.new_page()
    try:
        public.goto(link)
        assert public.locator("h1").inner_text().startswith("Zufriedenheit")
        assert "Jürg" not in public.content() and case.reference not in public.content()
        public.get_by_role("button", name="Antworten senden").click()  # nothing chosen: errors per question
        assert public.locator(".error-summary").is_visible()
        for fieldset in public.locator("form fieldset").all():
            fieldset.get_by_label("trifft voll zu", exact=True).check()
        public.get_by_role("button", name="Antworten senden").click()
        public.wait_for_url("**/questionnaires/s/done/")
        assert "Vielen Dank" in public.locator("h1").inner_text()

        again = public.goto(link)
        assert again is not None and again.status == 410
        assert "bereits verwendet" in public.locator("h1").inner_text()
    finally:
        stranger.close()

    response = Response.objects.get(case=case, questionnaire__key="satisfaction")
    assert response.score == 4 and not response.declined
    assert SurveyInvitation.objects.get(case=case).status == "answered"
    page.goto(reverse("questionnaires:case_responses", args=[case.pk]))
    assert "beantwortet" in page.locator("#survey table").inner_text()
