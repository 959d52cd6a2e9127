"""The consents app's registrations into the cases app's registries (called from
`ConsentsConfig.ready()`): the intake's consent checklist item, the disclosure rule and the
timeline text of a recorded consent."""

from typing import Any

from reintegra.cases import checklist, disclosure, events
from reintegra.consents.disclosure import participant_may_see
from reintegra.consents.models import Purpose
from reintegra.consents.selectors import active_consent_exists


def _consent_values(values: dict[str, Any]) -> dict[str, Any]:
    purpose = values.get("purpose")
    return {**values, "purpose": str(Purpose(purpose).label) if purpose in Purpose.values else ""}


def register_all() -> None:
    # One definition of the item: the SQL expression (a consent expires with the date, so it is
    # computed in every case read's query rather than stored).
    checklist.register("consent_data_collection", annotate=lambda day: active_consent_exists("data_collection", day))
    disclosure.rule_register(participant_may_see)
    events.values_register("consent_recorded", _consent_values)
