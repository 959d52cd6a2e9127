"""The demo: two Demo AG threads, one answered and reachable with the printed demo code."""

from io import StringIO

import pytest
from django.core.management import call_command

from reintegra.inquiries.demo import DEMO_CODE, DEMO_PASSPHRASE
from reintegra.inquiries.models import Inquiry
from reintegra.inquiries.tests.conftest import read

pytestmark = pytest.mark.django_db


def test_load_demo_adds_two_threads_once_and_prints_the_demo_access(public):
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=StringIO())  # idempotent
    assert Inquiry.objects.filter(organisation__slug="demo-ag").count() == 2
    assert DEMO_CODE in out.getvalue() and "/k/demo-ag/" in out.getvalue()
    thread = read(public, DEMO_CODE, DEMO_PASSPHRASE).json()
    assert [m["from"] for m in thread["messages"]] == ["you", "case_management"]
