"""The HTML pages: access for every kind of person, forms with errors kept, conflicts, htmx votes."""

import pytest
from django.urls import reverse

from reintegra.introduce import services
from reintegra.introduce.models import ActionItem, CommunicationRule, ImplementationProject, RaciRow, SoarItem, SoarVote

pytestmark = pytest.mark.django_db


def rule_form(tpl, **overrides):
    data = {"event": "case_admitted", "recipient": "team_lead", "channel": "in_app", "template": tpl.pk, "active": "on"}
    data.update(overrides)
    return data


def test_people_without_a_staff_role_get_403_and_anonymous_people_sign_in(client, employer, project):
    assert client.get("/introduce/").status_code == 302
    client.force_login(employer)
    for url in ["/introduce/", f"/introduce/projects/{project.pk}/", "/introduce/playbook/", "/introduce/rules/new/"]:
        assert client.get(url).status_code == 403, url


def test_index_shows_the_project_with_progress_and_links(client, bob, project, django_assert_max_num_queries):
    ActionItem.objects.create(project=project, title="A", status="done")
    client.force_login(bob)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("introduce:index"))
    body = response.content.decode()
    assert project.title in body
    assert body.count("<progress") == 4
    for name in ("soar", "resources", "inquiry"):
        assert reverse(f"introduce:{name}", args=[project.pk]) in body
    assert reverse("introduce:playbook") in body and reverse("introduce:office_hours") in body
    assert reverse("introduce:project_new") not in body  # bob is no editor


def test_editor_creates_a_rule_and_sees_it_listed(web, template):
    response = web.post("/introduce/rules/new/", rule_form(template))
    assert response.status_code == 302 and response.url == "/introduce/playbook/#rules"
    rule = CommunicationRule.objects.get()
    assert (rule.event, rule.recipient, rule.channel, rule.active) == ("case_admitted", "team_lead", "in_app", True)
    assert template.title in web.get("/introduce/playbook/").content.decode()


def test_invalid_rule_form_keeps_the_values_and_stores_nothing(web, template, charlie):
    response = web.post("/introduce/rules/new/", rule_form(template, template="", channel="fax"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "error-summary" in body
    assert set(response.context["form"].errors) == {"template", "channel"}
    assert 'value="case_admitted" selected' in body
    assert not CommunicationRule.objects.exists()


def test_duplicate_rule_shows_the_service_error_on_the_field(web, template):
    web.post("/introduce/rules/new/", rule_form(template))
    response = web.post("/introduce/rules/new/", rule_form(template))
    assert "event" in response.context["form"].errors
    assert CommunicationRule.objects.count() == 1


def test_rule_form_offers_only_templates_of_the_own_organisation(web, template, charlie):
    from reintegra.introduce.models import DocumentTemplate

    foreign = DocumentTemplate.objects.create(
        organisation=charlie.organisation, kind="message", title="Fremd", body="x"
    )
    response = web.post("/introduce/rules/new/", rule_form(foreign))
    assert "template" in response.context["form"].errors
    assert "Fremd" not in web.get("/introduce/rules/new/").content.decode()


def test_non_editors_cannot_open_playbook_forms(client, bob, template):
    client.force_login(bob)
    assert client.get("/introduce/rules/new/").status_code == 403
    assert client.post("/introduce/rules/new/", rule_form(template)).status_code == 403
    assert client.get(f"/introduce/templates/{template.pk}/edit/").status_code == 403
    assert client.post(f"/introduce/templates/{template.pk}/delete/").status_code == 403
    assert not CommunicationRule.objects.exists()


def test_other_organisations_get_404(client, charlie, template, project):
    client.force_login(charlie)
    for url in [
        f"/introduce/templates/{template.pk}/",
        f"/introduce/templates/{template.pk}/edit/",
        f"/introduce/templates/{template.pk}/preview.pdf",
        f"/introduce/projects/{project.pk}/",
        f"/introduce/projects/{project.pk}/soar/",
        f"/introduce/projects/{project.pk}/stakeholders/new/",
    ]:
        assert client.get(url).status_code == 404, url


def test_stale_edit_shows_a_conflict_and_keeps_the_other_change(client, alice, tina):
    row = services.raci_row_create(
        actor=alice,
        data=services.RaciRowData.build(
            {"phase": "intake", "activity": "Aufnahme", "assignments": {"case_manager": "A"}}
        ),
    )
    client.force_login(tina)
    form = {"phase": "intake", "activity": "Tinas Fassung", "position": 0, "raci_case_manager": "A", "version": 1}
    services.raci_row_update(
        actor=alice,
        row=row,
        data=services.RaciRowData.build({"activity": "Alices Fassung"}, base=services.RaciRowData.of(row)),
        version=1,
    )
    response = client.post(f"/introduce/raci/{row.pk}/edit/", form)
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    row.refresh_from_db()
    assert row.activity == "Alices Fassung"


def test_raci_form_builds_assignments_and_reports_a_missing_accountable(web):
    base = {"phase": "planning", "activity": "Plan vereinbaren", "position": 1}
    response = web.post("/introduce/raci/new/", {**base, "raci_case_manager": "R"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not RaciRow.objects.exists()
    response = web.post("/introduce/raci/new/", {**base, "raci_case_manager": "R", "raci_client": "A"})
    assert response.status_code == 302
    assert RaciRow.objects.get().assignments == {"case_manager": "R", "client": "A"}


def test_dates_are_entered_the_local_way(web, project):
    url = f"/introduce/projects/{project.pk}/actions/new/"
    response = web.post(url, {"title": "Schulung", "due_on": "3.11.2026", "status": "open"})
    assert response.status_code == 302
    assert ActionItem.objects.get().due_on.isoformat() == "2026-11-03"
    bad = web.post(url, {"title": "Schulung", "due_on": "31.2.2026", "status": "open"})
    assert "due_on" in bad.context["form"].errors
    assert ActionItem.objects.count() == 1


def test_session_form_combines_date_and_time(web):
    response = web.post(
        "/introduce/office-hours/new/",
        {"title": "Sprechstunde", "date": "9.4.2027", "start_time": "12:00", "duration_minutes": 60,
         "online_url": "meet.example.org/x", "capacity": 10},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    from django.utils import timezone

    from reintegra.introduce.models import OfficeHourSession

    session = OfficeHourSession.objects.get()
    assert timezone.localtime(session.starts_at).strftime("%d.%m.%Y %H:%M") == "09.04.2027 12:00"
    assert session.online_url == "https://meet.example.org/x"


def test_soar_board_votes_with_htmx_and_without(client, bob, alice, project, django_assert_max_num_queries):
    item = services.soar_item_create(
        actor=alice, project=project, data=services.SoarItemData.build({"quadrant": "strengths", "text": "Kurze Wege"})
    )
    services.soar_item_create(
        actor=alice, project=project, data=services.SoarItemData.build({"quadrant": "results", "text": "80 %"})
    )
    client.force_login(bob)
    with django_assert_max_num_queries(10):
        board = client.get(f"/introduce/projects/{project.pk}/soar/")
    assert "Kurze Wege" in board.content.decode()
    partial = client.post(f"/introduce/soar-items/{item.pk}/vote/", HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert 'aria-pressed="true"' in partial.content.decode() and "<html" not in partial.content.decode()
    plain = client.post(f"/introduce/soar-items/{item.pk}/vote/")
    assert plain.status_code == 302
    assert not SoarVote.objects.exists()
    assert client.get(f"/introduce/soar-items/{item.pk}/vote/").status_code == 405


def test_anyone_adds_soar_items_but_edits_only_their_own(client, bob, dora, project):
    client.force_login(bob)
    response = client.post(
        f"/introduce/projects/{project.pk}/soar-items/new/", {"quadrant": "strengths", "text": "Bobs"}
    )
    assert response.status_code == 302
    item = SoarItem.objects.get()
    client.force_login(dora)
    assert client.get(f"/introduce/soar-items/{item.pk}/edit/").status_code == 403
    assert client.post(f"/introduce/soar-items/{item.pk}/delete/").status_code == 403
    client.force_login(bob)
    assert client.post(f"/introduce/soar-items/{item.pk}/delete/").status_code == 302
    assert not SoarItem.objects.exists()


def test_project_form_creates_one_project_per_scope(web, unit):
    data = {"title": "Einführung", "scope": "pilot", "participating_units": [unit.pk], "started_on": "1.9.2026"}
    assert web.post("/introduce/projects/new/", data).status_code == 302
    second = web.post("/introduce/projects/new/", data)
    assert "unit" in second.context["form"].errors
    assert ImplementationProject.objects.count() == 1


def test_template_preview_is_a_pdf(client, bob, template):
    client.force_login(bob)
    response = client.get(f"/introduce/templates/{template.pk}/preview.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_pages_are_in_german_and_english(client, bob, project):
    client.force_login(bob)
    assert "Einführung von Case Management" in client.get("/introduce/").content.decode()
    client.cookies["django_language"] = "en"
    assert "Introducing case management" in client.get("/introduce/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_overdue_actions_are_marked_with_text_not_only_colour(client, bob, project):
    from datetime import date

    ActionItem.objects.create(project=project, title="Alt und offen", due_on=date(2020, 1, 1), status="open")
    ActionItem.objects.create(project=project, title="Alt und erledigt", due_on=date(2020, 1, 1), status="done")
    client.force_login(bob)
    body = client.get(f"/introduce/projects/{project.pk}/4d/").content.decode()
    assert body.count("überfällig") == 1
