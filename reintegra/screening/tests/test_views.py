"""The screening pages: list, import with preview and progress, invitation, answer, works council list."""

import pytest

from reintegra.cases.models import Case
from reintegra.screening.models import Absence, Employee, ImportJob, Invitation
from reintegra.screening.tests.conftest import csv_file, day
from tests.support.people import web_for

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

LINES = [f"1001,Jürg,Müller,1975-04-02,Basel,{day(60)},{day(11)},illness,100,5"]


def web(user):
    return web_for(user, HTTP_ACCEPT_LANGUAGE="de")


def _upload(client, *lines):
    return client.post("/screening/import/", {"file": csv_file(*lines)})


def test_import_preview_then_import_with_progress(alice, django_capture_on_commit_callbacks):
    client = web(alice)
    response = _upload(client, *LINES)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    assert job.summary["new"] == 1 and Absence.objects.count() == 0  # a preview stores nothing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/screening/import/{job.pk}/start/")
    job.refresh_from_db()
    assert job.status == "done" and job.percent_done == 100 and job.payload == b""
    assert Absence.objects.count() == 1
    progress = client.get(f"/screening/import/{job.pk}/progress/")
    assert b'value="100"' in progress.content and b"hx-trigger" not in progress.content
    listed = client.get("/screening/")
    assert "Jürg Müller" in listed.content.decode()


def test_preview_names_the_bad_rows_and_cannot_be_imported(alice):
    client = web(alice)
    _upload(client, *LINES, f"1002,Eva,Roth,,Basel,{day(3)},{day(9)},illness,100,5")
    job = ImportJob.objects.get()
    page = client.get(f"/screening/import/{job.pk}/").content.decode()
    assert job.errors == [{"row": 2, "field": "end", "message": job.errors[0]["message"]}]
    assert "Importieren" not in page or "absence" not in page
    assert client.post(f"/screening/import/{job.pk}/start/").status_code == 302
    job.refresh_from_db()
    assert job.status == "preview" and Absence.objects.count() == 0


def _imported(alice):
    from reintegra.screening.services.imports import absences_import

    absences_import(actor=alice, payload=csv_file(*LINES).read())
    return Employee.objects.get()


def test_invite_and_accept_through_the_pages(alice):
    employee = _imported(alice)
    client = web(alice)
    page = client.get(f"/screening/employees/{employee.pk}/")
    assert page.status_code == 200 and f"/screening/employees/{employee.pk}/invite/" in page.content.decode()
    response = client.post(f"/screening/employees/{employee.pk}/invite/", {"rule": "bem"})
    invitation = Invitation.objects.get()
    assert response["Location"] == f"/screening/invitations/{invitation.pk}/"
    letter = client.get(f"/screening/invitations/{invitation.pk}/letter.pdf")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    accepted = client.post(f"/screening/invitations/{invitation.pk}/respond/", {"answer": "accepted"})
    case = Case.objects.get()
    assert accepted["Location"] == case.get_absolute_url()
    assert case.incapacity_periods.count() == 1


def test_invite_without_a_rule_is_400_and_changes_nothing(alice):
    employee = _imported(alice)
    response = web(alice).post(f"/screening/employees/{employee.pk}/invite/", {})
    assert response.status_code == 400 and Invitation.objects.count() == 0


def test_pages_are_refused_to_data_protection_and_portal_users(dora, employer):
    for user in (dora, employer):
        assert web(user).get("/screening/").status_code == 403


def test_org_admin_sees_the_list_but_does_not_invite(admin, alice):
    employee = _imported(alice)
    client = web(admin)
    assert client.get("/screening/").status_code == 200
    assert client.post(f"/screening/employees/{employee.pk}/invite/", {"rule": "bem"}).status_code == 403
    assert Invitation.objects.count() == 0


def test_works_council_list_has_names_and_dates_only_for_team_leads(alice, lead):
    employee = _imported(alice)
    web(alice).post(f"/screening/employees/{employee.pk}/invite/", {"rule": "bem"})
    csv_text = web(lead).get("/screening/works-council.csv").content.decode("utf-8-sig")
    header, row = csv_text.strip().splitlines()
    assert row.startswith('"Müller";"Jürg";')
    assert "illness" not in csv_text and "bem" not in csv_text and "50" not in row
    assert web(lead).get("/screening/works-council.pdf").content.startswith(b"%PDF")
    assert web(alice).get("/screening/works-council.csv").status_code == 403


def test_column_mapping_is_saved_per_organisation(alice):
    client = web(alice)
    response = client.post("/screening/mappings/", {"name": "Abacus", "personnel_number": "PersNr", "start": "Von"})
    assert response.status_code == 302
    from reintegra.screening.models import ColumnMapping

    assert ColumnMapping.objects.get().columns == {"personnel_number": "PersNr", "start": "Von"}


def test_the_list_page_shows_each_row_from_plain_values_in_a_fixed_number_of_queries(alice, django_assert_num_queries):
    """Rows read as values (no models per row); the rule's label, the reason and the employee link are
    the same as before; the number of queries does not grow with the rows (performance.md, #17)."""
    from reintegra.screening.models import ScreeningRule
    from reintegra.screening.services.imports import absences_import

    absences_import(
        actor=alice,
        payload=csv_file(*(f"{n},P{n},Q{n},,Basel,{day(60)},{day(11)},illness,100,5" for n in range(60))).read(),
    )
    ScreeningRule.objects.filter(organisation=alice.organisation, key="iv-early").update(name="Früherfassung (eigen)")
    client = web(alice)
    client.get("/screening/")
    with django_assert_num_queries(9, using="default"):
        response = client.get("/screening/")
    page = response.content.decode()
    assert response.status_code == 200 and page.count("<tr data-rule") == 50
    # Each row links its employee (which 50 of the 120 hits come first depends on ties: any of them).
    linked = [
        e
        for e in Employee.objects.all()
        if f'<a href="/screening/employees/{e.pk}/">P{e.personnel_number} Q{e.personnel_number}</a>' in page
    ]
    assert len(linked) >= 25
    assert "<td>Basel</td>" in page and "Früherfassung (eigen)" in page
    assert "<td>Tage am Stück</td>" in page or "<td>Tage zusammengezählt</td>" in page  # the reason, in German
    assert "Seite 1 von 3 (120 Einträge)" in page
    second = client.get("/screening/?rule=iv-early&page=2").content.decode()
    assert second.count('<tr data-rule="iv-early">') == 10
