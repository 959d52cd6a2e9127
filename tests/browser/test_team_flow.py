"""Running the team in Chromium (issue #14): carla, the team lead, hands two of anna's cases to ben
from the case list; anna invites an employer contact from the case page; the contact sets a password
with the e-mailed link and sees the case once the client's consent is recorded."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.cases.models import Case, CaseEvent, Participant
from reintegra.cases.services.participants import participant_create
from reintegra.consents.services import consent_record
from tests.browser.test_case_cycle import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Ein langer Satz als Passwort"


def test_team_lead_hands_over_and_an_employer_contact_is_invited(browser, live_server, page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    anna, ben = User.objects.get(username="anna"), User.objects.get(username="ben")
    first = Case.objects.get(client__first_name="Reto", client__last_name="Ammann")
    second = Case.objects.get(client__first_name="Claudia", client__last_name="Baumann")

    # carla hands two of anna's cases to ben from the case list
    sign_in(page, "carla")
    assert page.locator("#caseload-heading").is_visible()
    page.goto(f"/cases/?case_manager={anna.pk}&phase=intake")
    page.get_by_label(f"{first.reference} auswählen").check()
    page.get_by_label(f"{second.reference} auswählen").check()
    page.get_by_role("button", name="Ausgewählte Fälle übergeben").click()
    page.get_by_label("Neue Case Manager:in").select_option(str(ben.pk))
    page.get_by_label("Grund der Übergabe").fill("Anna übernimmt ein Projekt")
    page.get_by_role("button", name="Übergeben").click()
    page.wait_for_url("**/cases/")
    assert set(Case.objects.filter(pk__in=[first.pk, second.pk]).values_list("case_manager_id", flat=True)) == {ben.pk}
    assert CaseEvent.objects.filter(case__in=[first, second], kind="case_reassigned").count() == 2

    # anna invites an employer contact of one of her cases from the participant's row
    case = Case.objects.get(client__first_name="Andrea", client__last_name="Gerber")
    contact = participant_create(
        actor=anna,
        case=case,
        data={"role": "employer_contact", "name": "Erika Vorgesetzte", "email": "erika@example.org"},
    )
    worker = browser.new_context(base_url=live_server.url, locale="de-CH").new_page()
    sign_in(worker, "anna")
    worker.goto(f"/cases/{case.pk}/")
    worker.locator(f"#participant-{contact.pk}").get_by_role("link", name="Portalzugang").click()
    worker.get_by_role("button", name="Einladung senden").click()
    worker.get_by_text("Die Einladung wurde per E-Mail an erika@example.org gesendet").wait_for()
    assert "/portal/invite/" not in worker.content()  # the link goes only by e-mail
    found = re.search(r"(?:https?://[^\s/]+)?(/portal/invite/[^/\s]+/)", mail.outbox[-1].body)
    assert found is not None
    link = found.group(1)

    # the contact sets a password with the link and signs in: nothing of the case before the consent
    guest = browser.new_context(base_url=live_server.url, locale="de-CH").new_page()
    guest.goto(link)
    guest.locator("input[name=password]").fill(PASSWORD)
    guest.locator("input[name=password_confirm]").fill(PASSWORD)
    guest.get_by_role("button", name="Passwort speichern und weiter").click()
    guest.wait_for_url("**/portal/employer/")
    assert case.reference not in guest.content()
    assert Participant.objects.get(pk=contact.pk).user is not None
    consent_record(actor=anna, case=case, purpose="share_with_employer", form="written", given_on=timezone.localdate())
    guest.reload()
    assert case.reference in guest.content()
    assert "Gerber" in guest.content()  # the released representation names the client
