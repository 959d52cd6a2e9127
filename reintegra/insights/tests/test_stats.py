"""The pure statistics, against answers computed by hand."""

import pytest

from reintegra.insights.stats import kaplan_meier, median, share, small, suppress_breakdown

# The 6-MP group of Freireich et al. (1963), the textbook example of Kaplan–Meier (Kleinbaum &
# Klein, Survival Analysis, ch. 2): weeks in remission of 21 leukaemia patients, "+" censored.
SIX_MP = [6, 6, 6, 7, 10, 13, 16, 22, 23]
SIX_MP_CENSORED = [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35]
# By hand: S(t) = Π (1 − d/n) over the event times.
#   t=6:  n=21, d=3 → 18/21                 = 0.8571
#   t=7:  n=17, d=1 → 0.8571 · 16/17         = 0.8067
#   t=10: n=15, d=1 → 0.8067 · 14/15         = 0.7529
#   t=13: n=12, d=1 → 0.7529 · 11/12         = 0.6902
#   t=16: n=11, d=1 → 0.6902 · 10/11         = 0.6275
#   t=22: n=7,  d=1 → 0.6275 · 6/7           = 0.5378
#   t=23: n=6,  d=1 → 0.5378 · 5/6           = 0.4482
EXPECTED = [(6, 21, 3, 0.8571), (7, 17, 1, 0.8067), (10, 15, 1, 0.7529), (13, 12, 1, 0.6902),
            (16, 11, 1, 0.6275), (22, 7, 1, 0.5378), (23, 6, 1, 0.4482)]  # fmt: skip


def test_kaplan_meier_textbook_example():
    observations = [(t, True) for t in SIX_MP] + [(t, False) for t in SIX_MP_CENSORED]
    steps = kaplan_meier(observations)
    assert [(s.day, s.at_risk, s.events) for s in steps] == [(d, n, e) for d, n, e, _s in EXPECTED]
    assert [round(s.survival, 4) for s in steps] == [s for *_rest, s in EXPECTED]


def test_kaplan_meier_without_censoring_is_the_empirical_share():
    steps = kaplan_meier([(1, True), (2, True), (2, True), (5, True)])
    assert [(s.day, round(s.survival, 4)) for s in steps] == [(1, 0.75), (2, 0.25), (5, 0.0)]


def test_kaplan_meier_all_censored_has_no_steps():
    assert kaplan_meier([(3, False), (9, False)]) == []
    assert kaplan_meier([]) == []


@pytest.mark.parametrize(
    ("values", "expected"), [([], None), ([5], 5.0), ([3, 1, 2], 2.0), ([4, 1, 3, 2], 2.5), ([10, 10, 40], 10.0)]
)
def test_median(values, expected):
    assert median(values) == expected


def test_share_and_small_cells():
    assert share(3, 4) == 0.75
    assert share(0, 0) is None
    assert [small(n) for n in (0, 1, 4, 5)] == [False, True, True, False]


def test_breakdown_hides_small_cells_and_their_complement():
    # 3 alone could be recovered from the total: the next smallest cell (6) is hidden with it.
    assert suppress_breakdown({"a": 3, "b": 6, "c": 20}) == {"a", "b"}
    # Two small cells adding up to 5 or more need no complement.
    assert suppress_breakdown({"a": 3, "b": 4, "c": 20}) == {"a", "b"}
    # Zero is shown (it says nothing about anyone) and never serves as the complement.
    assert suppress_breakdown({"a": 0, "b": 7, "c": 9}) == set()
    assert suppress_breakdown({"a": 0, "b": 2, "c": 9}) == {"b", "c"}
