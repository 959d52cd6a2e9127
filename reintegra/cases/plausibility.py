"""Plausibility rules for dates (API.md "Correcting the record"): one definition each, asked by
the services, so forms and API refuse the same values with a message naming the field."""

from datetime import date

from django.utils.translation import gettext as _

BIRTH_MIN_YEARS = 14
BIRTH_MAX_YEARS = 100
INCAPACITY_MAX_DAYS_AHEAD = 30


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def birth_date_error(birth_date: date | None, *, today: date) -> str | None:
    """A client's date of birth lies between 14 and 100 years before today."""
    if birth_date is None:
        return None
    if birth_date > _years_before(today, BIRTH_MIN_YEARS) or birth_date < _years_before(today, BIRTH_MAX_YEARS):
        return _("The date of birth must lie between %(max)s and %(min)s years before today.") % {
            "min": BIRTH_MIN_YEARS,
            "max": BIRTH_MAX_YEARS,
        }
    return None


def incapacity_errors(start: date | None, end: date | None, *, today: date) -> dict[str, list[str]]:
    """Incapacity starts at most 30 days in the future, and ends on or after its first day."""
    errors: dict[str, list[str]] = {}
    if start is not None and (start - today).days > INCAPACITY_MAX_DAYS_AHEAD:
        errors["start"] = [
            _("The first day of incapacity may lie at most %(days)s days in the future.")
            % {"days": INCAPACITY_MAX_DAYS_AHEAD}
        ]
    if start is not None and end is not None and end < start:
        errors["end"] = [_("The last day must be on or after the first day.")]
    return errors


def due_date_error(due_date: date | None, *, opened_on: date | None) -> str | None:
    """A goal is not due before the case was opened."""
    if due_date is not None and opened_on is not None and due_date < opened_on:
        return _("The due date cannot lie before the case was opened (%(day)s).") % {
            "day": f"{opened_on.day}.{opened_on.month}.{opened_on.year}"
        }
    return None


def review_date_error(day: date | None, *, first_agreed_on: date | None) -> str | None:
    """A review is not dated before the plan was first agreed."""
    if day is not None and first_agreed_on is not None and day < first_agreed_on:
        return _("A review cannot lie before the plan was first agreed (%(day)s).") % {
            "day": f"{first_agreed_on.day}.{first_agreed_on.month}.{first_agreed_on.year}"
        }
    return None


def next_review_error(day: date | None, *, today: date) -> str | None:
    """The next review is not planned in the past."""
    if day is not None and day < today:
        return _("The next review cannot lie in the past.")
    return None
