"""Two closures of one case filed at the same time: one waits for approval, the other is refused.

Real transactions in several threads (`transaction=True`), on SQLite and on PostgreSQL
(`--postgres`). SQLite's IMMEDIATE transactions serialise the two requests, so the second one's
check sees the first closure; on PostgreSQL both checks can pass and the partial unique
constraint `closure_one_pending_per_case` refuses the second insert.
"""

import threading

import pytest
from django.db import close_old_connections, connection, transaction
from django.db.utils import IntegrityError

from reintegra.accounts.models import User
from reintegra.cases.models import Case, CaseEvent, CaseType, Closure
from reintegra.cases.services.case import case_create
from reintegra.cases.services.closure import case_close
from reintegra.core.exceptions import Conflict

pytestmark = pytest.mark.django_db(transaction=True)


def _case(alice: User) -> Case:
    case_type = CaseType.objects.get(organisation=alice.organisation, key="bem")
    CaseType.objects.filter(pk=case_type.pk).update(requires_closure_approval=True)
    case_type.refresh_from_db()
    return case_create(actor=alice, case_type=case_type, client={"first_name": "Jürg", "last_name": "Müller"})


def test_two_concurrent_closures_leave_one_pending(alice):
    case = _case(alice)
    outcomes: list[object] = []
    barrier = threading.Barrier(4)

    def close() -> None:
        try:
            actor = User.objects.get(pk=alice.pk)
            loaded = Case.objects.select_related("case_type").get(pk=case.pk)
            barrier.wait(timeout=10)
            case_close(actor=actor, case=loaded, reason="other", agreed_with_client=True, override_reason="Umzug")
            outcomes.append("filed")
        except Conflict as exc:
            outcomes.append(exc)
        except BaseException as exc:  # collected and re-raised in the test thread
            outcomes.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=close) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes.count("filed") == 1, outcomes
    assert all(isinstance(outcome, Conflict) for outcome in outcomes if outcome != "filed"), outcomes
    assert Closure.objects.filter(case=case, closed_on__isnull=True, approved_by__isnull=True).count() == 1
    assert CaseEvent.objects.filter(case=case, kind="closure_requested").count() == 1
    assert Case.objects.get(pk=case.pk).status == "open"


def test_the_database_refuses_a_second_pending_closure(alice):
    """The constraint itself, without the service's check."""
    case = _case(alice)
    Closure.objects.create(case=case, reason="other", agreed_with_client=True, requested_by=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Closure.objects.create(case=case, reason="other", agreed_with_client=True, requested_by=alice)
    # a decided closure does not count
    Closure.objects.filter(case=case).update(approved_by=alice)
    Closure.objects.create(case=case, reason="other", agreed_with_client=True, requested_by=alice)
