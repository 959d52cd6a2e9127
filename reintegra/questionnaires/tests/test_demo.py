import pytest

from reintegra.accounts import demo as accounts_demo
from reintegra.cases import demo as cases_demo
from reintegra.questionnaires import demo
from reintegra.questionnaires.models import Response

pytestmark = pytest.mark.django_db


def test_demo_records_one_wai_and_is_idempotent(shipped):
    accounts_demo.load()
    cases_demo.load()
    lines = demo.load()
    assert len(lines) == 1 and ": 29 (moderate)" in lines[0]
    assert demo.load() == []
    response = Response.objects.get()
    assert response.case.client.last_name == "Müller"
    assert response.case.phases.get(key="assessment").status == "in_progress"
