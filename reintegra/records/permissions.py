"""Who may take out a person's record (nDSG Art. 25, GDPR Art. 15) and a case as FHIR.

- The record export (`GET /clients/{id}/export/`): the data-protection role of the person's
  organisation, or the case manager of one of the person's cases.
- A case as FHIR (`GET /cases/{id}/fhir/`): whoever may see the case (the choke point); this
  predicate is not asked for it.
"""

from typing import Any

from reintegra.accounts.models import Role
from reintegra.accounts.selectors import user_has_role
from reintegra.cases.models import Case


def can_export_client_record(user: Any, client: Any = None) -> bool:
    if user is None or not user.is_authenticated or not user.organisation_id:
        return False
    if client is None:
        return user_has_role(user, Role.DATA_PROTECTION) or user_has_role(user, Role.CASE_MANAGER)
    if client.organisation_id != user.organisation_id:
        return False
    if user_has_role(user, Role.DATA_PROTECTION):
        return True
    return Case.objects.filter(client=client, case_manager=user).exists()
