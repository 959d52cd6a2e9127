"""References are unique per organisation and year, also when cases are created at the same time."""

import threading

import pytest
from django.db import close_old_connections, connection

from reintegra.accounts.models import User
from reintegra.cases.models import Case, CaseType
from reintegra.cases.services.case import case_create

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_creation_never_shares_a_number(alice):
    case_type = CaseType.objects.get(organisation=alice.organisation, key="bem")
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def create_five() -> None:
        try:
            actor = User.objects.get(pk=alice.pk)
            barrier.wait(timeout=10)
            for index in range(5):
                case_create(actor=actor, case_type=case_type, client={"first_name": "P", "last_name": f"N{index}"})
        except BaseException as exc:  # collected and re-raised in the test thread
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=create_five) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    numbers = sorted(int(ref.rsplit("-", 1)[1]) for ref in Case.objects.values_list("reference", flat=True))
    assert numbers == list(range(1, 21))
