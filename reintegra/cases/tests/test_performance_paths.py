"""The faster read paths behave exactly like the plain ones: folded name search, lists read
branch by branch, recent activity from `last_activity_at`, the stored checklist state."""

import pytest
from django.urls import reverse

from reintegra.cases.models import Case, CaseEvent, Client, fold_name
from reintegra.cases.selectors import case_get, case_list, case_list_page, case_phases, my_open_cases, recent_activity
from reintegra.cases.services.common import event_record

from .conftest import NEW_CASE, api_for

pytestmark = pytest.mark.django_db


GOAL = {
    "title": "Rückkehr an den Arbeitsplatz zu 50 %",
    "horizon": "short",
    "priority": 1,
    "due_date": "2026-12-15",
    "indicator": "Arbeitet an 3 Tagen pro Woche je 4 Stunden im Büro",
    "weight": 2,
    "levels": {"-2": "Keine", "-1": "20 %", "0": "50 %", "1": "70 %", "2": "Voll"},
}


def _new(api, first="Jürg", last="Müller"):
    response = api.post(
        "/api/v1/cases/", {**NEW_CASE, "client": {"first_name": first, "last_name": last}}, format="json"
    )
    assert response.status_code == 201, response.content
    return Case.objects.get(pk=response.json()["id"])


def test_fold_name():
    assert fold_name("Müller") == "muller"
    assert fold_name("ÖZTÜRK") == "ozturk"
    assert fold_name("Strauß") == "strauss"
    assert fold_name("François") == "francois"
    assert fold_name(None) == ""


def test_client_keeps_its_folded_names(api):
    case = _new(api, "Zoë", "Gärtner")
    client = Client.objects.get(pk=case.client_id)
    assert (client.search_first_name, client.search_last_name) == ("zoe", "gartner")
    client.last_name = "Bühler"
    client.save(update_fields=["last_name"])
    assert Client.objects.get(pk=client.pk).search_last_name == "buhler"


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("Müller", ["Müller"]),
        ("müller", ["Müller"]),
        ("MÜLLER", ["Müller"]),
        ("muller", ["Müller"]),
        ("mül", ["Müller"]),
        ("jürg mül", ["Müller"]),
        ("ller", ["Müller"]),
        ("ÜRG", ["Müller"]),
        ("Juerg", []),
        ("öz", ["Öztürk"]),
        ("OZTURK", ["Öztürk"]),
        ("ayşe", ["Öztürk"]),
        ("nobody", []),
    ],
)
def test_search_is_case_and_accent_insensitive(api, alice, term, found):
    _new(api)
    _new(api, "Ayşe", "Öztürk")
    names = [case.client.last_name for case in case_list_page(case_list(user=alice, q=term), stop=50)]
    assert names == found


@pytest.mark.parametrize("term", ["Müller", "jürg mül", "öz", "ÜRG", "nobody", "BEM"])
def test_search_forms_select_the_same_cases(api, alice, bob, term):
    """The PostgreSQL form of the search (names as a client subquery, for the trigram indexes)
    and the join form SQLite uses select the same cases, on either database."""
    from reintegra.cases.selectors import search_condition

    _new(api)
    _new(api, "Ayşe", "Öztürk")
    _new(api_for(bob), "Jürg", "Müller")  # not Alice's: the visibility filter still applies
    visible = Case.objects.visible_to(alice)
    join = set(visible.filter(search_condition(term, vendor="sqlite")).values_list("pk", flat=True))
    subquery = set(visible.filter(search_condition(term, vendor="postgresql")).values_list("pk", flat=True))
    assert join == subquery


@pytest.mark.postgres_only
def test_postgresql_has_the_trigram_indexes():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'cases_client'")
        indexes = dict(cursor.fetchall())
    for name, column in (
        ("client_search_first_trgm", "search_first_name"),
        ("client_search_last_trgm", "search_last_name"),
    ):
        assert "USING gin" in indexes[name] and f"{column} gin_trgm_ops" in indexes[name], indexes


def test_search_by_reference(api, alice):
    case = _new(api)
    number = case.reference.rsplit("-", 1)[-1]
    assert [c.pk for c in case_list_page(case_list(user=alice, q=number), stop=50)] == [case.pk]
    assert [c.pk for c in case_list_page(case_list(user=alice, q=case.reference.lower()), stop=50)] == [case.pk]


def test_pages_read_by_branch_equal_the_plain_or(api, alice, bob, lead):
    mine = [_new(api, last=f"Eigen{i}") for i in range(3)]
    bobs_api = api_for(bob)
    deputised = _new(bobs_api, last="Vertreten")
    Case.objects.filter(pk=deputised.pk).update(deputy=alice)
    hidden = _new(bobs_api, last="Fremd")
    expected = [deputised.pk, *[c.pk for c in reversed(mine)]]
    # the plain filter (the OR of the branches), read at once
    plain = case_list(user=alice).filtered.order_by("-created_at", "-id")
    assert [c.pk for c in plain] == expected
    for size in (1, 2, 3, 4, 10):
        assert [c.pk for c in case_list_page(case_list(user=alice), stop=size)] == expected[:size]
        assert [c.pk for c in case_list_page(case_list(user=alice, status="open"), stop=size)] == expected[:size]
    assert hidden.pk not in [c.pk for c in case_list_page(case_list(user=alice), stop=10)]
    assert [c.pk for c in case_list_page(case_list(user=alice), start=1, stop=3)] == expected[1:3]
    assert len(case_list(user=alice).branches) == 2
    assert [c.pk for c in my_open_cases(user=alice, limit=2)] == expected[:2]
    # a team lead of the unit sees them all (one branch)
    assert len(case_list_page(case_list(user=lead), stop=10)) == 5


def test_case_list_ignores_a_malformed_position(web, api):
    _new(api)
    for value in ("x", "2026-13-45T00:00:00", "2025-11-20T08:22:05 00:00"):
        response = web.get(reverse("cases:list"), {"before": value})
        assert response.status_code == 200
        assert "Müller" in response.content.decode()


def test_recent_activity_follows_last_activity(api, alice, bob):
    first, second = _new(api, last="Erst"), _new(api, last="Zweit")
    bobs = _new(api_for(bob), last="Bob")
    first.refresh_from_db()
    assert first.last_activity_at == CaseEvent.objects.filter(case=first).latest("at").at
    event_record(case=first, actor=alice, kind="case_updated", summary="later")
    first.refresh_from_db()
    assert first.last_activity_at == CaseEvent.objects.filter(case=first).latest("at").at
    activity = recent_activity(user=alice, limit=3)
    assert activity[0].case_id == first.pk and activity[0].summary == "later"
    assert {event.case_id for event in activity} <= {first.pk, second.pk}
    assert bobs.pk not in {event.case_id for event in recent_activity(user=alice)}
    expected = list(
        CaseEvent.objects.filter(case__case_manager=alice).order_by("-at", "-id").values_list("pk", flat=True)[:10]
    )
    assert [event.pk for event in recent_activity(user=alice)] == expected


def test_the_write_path_stores_the_checklist_state(api, alice):
    case = _new(api)  # created through the service: its last step stored the state
    stored = Case.objects.get(pk=case.pk)
    assert stored.checklist_state is not None and stored.checklist_state["goal_complete"] is False
    rev = stored.checklist_rev

    response = api.post(f"/api/v1/cases/{case.pk}/goals/", GOAL, format="json")
    assert response.status_code == 201, response.content
    changed = Case.objects.get(pk=case.pk)  # no read in between: the goal's service stored it
    assert changed.checklist_state["goal_complete"] is True and changed.checklist_rev > rev
    assert changed.last_activity_at == CaseEvent.objects.filter(case=case).latest("at").at

    loaded = case_get(user=alice, case_id=case.pk, log=False)
    planning = next(p for p in case_phases(loaded) if p.key == "planning")
    assert "goal_complete" not in planning.missing
    # the same as computed from the records
    from reintegra.cases.checklist import missing_items

    fresh = Case.objects.get(pk=case.pk)
    assert planning.missing == missing_items(fresh, "planning")


def test_reads_compute_a_missing_state_without_storing_it(api, alice):
    case = _new(api)
    api.post(f"/api/v1/cases/{case.pk}/goals/", GOAL, format="json")
    Case.objects.filter(pk=case.pk).update(checklist_state=None)  # as after a bulk load
    loaded = case_get(user=alice, case_id=case.pk, log=False)
    planning = next(p for p in case_phases(loaded) if p.key == "planning")
    assert "goal_complete" not in planning.missing
    assert Case.objects.get(pk=case.pk).checklist_state is None  # a read writes nothing
    response = api.get("/api/v1/cases/")
    assert response.status_code == 200
    assert Case.objects.get(pk=case.pk).checklist_state is None

    from django.core.management import call_command

    call_command("checklist_refresh", stdout=__import__("io").StringIO())
    assert Case.objects.get(pk=case.pk).checklist_state["goal_complete"] is True


def test_full_save_keeps_maintained_fields(api, alice):
    case = _new(api)
    loaded = Case.objects.get(pk=case.pk)
    Case.objects.filter(pk=case.pk).update(checklist_state={"goal_complete": True}, checklist_rev=7)
    loaded.commissioning_party_name = "Neu AG"
    loaded.save()
    stored = Case.objects.get(pk=case.pk)
    assert stored.commissioning_party_name == "Neu AG"
    assert stored.checklist_state == {"goal_complete": True} and stored.checklist_rev == 7


def test_case_page_shows_who_was_present(web, api):
    case = _new(api)
    participant = api.post(
        f"/api/v1/cases/{case.pk}/participants/", {"role": "physician", "name": "Dr. Ärztin"}, format="json"
    )
    assert participant.status_code == 201, participant.content
    from reintegra.cases.models import CaseNote, Participant

    note = CaseNote.objects.create(
        case=case, kind="case_conference", text="Runder Tisch", author=case.case_manager, occurred_on=case.opened_on
    )
    note.present.set(Participant.objects.filter(case=case))
    page = web.get(case.get_absolute_url()).content.decode()
    assert "Dr. Ärztin" in page.split("Runder Tisch", 1)[1]


def test_list_computes_the_consent_item_in_sql_as_the_case_page_does(api, alice):
    """`consent_data_collection` is defined once, as SQL: the API list computes it in its query
    (no consents loaded), as the case page does. It agrees with the consents' own status
    (`Consent.status_on`, through `has_active_consent`) for every state of a consent."""
    from datetime import timedelta

    from django.utils import timezone

    from reintegra.cases.checklist import missing_items
    from reintegra.consents.models import Consent

    today = timezone.localdate()
    states = {
        "none": None,
        "active": {"valid_until": None},
        "valid today": {"valid_until": today},
        "expired": {"valid_until": today - timedelta(days=1)},
        "withdrawn": {"withdrawn_on": today},
        "other purpose": {"purpose": "share_with_participant"},
    }
    cases = {}
    for label, consent in states.items():
        case = _new(api, first=label.title().replace(" ", ""))
        if consent is not None:
            values = {"purpose": "data_collection", "form": "written", "given_on": today - timedelta(days=30)}
            Consent.objects.create(case=case, recorded_by=alice, **{**values, **consent})
        cases[str(case.pk)] = label
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = api.get("/api/v1/cases/")
    assert response.status_code == 200
    # read branch by branch (managed by / deputised by), the item in the page query itself
    assert [q for q in queries if q["sql"].count("LIMIT") >= 3 and "EXISTS" in q["sql"]]
    assert not [q for q in queries if 'FROM "consents_consent"' in q["sql"].split("EXISTS")[0]]
    listed = {
        row["id"]: "consent_data_collection" in next(p for p in row["phases"] if p["key"] == "intake")["missing"]
        for row in response.json()["results"]
        if row["id"] in cases
    }
    from reintegra.consents.selectors import has_active_consent

    by_status = {
        pk: not has_active_consent(Case.objects.prefetch_related("consents").get(pk=pk), "data_collection")
        for pk in cases
    }
    on_page = {
        pk: "consent_data_collection" in missing_items(case_get(user=alice, case_id=pk, log=False), "intake")
        for pk in cases
    }
    assert listed == by_status == on_page
    assert {cases[pk] for pk, missing in listed.items() if not missing} == {"active", "valid today"}
    # a service deciding on a change (the case loaded without the annotation) gets the same
    assert {pk: "consent_data_collection" in missing_items(Case.objects.get(pk=pk), "intake") for pk in cases} == listed


def test_sqlite_reads_each_branch_once_when_searching(api, alice, bob):
    """The search page reads Alice's managed and deputised branches each once. Written as
    `pk IN (branch 1) OR pk IN (branch 2)`, SQLite evaluated each branch twice (to find the rows
    and to re-check the OR), which doubled the search page's SQL; the branches are a UNION ALL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _new(api, "Jürg", "Müller")
    deputised = _new(api_for(bob), "Anna", "Müller")
    Case.objects.filter(pk=deputised.pk).update(deputy=alice)
    web = api.__class__()  # an HTML client signed in as Alice
    web.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        response = web.get(reverse("cases:list"), {"q": "müller"})
    assert response.status_code == 200
    assert {str(c.pk) for c in response.context["cases"]} >= {str(deputised.pk)}
    listing = next(q["sql"] for q in queries if q["sql"].count("LIMIT") >= 3)
    if connection.vendor == "postgresql":  # one init plan: = ANY(ARRAY(branch 1 UNION ALL branch 2))
        assert "= ANY(ARRAY(" in listing and listing.count("UNION ALL") == 1, listing
        return
    with connection.cursor() as cursor:
        plan = [row[-1] for row in cursor.execute("EXPLAIN QUERY PLAN " + listing).fetchall()]
    assert sum("case_manager_created_idx" in step for step in plan) == 1, plan
    assert sum("case_deputy_created_idx" in step for step in plan) == 1, plan
