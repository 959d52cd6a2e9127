from datetime import timedelta

import pytest
from django.utils import timezone

from reintegra.cases.models import CaseNote, CaseStatus, Participant
from reintegra.monitoring import selectors
from reintegra.monitoring.selectors import Kind, case_items, user_counts, user_items
from reintegra.monitoring.tests.conftest import (
    make_case,
    make_consent,
    make_follow_up,
    make_measure,
    make_review,
)
from reintegra.plans.services.due import due_items_refresh

pytestmark = pytest.mark.django_db


def kinds_and_titles(found):
    return [(item.kind, item.title) for item in found.items]


def test_overdue_measure_is_listed_with_days_overdue_and_link(case, today):
    measure = make_measure(case, today - timedelta(days=4), title="Ergonomie")
    [item] = case_items(case).items
    assert item.kind == Kind.MEASURE
    assert item.title == "Ergonomie"
    assert item.days_overdue == 4
    assert item.overdue
    assert item.case_reference == case.reference
    assert item.client_name == "Jürg Müller"
    assert item.url == f"/cases/{case.pk}/plan/#measure-{measure.pk}"


def test_measures_due_within_fourteen_days_count_later_ones_do_not(case, today):
    make_measure(case, today, title="heute")
    make_measure(case, today + timedelta(days=14), title="in 14 Tagen")
    make_measure(case, today + timedelta(days=15), title="in 15 Tagen")
    found = case_items(case)
    assert [item.title for item in found.items] == ["heute", "in 14 Tagen"]
    assert all(item.days_overdue == 0 for item in found.items)


def test_done_and_cancelled_measures_are_excluded(case, today):
    make_measure(case, today - timedelta(days=2), status="done")
    make_measure(case, today - timedelta(days=2), status="cancelled")
    make_measure(case, today - timedelta(days=2), status="planned", title="geplant")
    assert [item.title for item in case_items(case).items] == ["geplant"]


def test_closed_cases_show_no_measures_reviews_or_consents_but_follow_ups(case, today):
    make_measure(case, today - timedelta(days=2))
    make_review(case, today - timedelta(days=1))
    make_consent(case, today + timedelta(days=3))
    make_follow_up(case, today + timedelta(days=3))
    case.status = CaseStatus.CLOSED
    case.save(update_fields=["status"])
    assert [item.kind for item in case_items(case).items] == [Kind.FOLLOW_UP]


def test_reviews_come_from_the_plans_next_review_date(case, today):
    make_review(case, today - timedelta(days=7))
    [item] = case_items(case).items
    assert (item.kind, item.days_overdue, item.url) == (Kind.REVIEW, 7, f"/cases/{case.pk}/reviews/")
    make_review(case, today + timedelta(days=20))
    assert case_items(case).items == []


def test_follow_up_due_until_an_aftercare_note_is_written(case, today, alice):
    make_follow_up(case, today - timedelta(days=2))
    [item] = case_items(case).items
    assert item.kind == Kind.FOLLOW_UP
    assert item.url == f"/cases/{case.pk}/#phase-evaluation"
    CaseNote.objects.create(case=case, kind="note", text="x", author=alice, occurred_on=today)
    assert len(case_items(case).items) == 1  # an ordinary note does not count
    CaseNote.objects.create(case=case, kind="aftercare", text="x", author=alice, occurred_on=today)
    assert case_items(case).items == []


def test_follow_up_without_aftercare_is_ignored(case, today):
    make_follow_up(case, today, needed=False)
    assert case_items(case).items == []


def test_consents_expiring_within_thirty_days_and_expired_ones(case, today):
    make_consent(case, today + timedelta(days=30), purpose="share_with_employer")
    make_consent(case, today + timedelta(days=31), purpose="share_with_insurer")
    make_consent(case, today - timedelta(days=5), purpose="share_with_physician")
    make_consent(case, None, purpose="data_collection")
    make_consent(case, today - timedelta(days=5), purpose="share_with_provider", withdrawn_on=today - timedelta(10))
    found = case_items(case)
    assert [(item.kind, item.days_overdue) for item in found.items] == [(Kind.CONSENT, 5), (Kind.CONSENT, 0)]
    assert found.items[0].title.endswith(("expired", "abgelaufen"))
    assert found.items[1].url == f"/cases/{case.pk}/consents/new/"


def test_a_renewed_consent_hides_the_expired_one(case, today):
    make_consent(case, today - timedelta(days=5), purpose="share_with_employer")
    make_consent(case, today + timedelta(days=200), purpose="share_with_employer")
    assert case_items(case).items == []


def test_items_are_sorted_by_date_either_way(full_case, today):
    dates = [item.date for item in case_items(full_case).items]
    assert dates == sorted(dates) and len(dates) == 4
    assert [item.date for item in case_items(full_case, ordering="-date").items] == sorted(dates, reverse=True)


def test_kind_filter(full_case):
    assert [item.kind for item in case_items(full_case, kinds=[Kind.REVIEW]).items] == [Kind.REVIEW]


def test_groups_overdue_this_week_later(full_case, today):
    groups = {key: [item.kind for item in rows] for key, _heading, rows in case_items(full_case).groups()}
    assert groups == {
        "overdue": [Kind.MEASURE, Kind.CONSENT],
        "week": [Kind.REVIEW],
        "later": [Kind.FOLLOW_UP],
    }


def test_mine_covers_managed_and_deputised_cases_visible_adds_the_unit(alice, bob, lead, org, today):
    org.case_managers_see_unit = True
    org.save()
    own = make_case(alice, "Anna", "Eigen")
    deputised = make_case(bob, "Dario", "Vertreten")
    deputised.deputy = alice
    deputised.save(update_fields=["deputy"])
    unit_case = make_case(bob, "Urs", "Einheit")
    for case in (own, deputised, unit_case):
        make_measure(case, today - timedelta(days=1), title=case.client.last_name)
    alice.refresh_from_db()
    mine = {item.title for item in user_items(alice, scope="mine").items}
    visible = {item.title for item in user_items(alice, scope="visible").items}
    assert mine == {"Eigen", "Vertreten"}
    assert visible == {"Eigen", "Vertreten", "Einheit"}
    assert {item.title for item in user_items(lead, scope="visible").items} == visible
    assert user_items(lead, scope="mine").items == []


def test_cases_that_are_not_visible_are_never_included(alice, bob, today):
    other = make_case(bob, "Nicht", "Sichtbar")  # alice's organisation does not show unit cases
    make_measure(other, today - timedelta(days=1))
    make_review(other, today)
    make_consent(other, today)
    make_follow_up(other, today)
    assert user_items(alice, scope="visible").items == []
    assert len(user_items(bob).items) == 4


def test_another_organisations_cases_are_never_included(alice, charlie, today):
    theirs = make_case(charlie, "Fremd", "Org")
    make_measure(theirs, today - timedelta(days=1))
    make_review(theirs, today)
    make_consent(theirs, today)
    make_follow_up(theirs, today)
    assert user_items(alice, scope="visible").items == []
    assert len(user_items(charlie, scope="visible").items) == 4


def test_users_without_a_case_role_see_nothing(dora, full_case):
    assert user_items(dora, scope="visible").items == []


def test_list_is_capped_and_says_so(case, today):
    for n in range(4):
        make_measure(case, today - timedelta(days=n))
    found = case_items(case, limit=3)
    assert len(found.items) == 3 and found.truncated
    assert not case_items(case, limit=4).truncated


def test_counts(alice, full_case):
    counts = user_counts(alice)
    assert (counts.overdue, counts.this_week) == (2, 1)


def test_counts_in_sql_equal_the_listed_items_and_are_not_capped(alice, bob, today, monkeypatch):
    """Counted in SQL, the summary agrees with the groups of the listed items at every boundary
    (yesterday, today, the week's last day, the day after), for all kinds and case states."""
    mine, closed, other = make_case(alice, "A", "Offen"), make_case(alice, "B", "Zu"), make_case(bob, "C", "Fremd")
    for days in (-1, 0, 6, 7):
        for case in (mine, closed, other):
            make_measure(case, today + timedelta(days=days), title=f"M{days}")
            make_consent(case, today + timedelta(days=days), purpose="share_with_insurer")
    make_measure(mine, today - timedelta(days=2), status="done")
    make_review(mine, today + timedelta(days=6))
    make_follow_up(closed, today - timedelta(days=5))
    type(closed).objects.filter(pk=closed.pk).update(status=CaseStatus.CLOSED)
    due_items_refresh(case_ids=[closed.pk])  # written directly: the due-items table as a bulk load keeps it
    found = user_items(alice)
    groups = {key: items for key, _heading, items in found.groups()}
    counts = user_counts(alice)
    assert (counts.overdue, counts.this_week) == (len(groups["overdue"]), len(groups["week"]))
    # overdue: measure -1, the closed case's follow-up; this week: measures 0 and 6, the review.
    # The consents of one purpose cover each other up to the latest (day 7: later); bob's are not mine.
    assert (counts.overdue, counts.this_week) == (2, 3)
    monkeypatch.setattr(selectors, "MAX_ITEMS", 2)  # the lists are cut, the counts are not
    assert user_counts(alice) == counts


def test_query_count_is_fixed_however_many_cases(alice, today, django_assert_num_queries):
    def fill(n):
        for i in range(n):
            case = make_case(alice, f"K{i}", "Klient")
            make_measure(case, today - timedelta(days=1))
            make_review(case, today)
            make_follow_up(case, today)
            make_consent(case, today, purpose="share_with_insurer")

    fill(1)
    alice.refresh_from_db()
    user_items(alice)  # warms the membership cache
    # one per kind (memberships and organisation are cached on the user), and the remembered window
    with django_assert_num_queries(5):
        assert len(user_items(alice).items) == 4
    fill(5)
    alice.refresh_from_db()
    user_items(alice)
    with django_assert_num_queries(4):  # the window given: one query per kind
        assert len(user_items(alice, window=14).items) == 24


def test_case_items_cost_one_query_per_kind(full_case, django_assert_num_queries):
    with django_assert_num_queries(4):
        case_items(full_case)


def test_today_can_be_given(case):
    later = timezone.localdate() + timedelta(days=100)
    make_measure(case, later)
    assert case_items(case, today=later).items[0].days_overdue == 0


def test_consent_for_a_participant_names_them_without_extra_queries(case, today, django_assert_num_queries):
    person = Participant.objects.create(case=case, role="physician", name="Dr. Keller")
    make_consent(case, today + timedelta(days=5), purpose="share_with_participant", participant=person)
    make_consent(case, today + timedelta(days=5), purpose="share_with_employer")
    with django_assert_num_queries(1):
        found = case_items(case, kinds=[Kind.CONSENT])
        titles = [item.title for item in found.items]
    assert any("Dr. Keller" in title for title in titles) and len(titles) == 2
    assert found.items[0].days_left == 5
