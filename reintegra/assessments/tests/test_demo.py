import xml.etree.ElementTree as ET

import pytest

from reintegra.accounts import demo as accounts_demo
from reintegra.assessments import demo, ecomap
from reintegra.assessments.checklist import assessment_both_perspectives, resources_and_problems
from reintegra.assessments.models import Assessment, AssessmentItem, NetworkNode
from reintegra.cases import demo as cases_demo
from reintegra.cases.models import Case

pytestmark = pytest.mark.django_db


def test_demo_assessment_and_network_map_are_idempotent():
    assert demo.load() == []  # without the demo case there is nothing to do
    accounts_demo.load()
    cases_demo.load()
    lines = demo.load()
    assert len(lines) == 2
    counts = Assessment.objects.count(), AssessmentItem.objects.count(), NetworkNode.objects.count()
    assert demo.load() == []
    assert (Assessment.objects.count(), AssessmentItem.objects.count(), NetworkNode.objects.count()) == counts
    case = Case.objects.get(client__first_name="Jürg", client__last_name="Müller")
    assert assessment_both_perspectives(case) and resources_and_problems(case)
    assert case.phases.get(key="assessment").status == "in_progress"
    nodes = list(NetworkNode.objects.filter(network_map__case=case))
    assert ecomap.overlapping_pairs(ecomap.layout(nodes)) == []
    ET.fromstring(ecomap.render(nodes, client_label=str(case.client), title="Demo").encode())  # noqa: S314
