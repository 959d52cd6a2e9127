"""Issue #15 in Chromium, as Anna: end a running incapacity; amend a note; a triple click on a
save button makes one note; Back after opening a case and submitting again makes no second
case; a closed case shows no edit controls."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.cases.models import Case, CaseNote, IncapacityCorrection, IncapacityPeriod
from reintegra.cases.services.closure import case_close
from reintegra.cases.services.participants import incapacity_add
from tests.browser.test_case_cycle import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def day_text(day):
    return f"{day.day}.{day.month}.{day.year}"


def open_case(page):
    page.goto("/cases/new/")
    page.get_by_label("Falltyp").select_option(
        label="BEM – Betriebliches Eingliederungsmanagement (§ 167 Abs. 2 SGB IX)"
    )
    page.get_by_label("Vorname der Klientin / des Klienten").fill("Lea")
    page.get_by_label("Nachname der Klientin / des Klienten").fill("Schäfer")
    page.get_by_label("Geburtsdatum").fill("3.11.1980")
    page.get_by_role("button", name="Fall eröffnen").click()
    page.locator("h1", has_text="Lea Schäfer").wait_for()


def test_correcting_the_record_in_the_browser(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sign_in(page, "anna")

    # Back after opening a case, then submit again: still one case.
    open_case(page)
    case_url = page.url
    page.go_back()
    page.get_by_role("button", name="Fall eröffnen").wait_for()
    # the browser restored what was typed, and the one-time form token with it
    assert page.get_by_label("Vorname der Klientin / des Klienten").input_value() == "Lea"
    page.get_by_role("button", name="Fall eröffnen").click()
    page.locator("h1", has_text="Lea Schäfer").wait_for()
    assert page.url == case_url  # the first result
    assert Case.objects.filter(client__last_name="Schäfer").count() == 1
    case = Case.objects.get(client__last_name="Schäfer")

    # End a running incapacity, with a reason; the history shows it.
    anna = User.objects.get(username="anna")
    start = timezone.localdate() - timedelta(days=20)
    incapacity_add(actor=anna, case=case, data={"start": start, "percent": 100})
    page.reload()
    section = page.locator("section[aria-labelledby=incapacity-title]")
    section.get_by_role("link", name="beenden oder korrigieren").click()
    form = section.locator(".inline-form-card")
    end = timezone.localdate() - timedelta(days=1)
    form.get_by_label("Letzter Tag").fill(day_text(end))
    form.get_by_label("Grund der Korrektur").fill("Arztzeugnis bis gestern")
    form.get_by_role("button", name="Speichern").click()
    section.locator(".history").wait_for()
    assert "korrigiert am" in section.inner_text() and "Arztzeugnis bis gestern" in section.inner_text()
    assert f"{end:%-d.%-m.%Y}" in section.inner_text()
    assert IncapacityPeriod.objects.get(case=case).end == end
    assert IncapacityCorrection.objects.filter(period__case=case).count() == 1

    # A triple click on a note's save button makes one note.
    notes = page.locator("section[aria-labelledby=notes-title]")
    notes.get_by_role("link", name="Notiz hinzufügen").click()
    notes.get_by_label("Text").fill("Gesprach mit der Vorgesetzten")
    notes.get_by_role("button", name="Speichern").click(click_count=3)
    notes.locator("article.note").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert CaseNote.objects.filter(case=case).count() == 1

    # Amend the note: the page says when, who and why; the earlier wording stays readable.
    page.reload()
    notes.get_by_role("link", name="ändern").click()
    notes.get_by_label("Text").fill("Gespräch mit der Vorgesetzten")
    notes.get_by_label("Grund der Änderung").fill("Tippfehler")
    notes.get_by_role("button", name="Speichern").click()
    notes.locator(".note__amended").wait_for()
    text = notes.inner_text()
    assert "geändert am" in text and "Anna" in text and "Grund: Tippfehler" in text
    assert "Gespräch mit der Vorgesetzten" in text
    notes.get_by_text("Frühere Fassung").click()
    assert "Gesprach mit der Vorgesetzten" in notes.locator(".note__earlier").inner_text()
    assert CaseNote.objects.filter(case=case).count() == 1

    # A closed case: a banner offers reopening; no edit controls.
    case_close(actor=anna, case=case, reason="other", agreed_with_client=True, override_reason="Stellenwechsel")
    page.goto(case_url)
    banner = page.locator(".closed-banner")
    assert "Dieser Fall ist abgeschlossen." in banner.inner_text()
    assert banner.get_by_role("link", name="Fall wieder eröffnen").count() == 1
    main = page.locator("main")
    for name in ("Fall bearbeiten", "Fall abschliessen", "Beteiligte:n hinzufügen", "Arbeitsunfähigkeit erfassen"):
        assert main.get_by_role("link", name=name).count() == 0, name
    for name in ("korrigieren", "bearbeiten", "Aufnahme bearbeiten", "Einverständnis erfassen"):
        assert main.get_by_role("link", name=name, exact=True).count() == 0, name
    assert main.get_by_role("button", name="Phase abschliessen").count() == 0
    assert main.get_by_role("button", name="Phase wieder eröffnen").count() == 0
    # the edit pages themselves say that the case is closed
    response = page.goto(case_url + "edit/")
    assert response.status == 409 and "abgeschlossen" in page.locator("main").inner_text()
