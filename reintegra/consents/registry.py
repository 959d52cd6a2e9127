"""Everything the consents app adds to other apps' registries, in one place.

- checklist: `consent_data_collection` (an active data-collection consent), as a Python check
  and as the same check in SQL for lists;
- notification kinds: `consent_expiring` (see `consents.reminders`).

Called from `ConsentsConfig.ready()`; the registries live in the apps that read them
(`cases.checklist`, `notifications.kinds`), so those apps never import consents.
"""

from reintegra.cases.checklist import register as checklist_register
from reintegra.consents.reminders import register_kinds
from reintegra.consents.selectors import active_consent_exists, has_active_consent


def register() -> None:
    checklist_register(
        "consent_data_collection",
        lambda case: has_active_consent(case, "data_collection"),
        prefetch=["consents"],
        annotate=lambda day: active_consent_exists("data_collection", day),
    )
    register_kinds()
