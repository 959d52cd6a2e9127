"""State changes: an organisation's own questionnaire definition; a response recorded for a case."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.models import Case
from reintegra.cases.services.common import (
    ensure_admitted_or_intake,
    ensure_open,
    event_record,
    log_change,
    phase_touch,
)
from reintegra.core.exceptions import InvalidInput
from reintegra.core.permissions import require
from reintegra.questionnaires.definitions import QuestionnaireDefinition, definition_check
from reintegra.questionnaires.engine import answers_clean, band_for, score_of
from reintegra.questionnaires.models import Band, Item, Option, Questionnaire, RespondentKind, Response
from reintegra.questionnaires.permissions import can_add_questionnaire, can_record_responses

FULL_CLEAN_SKIP = {"validate_unique": False, "validate_constraints": False}


@transaction.atomic
def questionnaire_create(*, actor: User, definition: QuestionnaireDefinition) -> Questionnaire:
    """An organisation admin adds an instrument of their own (e.g. one they hold a licence for).

    The whole definition is checked first (keys, options, bands, and the scoring expression
    against the item keys); nothing is stored unless all of it is valid.
    """
    require(can_add_questionnaire(actor), _("Only organisation admins may add questionnaires."))
    if not isinstance(definition, dict):
        raise ValidationError({"detail": [_("Send the definition as an object.")]})
    cleaned, errors = definition_check(definition)
    if (
        "key" not in errors
        and Questionnaire.objects.filter(
            Q(organisation__isnull=True) | Q(organisation_id=actor.organisation_id), key=cleaned["key"]
        ).exists()
    ):
        errors["key"] = [_("A questionnaire with this key exists already.")]
    if errors:
        raise ValidationError(errors)
    questionnaire = Questionnaire(
        organisation_id=actor.organisation_id,
        **{k: v for k, v in cleaned.items() if k not in ("items", "bands")},
    )
    questionnaire.full_clean()
    try:
        with transaction.atomic():
            questionnaire.save()
    except IntegrityError as exc:  # the same key saved concurrently
        raise ValidationError({"key": [_("A questionnaire with this key exists already.")]}) from exc
    items, options = [], []
    for data in cleaned["items"]:
        item = Item(questionnaire=questionnaire, **{k: v for k, v in data.items() if k != "options"})
        item.full_clean(exclude=["questionnaire"], **FULL_CLEAN_SKIP)
        items.append(item)
        for option_data in data["options"]:
            option = Option(item=item, **option_data)
            option.full_clean(exclude=["item"], **FULL_CLEAN_SKIP)
            options.append(option)
    bands = []
    for data in cleaned["bands"]:
        band = Band(
            questionnaire=questionnaire,
            key=data["key"],
            label=data["label"],
            min_score=data["min"],
            max_score=data["max"],
            action=data["action"],
        )
        band.full_clean(exclude=["questionnaire"], **FULL_CLEAN_SKIP)
        bands.append(band)
    Item.objects.bulk_create(items)
    Option.objects.bulk_create(options)
    Band.objects.bulk_create(bands)
    return questionnaire


def _questionnaire_usable(case: Case, questionnaire: Questionnaire) -> bool:
    return questionnaire.active and questionnaire.organisation_id in (None, case.organisation_id)


@transaction.atomic
def response_record(
    *,
    actor: User,
    case: Case,
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    answered_on: date | None,
    respondent_kind: str = RespondentKind.CLIENT,
    answered_by: User | None = None,
) -> Response:
    """Check every answer, compute score and band with the engine, store them.

    The phase the instrument belongs to (assessment for the WAI, evaluation for the
    satisfaction questionnaire) becomes in progress; an event and an access-log entry
    are written. Answers never go into the event: they can hold health detail.
    """
    require(can_record_responses(actor), _("Only case managers and team leads may change cases."))
    ensure_open(case)
    ensure_admitted_or_intake(case)
    return response_store(
        actor=actor,
        recorded_by=actor,
        case=case,
        questionnaire=questionnaire,
        answers=answers,
        answered_on=answered_on,
        respondent_kind=respondent_kind,
        answered_by=answered_by,
    )


def response_store(
    *,
    actor: User | None,
    recorded_by: User,
    case: Case,
    questionnaire: Questionnaire,
    answers: dict[str, Any] | None,
    answered_on: date | None,
    respondent_kind: str = RespondentKind.CLIENT,
    answered_by: User | None = None,
    declined: bool = False,
    record: bool = True,
) -> Response:
    """The one place a response is checked, scored and stored; callers apply their own guards.

    `actor` is who acts (None: the respondent through a survey link, anonymous);
    `recorded_by` is the staff member the response is filed under. A declined response
    stores no answers, score or band. Run inside the caller's transaction.
    """
    errors: dict[str, Any] = {}
    if not _questionnaire_usable(case, questionnaire):
        raise ValidationError({"questionnaire": [_("Choose an active questionnaire of your organisation.")]})
    if answered_on is None:
        errors["answered_on"] = [_("Enter the date the questionnaire was answered, for example 3.11.2026.")]
    elif answered_on > timezone.localdate():
        errors["answered_on"] = [_("The date the questionnaire was answered cannot be in the future.")]
    if respondent_kind not in RespondentKind.values:
        errors["respondent_kind"] = [_("Choose one of: %s.") % ", ".join(RespondentKind.values)]
    if answered_by is not None and answered_by.organisation_id != case.organisation_id:
        errors["answered_by"] = [_("Choose a person of your organisation.")]
    cleaned: dict[str, Any] = {}
    score = None
    if not declined:
        try:
            cleaned = answers_clean(questionnaire, answers)
            score = score_of(questionnaire, cleaned)
        except InvalidInput as exc:
            errors.update(exc.errors)
    if errors or answered_on is None or (score is None and not declined):
        raise InvalidInput(errors)
    if answered_by is None and respondent_kind == RespondentKind.PROFESSIONAL:
        answered_by = actor
    response = Response(
        case=case,
        questionnaire=questionnaire,
        answered_on=answered_on,
        respondent_kind=respondent_kind,
        answered_by=answered_by,
        recorded_by=recorded_by,
        answers=cleaned,  # type: ignore[misc]  # an encrypted JSON field: the stubs see a text field
        score=score,
        band=None if score is None else band_for(questionnaire.bands.all(), score),
        declined=declined,
    )
    response.full_clean()
    response.save()
    if questionnaire.phase:
        phase_touch(case=case, key=questionnaire.phase)
    if not record:
        # The caller (the survey link) writes the one timeline entry and access-log row itself.
        return response
    what = "declined" if declined else "recorded"
    event_record(
        case=case,
        actor=actor,
        kind=f"questionnaire_{what}",
        summary=f"Questionnaire {what}: {questionnaire.name}",
        new={
            "response": str(response.pk),
            "questionnaire": questionnaire.key,
            "answered_on": str(answered_on),
        },
    )
    log_change(actor=actor, case=case, object_type="questionnaire_response", object_id=response.pk)
    return response
