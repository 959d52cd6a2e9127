"""Parallel withdrawals of one consent: one withdrawal, one timeline event, one change entry.

Each thread holds its own stale copy of the consent (loaded before the others withdrew), as
two browser tabs or a double click would. These tests commit (transaction=True): every
thread works in its own transaction, as requests do. On PostgreSQL the threads really
overlap and the row lock decides; the in-memory SQLite test database cannot take two
writers at once, so there the threads take turns, which still proves that the second one
decides on the stored state rather than on its stale copy.
"""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import CaseEvent
from reintegra.consents.models import Consent
from reintegra.consents.services import consent_record, consent_withdraw, consent_withdraw_by_client

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 4
ALIASES = ("default", "audit")  # the access log has its own database


def use_same_databases(backends):
    """Give this thread connections of the very backends the test uses (see notifications' test_worker:
    with `--postgres` the engine is swapped after Django built its connections)."""
    for alias, (wrapper_class, settings_dict) in backends.items():
        connections[alias] = wrapper_class(settings_dict, alias)


def run_in_parallel(withdraw, consent_pk):
    """Run `withdraw(stale_copy)` in THREADS threads at once; return the errors they raised."""
    start = threading.Barrier(THREADS)
    turns = threading.Lock() if connection.vendor == "sqlite" else None
    errors: list[BaseException] = []
    backends = {
        alias: (type(connections[alias]), dict(connections[alias].settings_dict)) for alias in ("default", "audit")
    }

    def worker():
        try:
            use_same_databases(backends)
            stale = Consent.objects.select_related("case").get(pk=consent_pk)  # read before anyone withdrew
            start.wait(timeout=20)
            if turns is not None:
                with turns:
                    withdraw(stale)
            else:
                withdraw(stale)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            for alias in backends:
                connections[alias].close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.fixture
def share(alice, case):
    return consent_record(
        actor=alice, case=case, purpose="share_with_employer", form="oral", given_on=timezone.localdate()
    )


def withdrawal_entries(consent):
    return AccessLogEntry.objects.using("audit").filter(
        action="change", object_type="consent", object_id=str(consent.pk)
    )


def test_parallel_staff_withdrawals_record_one_withdrawal_and_one_event(alice, case, share):
    changes_before = withdrawal_entries(share).count()
    errors = run_in_parallel(
        lambda stale: consent_withdraw(actor=alice, case=stale.case, consent=stale, reason="am Telefon"), share.pk
    )
    assert errors == []
    share.refresh_from_db()
    assert share.withdrawn_on == timezone.localdate()
    assert share.version == 2  # withdrawn once: one version step, not one per thread
    assert share.withdrawal_reason == "am Telefon"
    assert CaseEvent.objects.filter(case=case, kind="consent_withdrawn").count() == 1
    assert withdrawal_entries(share).count() == changes_before + 1


def test_parallel_client_withdrawals_record_one_withdrawal_and_one_event(alice, case, share):
    juerg = member(UserFactory(username="juerg", organisation=case.organisation), Role.CLIENT)
    case.client.user = juerg
    case.client.save()
    errors = run_in_parallel(lambda stale: consent_withdraw_by_client(actor=juerg, consent=stale), share.pk)
    assert errors == []
    share.refresh_from_db()
    assert (share.withdrawn_on, share.version) == (timezone.localdate(), 2)
    assert CaseEvent.objects.filter(case=case, kind="consent_withdrawn").count() == 1
