"""The API list's hand-built items (`cases.api.serializers.case_list_item`) equal CaseSerializer's
representation of the same cases, so the two cannot drift apart (issue #22).

On the benchmark generator's data (closed cases, deputies, units, evaluations, overridden phases),
every page of Anna's list, in German and French (the case type's label is translated).
"""

import json

import pytest
from django.utils import translation

from bench.datagen.run import generate
from bench.pages import signed_in_client
from reintegra.accounts.models import User
from reintegra.cases.api.serializers import CaseSerializer
from reintegra.cases.checklist import checklist_states_fill
from reintegra.cases.models import Case
from reintegra.cases.selectors import _read_shape

pytestmark = pytest.mark.django_db


def _serialized(ids: list[str]) -> list[dict]:
    cases = {str(case.pk): case for case in _read_shape(Case.objects.filter(pk__in=ids))}
    ordered = [cases[pk] for pk in ids]
    checklist_states_fill(ordered)
    # through JSON, as the response is (dates and UUIDs as strings)
    return json.loads(json.dumps(CaseSerializer(ordered, many=True, context={"detail": False}).data))


@pytest.mark.parametrize("language", ["de", "fr"])
def test_list_items_equal_the_serializer(language: str) -> None:
    generate(cases=40, seed=20261123, batch_size=20, progress=False, analyze=False, focus=1.0)
    anna = User.objects.get(username="anna")
    Case.objects.filter(case_manager=anna).exclude(status="closed").update(deputy=User.objects.get(username="ben"))
    client = signed_in_client(anna)
    url, seen, kinds = "/api/v1/cases/", 0, set()
    while url:
        response = client.get(url, headers={"accept-language": language})
        assert response.status_code == 200
        body = response.json()
        items = body["results"]
        with translation.override(language):
            expected = _serialized([item["id"] for item in items])
        assert items == expected
        seen += len(items)
        kinds |= {(item["status"], item["deputy"] is None, item["unit"] is None) for item in items}
        url = body["next"]
    assert seen >= 30
    assert {status for status, _deputy, _unit in kinds} >= {"open", "closed"}
