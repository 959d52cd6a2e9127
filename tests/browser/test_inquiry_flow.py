"""Anonymous first contact on a phone: ask, keep the code, come back, read the answer (issue #18).

The person uses a phone-sized Chromium without any account; Anna answers from the staff inbox
in a desktop context; the person comes back in a fresh context (nothing remembered) and reads it.
"""

import pytest
from django.core.management import call_command

from reintegra.inquiries.models import Inquiry
from tests.browser.test_case_cycle import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
QUESTION = "Was passiert, wenn ich Ihnen von meiner Krankheit erzähle?"
ANSWER = "Was Sie uns schreiben, bleibt beim Case Management."


def test_ask_keep_the_code_come_back_and_read_the_answer_on_a_phone(browser, live_server, page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    phone = browser.new_context(
        base_url=live_server.url, locale="de-CH", viewport=PHONE, is_mobile=True, has_touch=True
    )
    phone.set_default_timeout(15_000)
    asking = phone.new_page()
    asking.goto("/k/demo-ag/")
    assert asking.locator("h1").inner_text() == "Anonym beim Case Management nachfragen"
    # One column that fits the phone: nothing wider than the screen.
    assert asking.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    asking.get_by_label("Ihre Frage").fill(QUESTION)
    asking.get_by_role("button", name="Anonym senden").click()
    asking.get_by_role("heading", name="Ihre Frage wurde gesendet").wait_for()
    assert "Niemand kann sie wiederherstellen" in asking.locator(".warning").inner_text()
    assert asking.get_by_role("button", name="Zettel drucken").is_visible()  # shown where JavaScript runs
    code = asking.get_by_test_id("code").inner_text()
    passphrase = asking.get_by_test_id("passphrase").inner_text()
    assert phone.cookies() == []  # nothing that could recognise the person later
    phone.close()

    # Anna answers in the staff inbox.
    sign_in(page, "anna")
    page.goto("/inquiries/")
    page.get_by_role("link", name=QUESTION[:40]).click()
    page.get_by_label("Antwort").fill(ANSWER)
    page.get_by_role("button", name="Antwort senden").click()
    page.get_by_text(ANSWER).wait_for()
    assert Inquiry.objects.filter(status="answered").count() == 2  # the demo's answered thread and this one

    # The person comes back later, in a fresh browser, with the code and passphrase from the slip.
    later = browser.new_context(base_url=live_server.url, locale="de-CH", viewport=PHONE, is_mobile=True)
    later.set_default_timeout(15_000)
    back = later.new_page()
    back.goto("/k/demo-ag/")
    back.get_by_role("link", name="Antwort mit Ihrem Code lesen").click()
    back.get_by_label("Code").fill(code.lower().replace("-", " "))  # as typed from paper
    back.get_by_label("Passwortsatz").fill(passphrase)
    back.get_by_role("button", name="Gespräch öffnen").click()
    back.get_by_role("heading", name="Ihr Gespräch mit dem Case Management").wait_for()
    thread = back.locator("#thread").inner_text()
    assert QUESTION in thread and ANSWER in thread
    assert back.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    later.close()
