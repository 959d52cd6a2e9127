"""Everything the consents app adds to other apps' registries, in one place (called from
`ConsentsConfig.ready()`; the registries live in the apps that read them, so those apps never
import consents):

- cases' checklist: `consent_data_collection` (an active data-collection consent), one
  definition as an SQL expression (a consent expires with the date, so it is computed in every
  case read's query rather than stored);
- cases' disclosure: which portal participants see a case, by consent (`consents.disclosure`);
- cases' timeline: the purpose's label in the text of a recorded consent;
- notification kinds: `consent_expiring` (see `consents.reminders`).
"""

from typing import Any

from reintegra.cases import checklist, disclosure, events
from reintegra.consents.disclosure import participant_may_see
from reintegra.consents.models import Purpose
from reintegra.consents.reminders import register_kinds
from reintegra.consents.selectors import active_consent_exists


def _consent_values(values: dict[str, Any]) -> dict[str, Any]:
    purpose = values.get("purpose")
    return {**values, "purpose": str(Purpose(purpose).label) if purpose in Purpose.values else ""}


def register() -> None:
    checklist.register("consent_data_collection", annotate=lambda day: active_consent_exists("data_collection", day))
    disclosure.rule_register(participant_may_see)
    events.values_register("consent_recorded", _consent_values)
    register_kinds()
