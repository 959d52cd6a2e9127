"""#17 item 3: the rules as data per organisation, configured by its admins on /screening/rules/."""

import pytest
from django.test import Client

from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.screening.models import ScreeningRule
from reintegra.screening.services.runs import screening_rules_ensure_shipped
from reintegra.screening.tests.conftest import csv_file, day

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

FORTY_DAYS = f"1001,Jürg,Müller,1975-04-02,Basel,{day(40)},{day(11)},illness,100,5"  # 30 days, continuous


def web(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _bem(org) -> ScreeningRule:
    screening_rules_ensure_shipped(organisation=org)
    return ScreeningRule.objects.get(organisation=org, key="bem")


def _settings(rule: ScreeningRule, **changes):
    data = {
        "name": rule.name,
        "case_type_key": rule.case_type_key,
        "window_days": rule.window_days,
        "counting_unit": rule.counting_unit,
        "kinds": list(rule.kinds),
        "total_days_over": rule.total_days_over or "",
        "consecutive_days_min": rule.consecutive_days_min or "",
        "separate_absences_min": rule.separate_absences_min or "",
        "active": "on" if rule.active else "",
        "version": rule.version,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _stored(rule: ScreeningRule) -> tuple:
    rule.refresh_from_db()
    return (
        rule.name, rule.case_type_key, rule.window_days, rule.counting_unit, rule.kinds,
        rule.total_days_over, rule.consecutive_days_min, rule.separate_absences_min, rule.active, rule.version,
    )  # fmt: skip


def test_the_admin_sees_the_shipped_rules_with_their_settings(admin, org):
    page = web(admin).get("/screening/rules/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "more than 42 days in total" in html
    assert "at least 30 consecutive days" in html and "at least 4 separate absences" in html
    assert ScreeningRule.objects.filter(organisation=org).count() == 2
    assert 'href="/screening/rules/"' in web(admin).get("/screening/").content.decode()


@pytest.mark.parametrize("person", ["alice", "lead", "dora", "employer"])
def test_nobody_else_configures_the_rules(person, org, request):
    rule = _bem(org)
    user = request.getfixturevalue(person)
    client = web(user)
    assert client.get("/screening/rules/").status_code == 403
    assert client.get(f"/screening/rules/{rule.pk}/").status_code == 403
    before = _stored(rule)
    assert client.post(f"/screening/rules/{rule.pk}/", _settings(rule, total_days_over=5)).status_code == 403
    assert _stored(rule) == before
    assert 'href="/screening/rules/"' not in client.get("/screening/").content.decode()


def test_anonymous_is_sent_to_sign_in(org):
    rule = _bem(org)
    response = Client().get(f"/screening/rules/{rule.pk}/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_another_organisations_rule_is_404(admin, charlie):
    rule = _bem(charlie.organisation)
    client = web(admin)
    assert client.get(f"/screening/rules/{rule.pk}/").status_code == 404
    before = _stored(rule)
    assert client.post(f"/screening/rules/{rule.pk}/", _settings(rule, total_days_over=5)).status_code == 404
    assert _stored(rule) == before


def test_the_admin_changes_a_rule_it_is_logged_and_the_list_follows(
    admin, alice, org, api, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        imported = api(alice).post("/api/v1/absences/import/", {"file": csv_file(FORTY_DAYS)}, format="multipart")
    assert imported.status_code == 200
    assert {e["rule"] for e in api(alice).get("/api/v1/screening/").json()["results"]} == {"iv-early"}
    rule = _bem(org)
    form = web(admin).get(f"/screening/rules/{rule.pk}/")
    assert form.status_code == 200 and 'name="separate_absences_min"' in form.content.decode()
    changes = _settings(
        rule, total_days_over=20, window_days=180, counting_unit="working", kinds=["illness"], separate_absences_min=3
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = web(admin).post(f"/screening/rules/{rule.pk}/", changes)
    assert response.status_code == 302, response.context["form"].errors
    rule.refresh_from_db()
    assert (rule.total_days_over, rule.window_days, rule.counting_unit, rule.kinds) == (20, 180, "working", ["illness"])
    assert rule.separate_absences_min == 3 and rule.version == 2
    entry = AccessLogEntry.objects.get(object_type="screening_rule")
    assert entry.action == AccessAction.CHANGE and entry.user_id == str(admin.pk) and entry.object_id == str(rule.pk)
    assert "total_days_over" in entry.detail and "window_days" in entry.detail
    # Recomputed after the commit: 30 days of illness (22 working days) are now more than 20.
    assert {e["rule"] for e in api(alice).get("/api/v1/screening/").json()["results"]} == {"bem", "iv-early"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"window_days": "0"}, "window_days"),
        ({"window_days": "4000"}, "window_days"),
        ({"window_days": "ein Jahr"}, "window_days"),
        ({"counting_unit": "weeks"}, "counting_unit"),
        ({"kinds": []}, "kinds"),
        ({"kinds": ["holiday"]}, "kinds"),
        ({"total_days_over": "0"}, "total_days_over"),
        ({"total_days_over": "x"}, "total_days_over"),
        ({"total_days_over": "365"}, "total_days_over"),  # never more than 365 days in a 365-day window
        ({"total_days_over": "", "consecutive_days_min": "", "separate_absences_min": ""}, "total_days_over"),
        ({"consecutive_days_min": "400"}, "consecutive_days_min"),
        ({"separate_absences_min": "1"}, "separate_absences_min"),
        ({"case_type_key": "nope"}, "case_type_key"),
    ],
)
def test_bad_settings_are_form_errors_naming_the_field_and_nothing_is_stored(admin, org, changes, field):
    rule = _bem(org)
    before = _stored(rule)
    response = web(admin).post(f"/screening/rules/{rule.pk}/", _settings(rule, **changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors, response.context["form"].errors
    assert _stored(rule) == before
    assert not AccessLogEntry.objects.filter(object_type="screening_rule").exists()


def test_a_stale_version_is_a_conflict_and_nothing_is_stored(admin, org):
    rule = _bem(org)
    client = web(admin)
    assert client.post(f"/screening/rules/{rule.pk}/", _settings(rule, total_days_over=40)).status_code == 302
    stale = client.post(f"/screening/rules/{rule.pk}/", _settings(rule, total_days_over=10, version=1))
    assert stale.status_code == 409
    rule.refresh_from_db()
    assert rule.total_days_over == 40 and rule.version == 2


def test_the_service_checks_the_whole_rule_not_only_what_the_form_sends(admin, org):
    from django.core.exceptions import ValidationError

    from reintegra.screening.services.rules import screening_rule_update

    rule = _bem(org)
    with pytest.raises(ValidationError) as refused:
        screening_rule_update(actor=admin, rule=rule, version=1, data={"total_days_over": None})
    assert "total_days_over" in refused.value.message_dict
    rule.refresh_from_db()
    assert rule.total_days_over == 42


def _new_rule(**changes):
    data = {
        "key": "insurer-60",
        "name": "Versicherung: mehr als 60 Tage",
        "case_type_key": "general",
        "window_days": "365",
        "counting_unit": "calendar",
        "kinds": ["illness", "accident"],
        "total_days_over": "60",
        "active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_admin_adds_an_own_rule_and_it_screens(admin, alice, org, api, django_capture_on_commit_callbacks):
    long_one = f"1001,Jürg,Müller,1975-04-02,Basel,{day(80)},{day(11)},illness,100,5"  # 70 days
    with django_capture_on_commit_callbacks(execute=True):
        api(alice).post("/api/v1/absences/import/", {"file": csv_file(long_one)}, format="multipart")
    client = web(admin)
    assert client.get("/screening/rules/new/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/screening/rules/new/", _new_rule())
    assert response.status_code == 302, response.context["form"].errors
    rule = ScreeningRule.objects.get(organisation=org, key="insurer-60")
    assert (rule.total_days_over, rule.case_type_key, rule.active) == (60, "general", True)
    assert AccessLogEntry.objects.filter(object_type="screening_rule", object_id=str(rule.pk)).exists()
    listed = {e["rule"] for e in api(alice).get("/api/v1/screening/").json()["results"]}
    assert "insurer-60" in listed


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"key": "bem"}, "key"),  # the shipped rule's key is taken
        ({"key": "Mit Leerzeichen"}, "key"),
        ({"key": ""}, "key"),
        ({"total_days_over": ""}, "total_days_over"),
        ({"kinds": None}, "kinds"),
    ],
)
def test_a_bad_new_rule_names_the_field_and_stores_nothing(admin, org, changes, field):
    _bem(org)
    response = web(admin).post("/screening/rules/new/", _new_rule(**changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors, response.context["form"].errors
    assert ScreeningRule.objects.filter(organisation=org).count() == 2


def test_only_admins_add_rules(alice, lead, org):
    for user in (alice, lead):
        assert web(user).post("/screening/rules/new/", _new_rule()).status_code == 403
    assert not ScreeningRule.objects.filter(key="insurer-60").exists()
