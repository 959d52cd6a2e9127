"""Who may do what with consents. Services `require()` these predicates; views and the API ask them too.

- Case managers and team leads record consents, attach scans and withdraw consents on the
  client's behalf (the case is already visible to them through the choke point).
- The client withdraws their own consents in the client portal: only the client whose portal
  account is linked to the case (`Client.user`), within the case's organisation.
"""

from typing import Any

from reintegra.accounts.permissions import can_use_client_portal, can_work_on_cases


def can_record_consent(user: Any, case: Any = None) -> bool:
    """A case worker (of the case's organisation, when given)."""
    return can_work_on_cases(user, case)


def can_attach_consent_scan(user: Any, consent: Any = None) -> bool:
    return can_work_on_cases(user, consent)


def can_withdraw_consent(user: Any, consent: Any = None) -> bool:
    """Staff withdraw a consent on the client's behalf (e.g. said on the phone): case workers only."""
    return can_work_on_cases(user, consent)


def can_withdraw_own_consent(user: Any, case: Any = None) -> bool:
    """The client of the consent's case (given: the case with its client), through their linked portal account."""
    if not can_use_client_portal(user):
        return False
    if case is None:
        return True
    return bool(case.client.user_id == user.pk and case.organisation_id == user.organisation_id)
