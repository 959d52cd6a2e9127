"""An interrupted erasure leaves the case as it was: one case per transaction, files after commit."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from reintegra.cases.models import Case, Client
from reintegra.consents.models import Consent
from reintegra.retention.models import Erasure
from reintegra.retention.services import retention_run
from reintegra.retention.tests.conftest import close_long_ago
from tests.support.cases import case_for

pytestmark = pytest.mark.django_db


def _case_with_scan(alice, last, capture):
    with capture(execute=True):
        case = case_for(alice, first="Eva", last=last)
    consent = Consent.objects.create(
        case=case, purpose="data_collection", form="written", given_on=case.opened_on, recorded_by=alice
    )
    consent.scan.save(f"scan-{last}.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    close_long_ago(case.pk, days_ago=1100)
    return case, consent.scan.path


def test_a_failure_midway_rolls_the_case_back_and_keeps_its_files(
    alice, media, monkeypatch, django_capture_on_commit_callbacks
):
    broken, broken_file = _case_with_scan(alice, "Bleibt", django_capture_on_commit_callbacks)
    fine, fine_file = _case_with_scan(alice, "Geht", django_capture_on_commit_callbacks)
    save = Erasure.save

    def fail_for_broken(self, *args, **kwargs):
        if self.pk == broken.pk:  # everything of the case is deleted by now, the commit not yet made
            raise RuntimeError("power cut")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Erasure, "save", fail_for_broken)
    with django_capture_on_commit_callbacks(execute=True):
        erased = retention_run(actor=None)

    assert [erasure.pk for erasure in erased] == [fine.pk]
    # The broken case is whole again: case, client, consent and the file on disk.
    assert Case.objects.filter(pk=broken.pk).exists()
    assert Client.objects.filter(last_name="Bleibt").exists()
    assert Consent.objects.filter(case_id=broken.pk).exists()
    assert Path(broken_file).exists()
    # The other case went, with its file, after its own commit.
    assert not Case.objects.filter(pk=fine.pk).exists()
    assert not Path(fine_file).exists()
