"""Properties of the counting engine (issue #17): never more days than the window, adding an absence
never removes a hit, the order of rows does not matter; and the counting examples of DOMAIN.md."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from reintegra.screening.rules import CALENDAR, WORKING, RuleSpec, counted, evaluate, shipped_rules

TODAY = date(2026, 11, 23)
KINDS = frozenset({"illness", "accident"})
BEM = RuleSpec(key="bem", kinds=KINDS, total_days_over=42)
IV = RuleSpec(key="iv-early", kinds=KINDS, consecutive_days_min=30, separate_absences_min=4)


@st.composite
def absences(draw):
    start = TODAY - timedelta(days=draw(st.integers(min_value=-5, max_value=800)))
    length = draw(st.integers(min_value=0, max_value=120))
    end = None if draw(st.booleans()) and draw(st.booleans()) else start + timedelta(days=length)
    return (start, end, draw(st.sampled_from(["illness", "accident", "other"])))


@st.composite
def rules(draw):
    return RuleSpec(
        key="own",
        kinds=frozenset(draw(st.sets(st.sampled_from(["illness", "accident", "other"]), min_size=1))),
        window_days=draw(st.integers(min_value=1, max_value=730)),
        counting_unit=draw(st.sampled_from([CALENDAR, WORKING])),
        total_days_over=draw(st.none() | st.integers(min_value=0, max_value=400)),
        consecutive_days_min=draw(st.none() | st.integers(min_value=1, max_value=400)),
        separate_absences_min=draw(st.none() | st.integers(min_value=1, max_value=10)),
    )


RULES = st.sampled_from([BEM, IV]) | rules()


@given(rule=RULES, rows=st.lists(absences(), max_size=25), wdpw=st.integers(min_value=1, max_value=7))
def test_the_day_count_never_exceeds_the_window(rule, rows, wdpw):
    hit = evaluate(rule, rows, today=TODAY, work_days_per_week=wdpw)
    if hit is not None:
        assert 0 <= hit.days <= rule.window_days
        assert TODAY - timedelta(days=rule.window_days - 1) <= hit.eligible_since <= TODAY


@given(rule=RULES, rows=st.lists(absences(), max_size=25), extra=absences(), wdpw=st.integers(1, 7))
def test_adding_an_absence_never_removes_a_hit(rule, rows, extra, wdpw):
    if evaluate(rule, rows, today=TODAY, work_days_per_week=wdpw) is not None:
        assert evaluate(rule, [*rows, extra], today=TODAY, work_days_per_week=wdpw) is not None


@given(rule=RULES, rows=st.lists(absences(), max_size=25), wdpw=st.integers(1, 7), data=st.data())
def test_the_order_of_rows_does_not_matter(rule, rows, wdpw, data):
    shuffled = data.draw(st.permutations(rows))
    assert evaluate(rule, rows, today=TODAY, work_days_per_week=wdpw) == evaluate(
        rule, shuffled, today=TODAY, work_days_per_week=wdpw
    )


def d(offset):
    return TODAY - timedelta(days=offset)


def test_one_day_absence_counts_one_day_and_42_days_are_not_more_than_42():
    assert evaluate(BEM, [(d(41), d(0), "illness")], today=TODAY) is None  # exactly 42 days
    hit = evaluate(BEM, [(d(42), d(0), "illness")], today=TODAY)  # 43 days
    assert hit is not None and hit.days == 43 and hit.eligible_since == TODAY and hit.reason == "total"
    assert evaluate(IV, [(d(5), d(5), "illness")] * 1, today=TODAY) is None


def test_overlapping_absences_count_each_day_once():
    hit = evaluate(BEM, [(d(60), d(20), "illness"), (d(50), d(10), "accident")], today=TODAY)
    assert hit is not None and hit.days == 51
    assert hit.eligible_since == d(60) + timedelta(days=42)


def test_only_days_inside_the_window_count_for_every_clause():
    # 40 consecutive days, of which 25 inside the window: no iv-early by consecutive days.
    rows = [(d(389), d(350), "illness")]
    assert evaluate(IV, rows, today=TODAY) is None
    # Stretches that continue one another across a weekend-free gap join into one.
    joined = evaluate(IV, [(d(40), d(26), "illness"), (d(25), d(5), "accident")], today=TODAY)
    assert joined is not None and joined.reason == "consecutive" and joined.eligible_since == d(40) + timedelta(29)


def test_open_absence_counts_to_today_inclusive():
    hit = evaluate(IV, [(d(29), None, "illness")], today=TODAY)
    assert hit is not None and hit.days == 30 and hit.eligible_since == TODAY
    assert hit.absences == ((d(29), None),)


def test_four_separate_absences_hit_iv_early_on_the_fourth():
    rows = [(d(o), d(o), "illness") for o in (300, 200, 100, 7)]
    hit = evaluate(IV, rows, today=TODAY)
    assert hit is not None and hit.reason == "separate" and hit.eligible_since == d(7) and hit.days == 4


def test_working_days_scale_the_threshold():
    working = RuleSpec(key="bem", kinds=KINDS, total_days_over=42, counting_unit=WORKING)
    # 6 weeks = 30 working days for a five-day week; 7 full weeks = 35 working days > 30.
    monday = TODAY - timedelta(days=TODAY.weekday() + 7 * 7)
    rows = [(monday, monday + timedelta(days=48), "illness")]
    hit = evaluate(working, rows, today=TODAY, work_days_per_week=5)
    assert hit is not None and hit.days == 35
    # Three days a week: 18 working days is the threshold; 7 weeks give 21.
    part = evaluate(working, rows, today=TODAY, work_days_per_week=3)
    assert part is not None and part.days == 21
    assert counted(monday.toordinal(), monday.toordinal() + 6, WORKING, 5) == 5


def test_shipped_rules_read_in_the_readers_language():
    from django.utils import translation

    from reintegra.screening.models import ScreeningRule
    from reintegra.screening.rules import rule_label

    stored = {str(spec["key"]): str(spec["name"]) for spec in shipped_rules()}
    bem = ScreeningRule(key="bem", name=stored["bem"])
    with translation.override("de"):
        assert rule_label(bem) == stored["bem"] == str(bem)
    with translation.override("fr"):
        assert bem.label == "BEM : plus de 42 jours civils d'incapacité de travail en 365 jours"
    with translation.override("it"):
        assert ScreeningRule(key="iv-early", name=stored["iv-early"]).label.startswith("Rilevamento tempestivo AI")
        assert ScreeningRule(key="bem", name="BEM (Hausregel)").label == "BEM (Hausregel)"
