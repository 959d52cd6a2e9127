"""The shipped instruments: Work Ability Index scoring and bands, the satisfaction questionnaire."""

import json
from decimal import Decimal
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps

from reintegra.core.exceptions import InvalidInput
from reintegra.questionnaires.definitions import definition_check
from reintegra.questionnaires.engine import band_for, questionnaire_score
from reintegra.questionnaires.models import Questionnaire, Response
from reintegra.questionnaires.tests.conftest import SHIP_MIGRATION, WAI_ANSWERS

pytestmark = pytest.mark.django_db

PHYSICAL, MENTAL, MIXED = 1.5, 0.5, 1


def wai_answers(job, q1, p, m, q3, q4, q5, q6, q7=(3, 3, 3)):
    return {
        "wai_job_demands": job,
        "wai_q1": q1,
        "wai_q2_physical": p,
        "wai_q2_mental": m,
        "wai_q3_diseases": q3,
        "wai_q4_impairment": q4,
        "wai_q5_sick_leave": q5,
        "wai_q6_prognosis": q6,
        "wai_q7a": q7[0],
        "wai_q7b": q7[1],
        "wai_q7c": q7[2],
    }


def test_wai_has_seven_dimensions_in_ten_questions_plus_the_job_type(wai):
    keys = [item.key for item in wai.items.all()]
    assert keys[0] == "wai_job_demands"
    questions = keys[1:]
    assert len(questions) == 10
    assert {key.split("_")[1][:2] for key in questions} == {"q1", "q2", "q3", "q4", "q5", "q6", "q7"}
    assert all(item.required and item.kind == "single_choice" for item in wai.items.all())
    assert wai.phase == "assessment"
    assert [(b.key, b.min_score, b.max_score) for b in wai.bands.all()] == [
        ("poor", 7, 28),
        ("moderate", 28, 37),
        ("good", 37, 44),
        ("excellent", 44, None),
    ]
    assert "ß" not in json.dumps([i.text for i in wai.items.all()], ensure_ascii=False)


def test_wai_lowest_and_highest_total(wai):
    lowest = wai_answers(MIXED, 0, 1, 1, 1, 1, 1, 1, q7=(0, 0, 0))
    highest = wai_answers(PHYSICAL, 10, 5, 5, 7, 6, 5, 7, q7=(4, 4, 4))
    score, band = questionnaire_score(wai, lowest)
    assert (score, band.key) == (Decimal(7), "poor")
    score, band = questionnaire_score(wai, highest)
    assert (score, band.key, band.action.startswith("Arbeitsfähigkeit erhalten")) == (Decimal(49), "excellent", True)


@pytest.mark.parametrize(
    ("job", "expected"),
    [(PHYSICAL, Decimal("8")), (MENTAL, Decimal("4")), (MIXED, Decimal("6"))],
)
def test_item_2_is_weighted_by_the_job_demands(wai, job, expected):
    """Physical 5 and mental 1: physical jobs count 2a ×1.5 and 2b ×0.5, mental jobs the reverse."""
    base = wai_answers(job, 0, 5, 1, 1, 1, 1, 1, q7=(0, 0, 0))
    score, _band = questionnaire_score(wai, base)
    assert score - 5 == expected  # 5 = the other six dimensions at their lowest


@pytest.mark.parametrize(
    ("answers", "score", "band"),
    [
        (wai_answers(PHYSICAL, 5, 3, 2, 5, 4, 3, 4, q7=(1, 1, 1)), "27.5", "poor"),
        (wai_answers(MIXED, 5, 3, 3, 5, 4, 3, 4, q7=(1, 1, 1)), "28", "moderate"),
        (wai_answers(PHYSICAL, 8, 4, 3, 5, 5, 3, 4, q7=(4, 3, 3)), "36.5", "moderate"),
        (wai_answers(MIXED, 8, 4, 4, 5, 5, 3, 4, q7=(4, 3, 3)), "37", "good"),
        (wai_answers(MENTAL, 9, 4, 5, 7, 6, 4, 4, q7=(4, 4, 2)), "43.5", "good"),
        (wai_answers(MENTAL, 9, 5, 5, 7, 6, 4, 4, q7=(4, 4, 2)), "44", "excellent"),
    ],
)
def test_wai_band_boundaries_with_half_points(wai, answers, score, band):
    computed, found = questionnaire_score(wai, answers)
    assert computed == Decimal(score)
    assert found.key == band


def test_band_limits_are_inclusive_below_and_exclusive_above(wai):
    bands = list(wai.bands.all())
    expected = {
        "7": "poor",
        "27.99": "poor",
        "28": "moderate",
        "36.99": "moderate",
        "37": "good",
        "44": "excellent",
        "49": "excellent",
    }
    assert {value: band_for(bands, Decimal(value)).key for value in expected} == expected
    assert band_for(bands, Decimal("6.5")) is None


def test_wai_example_scores_33_5(wai):
    score, band = questionnaire_score(wai, WAI_ANSWERS)
    assert (score, band.key) == (Decimal("33.5"), "moderate")
    assert band.action.startswith("Arbeitsfähigkeit verbessern")


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"wai_q1": 11}, "wai_q1"),
        ({"wai_job_demands": 2}, "wai_job_demands"),
        ({"wai_q6_prognosis": 5}, "wai_q6_prognosis"),
        ({"wai_q1": "sieben"}, "wai_q1"),
        ({"wai_q1": True}, "wai_q1"),
        ({"wai_q1": None}, "wai_q1"),
        ({"wai_q8": 1}, "wai_q8"),
    ],
)
def test_wai_answers_outside_the_definition_are_named(wai, change, key):
    with pytest.raises(InvalidInput) as refused:
        questionnaire_score(wai, {**WAI_ANSWERS, **change})
    assert key in refused.value.errors["answers"]


def test_numeric_strings_are_accepted_like_numbers(wai):
    as_text = {key: str(value) for key, value in WAI_ANSWERS.items()}
    assert questionnaire_score(wai, as_text)[0] == Decimal("33.5")


def test_satisfaction_is_eight_own_items_on_a_1_to_4_scale(satisfaction):
    items = list(satisfaction.items.all())
    assert len(items) == 8
    assert all([o.value for o in item.options.all()] == [1, 2, 3, 4] for item in items)
    assert satisfaction.phase == "evaluation"
    assert "CSQ-8" in satisfaction.licence_note  # names what is not shipped, and why
    wording = " ".join(item.text for item in items).lower()
    for licensed in ("weiterempfehlen", "wiederkommen", "qualität der behandlung", "ausmass der hilfe"):
        assert licensed not in wording


@pytest.mark.parametrize(
    ("values", "score", "band"),
    [
        ([4] * 8, "4", "high"),
        ([1] * 8, "1", "low"),
        ([3, 3, 3, 3, 3, 3, 3, 2], "2.88", "medium"),  # 23 / 8 = 2.875, half up
        ([3, 3, 3, 3, 2, 2, 2, 1], "2.38", "low"),  # 19 / 8 = 2.375
        ([3, 3, 3, 3, 2, 2, 2, 2], "2.5", "medium"),
        ([4, 4, 3, 3, 3, 3, 3, 3], "3.25", "high"),
    ],
)
def test_satisfaction_score_is_the_mean(satisfaction, values, score, band):
    answers = {item.key: value for item, value in zip(satisfaction.items.all(), values, strict=True)}
    computed, found = questionnaire_score(satisfaction, answers)
    assert computed == Decimal(score)
    assert found.key == band


def test_shipped_files_pass_the_definition_check():
    folder = Path(import_module("reintegra.questionnaires").__file__).parent / "shipped"
    for path in folder.glob("*.json"):
        _cleaned, errors = definition_check(json.loads(path.read_text(encoding="utf-8")))
        assert errors == {}, path.name


def test_data_migration_is_idempotent_and_reversible(wai):
    migration = import_module(SHIP_MIGRATION)
    migration.ship(apps, None)
    assert Questionnaire.objects.filter(organisation__isnull=True).count() == 2
    migration.unship(apps, None)
    assert not Questionnaire.objects.exists()
    migration.ship(apps, None)
    assert Questionnaire.objects.get(key="wai").items.count() == 11
    assert not Response.objects.exists()
