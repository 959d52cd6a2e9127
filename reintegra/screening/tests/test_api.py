"""The API scenarios of issue #17: import, rule results, list, invitation letter, answers."""

from datetime import date, timedelta

import pytest

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import Case, IncapacityPeriod
from reintegra.core.formatting import format_date
from reintegra.screening.models import Absence, Employee, Invitation
from reintegra.screening.tests.conftest import HEADER, csv_file, day

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

LONG = [  # 50 days of illness, continuous: crosses bem (>42) and iv-early (≥30 consecutive)
    f"1001,Jürg,Müller,1975-04-02,Basel,{day(60)},{day(11)},illness,100,5",
]


def _import(client, *lines, **kwargs):
    return client.post("/api/v1/absences/import/", {"file": csv_file(*lines, **kwargs)}, format="multipart")


def _list(client, **params):
    response = client.get("/api/v1/screening/", params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_import_stores_rows_and_reimport_imports_nothing_new(api, alice, django_capture_on_commit_callbacks):
    client = api(alice)
    lines = [*LONG, f"1002,Anna,Graf,,Basel,{day(5)},{day(5)},accident,50,"]
    with django_capture_on_commit_callbacks(execute=True):
        first = _import(client, *lines)
    assert first.status_code == 200, first.content
    assert first.json()["imported"] == 2 and first.json()["unchanged"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        again = _import(client, *lines)
    assert again.json()["imported"] == 0 and again.json()["unchanged"] == 2
    assert Absence.objects.count() == 2 and Employee.objects.count() == 2
    assert AccessLogEntry.objects.filter(object_type="absence", action="change").count() == 2


def test_a_bad_row_stores_nothing_and_names_row_and_field(api, alice):
    response = _import(
        api(alice),
        *LONG,
        f"1002,Anna,Graf,,Basel,{day(9)},{day(10)},illness,100,5",  # end before start
        "1003,Eva,Roth,,Basel,31.02.2026,,illness,100,5",  # no such date
        f"1004,Urs,Kunz,,Basel,{day(3)},,flu,100,5",  # unknown kind
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"row": 2, "field": "end"} in [{"row": e["row"], "field": e["field"]} for e in errors]
    assert {(e["row"], e["field"]) for e in errors} == {(2, "end"), (3, "start"), (4, "kind")}
    assert all(e["message"] for e in errors)
    assert Absence.objects.count() == 0 and Employee.objects.count() == 0


def test_windows_1252_with_semicolons_and_german_dates(api, alice):
    today = date.today()
    start = today - timedelta(days=50)
    line = f"2001;Jürg;Müller;02.04.1975;Basel;{start:%d.%m.%Y};;Krankheit;100;5"
    response = _import(api(alice), line, header=HEADER_SEMI, encoding="cp1252")
    assert response.status_code == 200, response.content
    employee = Employee.objects.get()
    assert employee.last_name == "Müller" and employee.birth_date == date(1975, 4, 2)
    assert Absence.objects.get().end is None


HEADER_SEMI = HEADER.replace(",", ";")


def test_unknown_unit_is_an_error_on_unit(api, alice):
    response = _import(api(alice), f"1001,Jürg,Müller,,Nirgendwo,{day(3)},,illness,100,5")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "unit"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(LONG, {"bem": 50, "iv-early": 50}, id="continuous"),
        pytest.param(  # 4 separate short absences: iv-early only; 4 × 11 = 44 days > 42: bem too
            [f"1001,J,M,,,{day(o)},{day(o - 10)},illness,100,5" for o in (300, 200, 100, 40)],
            {"bem": 44, "iv-early": 44},
            id="repeated",
        ),
        pytest.param(  # open since 35 days: 35 days to today inclusive (iv-early), not bem
            [f"1001,J,M,,,{day(34)},,illness,100,5"], {"iv-early": 35}, id="open"
        ),
        pytest.param(  # part-time incapacity counts as whole days
            [f"1001,J,M,,,{day(49)},{day(0)},illness,30,5"], {"bem": 50, "iv-early": 50}, id="part-time"
        ),
        pytest.param(  # mostly before the window: only the 10 days inside count
            [f"1001,J,M,,,{day(400)},{day(355)},illness,100,5"], {}, id="out-of-window"
        ),
        pytest.param(  # "other" absences do not count for the shipped rules
            [f"1001,J,M,,,{day(60)},{day(1)},other,100,5"], {}, id="other-kind"
        ),
    ],
)
def test_rule_results(api, alice, lines, expected):
    client = api(alice)
    assert _import(client, *lines).status_code == 200
    found = {entry["rule"]: entry["days"] for entry in _list(client)}
    assert found == expected
    for entry in _list(client):
        assert entry["eligible_since"] and entry["absences"]
        assert entry["employee"]["personnel_number"] == "1001"


def test_list_is_logged_and_filtered_by_rule_and_unit(api, alice, unit):
    client = api(alice)
    _import(client, *LONG)
    assert {e["rule"] for e in _list(client, rule="bem")} == {"bem"}
    assert len(_list(client, unit=str(unit.pk))) == 2
    assert AccessLogEntry.objects.filter(object_type="employee", action="read", user_id=str(alice.pk)).exists()


def test_list_is_refused_to_data_protection_employer_contacts_and_anonymous(api, dora, employer, admin, lead):
    assert api(dora).get("/api/v1/screening/").status_code == 403
    assert api(employer).get("/api/v1/screening/").status_code == 403
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/screening/").status_code == 401
    assert api(admin).get("/api/v1/screening/").status_code == 200
    assert api(lead).get("/api/v1/screening/").status_code == 200


def test_another_organisation_sees_none_of_it(api, alice, charlie):
    _import(api(alice), *LONG)
    assert _list(api(charlie)) == []
    employee = Employee.objects.get()
    response = api(charlie).post("/api/v1/screening/invitations/", {"employee": str(employee.pk), "rule": "bem"})
    assert response.status_code == 404


def _invite(client, rule="bem"):
    employee = Employee.objects.get()
    response = client.post("/api/v1/screening/invitations/", {"employee": str(employee.pk), "rule": rule})
    assert response.status_code == 201, response.content
    return response.json()


def test_letter_names_the_deadline(api, alice):
    client = api(alice)
    _import(client, *LONG)
    invitation = _invite(client)
    respond_by = date.fromisoformat(invitation["respond_by"])
    assert respond_by == date.today() + timedelta(days=14)
    response = client.get(invitation["letter_url"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    stored = Invitation.objects.get()
    assert f"{respond_by.day}.{respond_by.month}.{respond_by.year}" in stored.letter["body"]
    assert "freiwillig" in stored.letter["body"] and stored.letter["aims"] and stored.letter["data_collected"]
    # Invited: off the list for this rule, still on it for the other.
    assert {e["rule"] for e in _list(client)} == {"iv-early"}


@pytest.mark.parametrize(
    ("language", "rule", "words"),
    [
        ("fr-CH", "bem", ("Invitation à la gestion de la réintégration", "volontaire", "d'ici au")),
        ("fr-CH", "iv-early", ("gestion de cas", "détection précoce AI", "d'ici au")),
        ("it-CH", "iv-early", ("gestione dei casi", "rilevamento tempestivo AI", "entro il")),
        ("en", "bem", ("Betrieblichen Eingliederungsmanagement", "freiwillig", "bis zum")),
    ],
)
def test_the_shipped_letter_is_in_the_case_managers_language(api, alice, language, rule, words):
    """Without an own template, the letter is the shipped text in the maker's language (English: German)."""
    client = api(alice)
    _import(client, *LONG)
    employee = Employee.objects.get()
    response = client.post(
        "/api/v1/screening/invitations/",
        {"employee": str(employee.pk), "rule": rule},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 201, response.content
    letter = Invitation.objects.get().letter
    text = " ".join(letter.values())
    for word in words:
        assert word in text
    respond_by = date.fromisoformat(response.json()["respond_by"])
    assert f"{respond_by.day}.{respond_by.month}.{respond_by.year}" in letter["body"]
    if not language.startswith("en"):
        assert "freiwillig" not in text and "Grüsse" not in text


def test_a_template_placeholder_without_value_refuses_the_letter(api, alice, org):
    from reintegra.introduce.models import DocumentTemplate

    DocumentTemplate.objects.create(
        organisation=org,
        kind="bem_invitation",
        title="BEM-Einladung {{case_reference}}",
        body="Guten Tag {{client_name}}, bitte antworten Sie bis {{reply_by}}.",
        aims="Arbeitsfähigkeit",
        data_collected="Fehlzeiten",
    )
    client = api(alice)
    _import(client, *LONG)
    employee = Employee.objects.get()
    response = client.post("/api/v1/screening/invitations/", {"employee": str(employee.pk), "rule": "bem"})
    assert response.status_code == 400
    assert "{{case_reference}}" in response.json()["letter"][0]
    assert Invitation.objects.count() == 0


def test_the_organisations_template_is_used_when_it_fits(api, alice, org):
    from reintegra.introduce.models import DocumentTemplate

    DocumentTemplate.objects.create(
        organisation=org,
        kind="bem_invitation",
        title="Einladung BEM",
        body="Liebe/r {{client_name}}, Antwort bis {{reply_by}}.",
        aims="Eigene Ziele",
        data_collected="Eigene Daten",
    )
    client = api(alice)
    _import(client, *LONG)
    _invite(client)
    letter = Invitation.objects.get().letter
    assert letter["body"].startswith("Liebe/r Jürg Müller") and letter["aims"] == "Eigene Ziele"


def test_accepted_opens_a_case_with_incapacity_periods(api, alice):
    client = api(alice)
    _import(client, *LONG, f"1001,Jürg,Müller,1975-04-02,Basel,{day(200)},{day(190)},accident,50,5")
    invitation = _invite(client)
    response = client.post(f"/api/v1/screening/invitations/{invitation['id']}/respond/", {"answer": "accepted"})
    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=response.json()["id"])
    assert case.case_type.key == "bem" and case.client.last_name == "Müller"
    periods = sorted(IncapacityPeriod.objects.filter(case=case).values_list("start", "percent"))
    assert periods == [(date.today() - timedelta(days=200), 50), (date.today() - timedelta(days=60), 100)]
    assert case.events.filter(kind="screening_accepted").exists()
    assert Employee.objects.get().client_id == case.client_id
    # The open case and the answered invitation keep the person off the bem list.
    assert "bem" not in {e["rule"] for e in _list(client)}
    again = client.post(f"/api/v1/screening/invitations/{invitation['id']}/respond/", {"answer": "declined"})
    assert again.status_code == 409


def test_accepted_answers_the_intakes_trigger_criterion_from_the_hit(api, alice, client):
    """#17 item 5: the new case's intake has its trigger criterion answered "yes", with the days and the
    date the threshold was crossed as the note; the decision stays open for the case manager."""
    client = api(alice)
    _import(client, *LONG)
    invitation = _invite(client)
    hit = Invitation.objects.get().hit
    response = client.post(
        f"/api/v1/screening/invitations/{invitation['id']}/respond/", {"answer": "accepted"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=response.json()["id"])
    intake = client.get(f"/api/v1/cases/{case.pk}/intake/")
    assert intake.status_code == 200, intake.content
    body = intake.json()
    assert body["decision"] in ("", None) and body["criteria_met"] is None
    [answer] = body["criteria_answers"]
    assert answer["criterion"] == case.case_type.criteria[0]
    assert answer["criterion"].startswith("Mehr als sechs Wochen (42 Kalendertage)")
    assert answer["answer"] is True
    since = date.fromisoformat(hit["eligible_since"])
    assert hit["days"] == 50 and since == date.today() - timedelta(days=60 - 42)
    assert "50 days of absence within 365 days" in answer["note"]
    assert f"eligible since {format_date(since, language='en')}." in answer["note"]
    assert case.events.filter(kind="intake_criteria_answered").exists()
    client.force_login(alice)
    page = client.get(f"/cases/{case.pk}/intake/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "50 days of absence within 365 days" in page
    # The intake page keeps the answer when the case manager records the decision there.
    put = client.put(
        f"/api/v1/cases/{case.pk}/intake/",
        {
            "version": client.get(f"/api/v1/cases/{case.pk}/").json()["version"],
            "criteria_met": True,
            "decision": "admitted",
            "decision_reason": "Kriterien erfüllt",
            "client_informed": True,
            "cooperation_agreed": True,
        },
        format="json",
    )
    assert put.status_code == 200, put.content
    assert [a["criterion"] for a in client.get(f"/api/v1/cases/{case.pk}/intake/").json()["criteria_answers"]] == [
        answer["criterion"]
    ]


def test_declined_is_off_the_list_without_a_case_and_keeps_only_the_fact(api, alice):
    client = api(alice)
    _import(client, *LONG)
    invitation = _invite(client)
    response = client.post(f"/api/v1/screening/invitations/{invitation['id']}/respond/", {"answer": "declined"})
    assert response.status_code == 200
    assert Case.objects.count() == 0
    stored = Invitation.objects.get()
    assert stored.status == "declined" and stored.answered_on == date.today()
    assert stored.hit == {} and stored.letter == {}
    assert "bem" not in {e["rule"] for e in _list(client)}
    assert client.get(invitation["letter_url"]).status_code == 400


def test_bad_answer_is_400_and_changes_nothing(api, alice):
    client = api(alice)
    _import(client, *LONG)
    invitation = _invite(client)
    response = client.post(f"/api/v1/screening/invitations/{invitation['id']}/respond/", {"answer": "maybe"})
    assert response.status_code == 400 and "answer" in response.json()
    assert Invitation.objects.get().status == "pending"


def test_xlsx_import(api, alice):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Personalnummer", "Vorname", "Nachname", "Beginn", "Ende", "Art"])
    sheet.append(["1001", "Jürg", "Müller", date.today() - timedelta(days=50), None, "illness"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    from reintegra.screening.models import ColumnMapping

    ColumnMapping.objects.create(
        organisation=alice.organisation,
        name="Personio",
        columns={
            "personnel_number": "Personalnummer",
            "first_name": "Vorname",
            "last_name": "Nachname",
            "start": "Beginn",
            "end": "Ende",
            "kind": "Art",
        },
    )
    upload = SimpleUploadedFile("export.xlsx", buffer.getvalue())
    response = api(alice).post("/api/v1/absences/import/", {"file": upload, "mapping": "Personio"}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["imported"] == 1
    assert Absence.objects.get().end is None
