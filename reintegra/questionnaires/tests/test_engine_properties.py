"""Properties of the questionnaire engine, over generated answers rather than hand-picked ones.

- Every valid Work Ability Index answer set scores between 7 and 49 and falls in exactly one band.
- Whatever JSON a client sends as answers, the engine either scores it or refuses it with
  `InvalidInput` (400 naming the field) — never another exception (which would be a 500).
"""

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reintegra.core.exceptions import InvalidInput
from reintegra.questionnaires.engine import decimal_text, questionnaire_score
from reintegra.questionnaires.models import Questionnaire
from reintegra.questionnaires.selectors.responses import with_definition

# The instrument is read once per test (function-scoped fixture); the examples only read it.
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


@pytest.fixture
def wai_loaded(wai: Questionnaire) -> Questionnaire:
    """The WAI with items, options and bands in memory: the engine then runs without queries."""
    loaded = with_definition(Questionnaire.objects.filter(pk=wai.pk)).get()
    for item in loaded.items.all():
        list(item.options.all())
    return loaded


def _bands_holding(questionnaire: Questionnaire, score: Decimal) -> list[str]:
    return [
        band.key
        for band in questionnaire.bands.all()
        if band.min_score <= score and (band.max_score is None or score < band.max_score)
    ]


@PROPERTY
@given(data=st.data())
def test_every_valid_wai_answer_set_scores_7_to_49_in_exactly_one_band(wai_loaded, data):
    answers: dict[str, Any] = {}
    for item in wai_loaded.items.all():
        value = data.draw(st.sampled_from([option.value for option in item.options.all()]), label=item.key)
        # Forms send text ("2.5"), the API numbers: both are valid answers.
        answers[item.key] = data.draw(st.sampled_from([decimal_text(value), float(value)]), label=f"{item.key} as")
    score, band = questionnaire_score(wai_loaded, answers)
    assert Decimal(7) <= score <= Decimal(49)
    holding = _bands_holding(wai_loaded, score)
    assert len(holding) == 1
    assert band is not None and band.key == holding[0]


@PROPERTY
@given(answers=JSON_VALUES)
def test_arbitrary_json_answers_raise_only_invalid_input(wai_loaded, answers):
    try:
        questionnaire_score(wai_loaded, answers)
    except InvalidInput as exc:
        assert "answers" in exc.errors


@PROPERTY
@given(data=st.data())
def test_arbitrary_values_for_the_real_keys_raise_only_invalid_input(wai_loaded, data):
    """The same, with the instrument's own keys (so the values, not the keys, are what is wrong)."""
    keys = [item.key for item in wai_loaded.items.all()]
    answers = data.draw(st.dictionaries(st.sampled_from(keys), JSON_VALUES, max_size=len(keys)))
    try:
        score, band = questionnaire_score(wai_loaded, answers)
    except InvalidInput as exc:
        assert "answers" in exc.errors
    else:  # only a complete, valid set scores
        assert set(answers) == set(keys)
        assert Decimal(7) <= score <= Decimal(49) and band is not None
