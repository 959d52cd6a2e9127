import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra.cases.gas import t_score


@pytest.mark.parametrize(
    ("scores", "weights", "expected"),
    [
        ([1, 1, 1], [1, 1, 1], 63.69),
        ([-1, -1, -1], [1, 1, 1], 36.31),
        ([-2, 0, -1, 2, 0, 1], [3, 5, 1, 4, 2, 6], 55.00),
        ([2], [1], 70.00),
    ],
)
def test_check_values_from_the_domain(scores, weights, expected):
    assert t_score(zip(scores, weights, strict=True)) == expected


def test_no_goals_no_score():
    assert t_score([]) is None


@pytest.mark.parametrize(("score", "weight"), [(3, 1), (-3, 1), (1, 0)])
def test_out_of_range_is_refused(score, weight):
    with pytest.raises(ValueError):
        t_score([(score, weight)])


goals = st.lists(
    st.tuples(st.sampled_from([-2, -1, 0, 1, 2]), st.integers(min_value=1, max_value=20)), min_size=1, max_size=12
)


@given(st.lists(st.integers(min_value=1, max_value=20), min_size=1, max_size=12))
def test_all_zero_is_fifty(weights):
    assert t_score([(0, w) for w in weights]) == 50.0


@given(goals, st.data())
def test_monotonic_in_each_score(pairs, data):
    index = data.draw(st.integers(min_value=0, max_value=len(pairs) - 1))
    score, weight = pairs[index]
    if score == 2:
        return
    raised = list(pairs)
    raised[index] = (score + 1, weight)
    assert t_score(raised) > t_score(pairs)


@given(goals)
def test_bounded_by_all_minus_two_and_all_plus_two(pairs):
    low = t_score([(-2, w) for _s, w in pairs])
    high = t_score([(2, w) for _s, w in pairs])
    assert low <= t_score(pairs) <= high
