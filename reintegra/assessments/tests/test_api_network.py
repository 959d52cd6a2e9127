import xml.etree.ElementTree as ET

import pytest

from reintegra.assessments.models import NetworkMap, NetworkNode
from reintegra.assessments.tests.conftest import api_for
from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import CaseEvent, CasePhase

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
WIFE = {"name": "Ehefrau Käthi", "sector": "family", "closeness": 1, "tie": "strong", "support": "gives"}
BOSS = {"name": "Chef Herr Rüegg", "sector": "work", "closeness": 2, "tie": "stressful", "support": "none"}
DOCTOR = {"name": "Dr. Keller", "sector": "professional", "closeness": 3, "tie": "weak"}


def url(case):
    return f"/api/v1/cases/{case['id']}/network/"


def put(api, case, nodes, version):
    return api.put(url(case), {"nodes": nodes, "version": version}, format="json")


def test_a_map_not_yet_written_is_empty_with_version_0(api, case):
    response = api.get(url(case))
    assert response.status_code == 200
    assert response.json() == {"nodes": [], "version": 0}
    assert not NetworkMap.objects.exists()


def test_create_with_version_0_assigns_ids(api, case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = put(api, case, [WIFE, BOSS, DOCTOR], 0)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 1
    assert [node["name"] for node in body["nodes"]] == ["Ehefrau Käthi", "Chef Herr Rüegg", "Dr. Keller"]
    assert all(node["id"] for node in body["nodes"])
    assert body["nodes"][2]["support"] is None
    assert body["nodes"][0] == {**WIFE, "id": body["nodes"][0]["id"]}
    assert api.get(url(case)).json() == body
    assert CasePhase.objects.get(case_id=case["id"], key="assessment").status == "in_progress"
    event = CaseEvent.objects.get(case_id=case["id"], kind="network_map_saved")
    assert event.new == {"version": 1, "nodes": 3, "added": 3, "changed": 0, "removed": 0}
    assert AccessLogEntry.objects.filter(action="change", object_type="network_map", case_id=case["id"]).exists()


def test_put_keeps_sent_ids_removes_left_out_and_adds_new(api, case):
    first = put(api, case, [WIFE, BOSS], 0).json()
    wife, boss = first["nodes"]
    changed_boss = {**boss, "tie": "weak", "closeness": 3}
    response = put(api, case, [changed_boss, DOCTOR], 1)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2
    assert body["nodes"][0] == {**changed_boss, "support": "none"}
    assert body["nodes"][1]["id"] not in (wife["id"], boss["id"])
    assert not NetworkNode.objects.filter(pk=wife["id"]).exists()
    assert NetworkNode.objects.get(pk=boss["id"]).version == 2
    event = CaseEvent.objects.filter(kind="network_map_saved").first()
    assert event.new == {"version": 2, "nodes": 2, "added": 1, "changed": 1, "removed": 1}


def test_map_read_is_access_logged(api, case):
    put(api, case, [WIFE], 0)
    api.get(url(case))
    assert AccessLogEntry.objects.filter(action="read", object_type="network_map", case_id=case["id"]).exists()


def test_stale_version_is_409_and_changes_nothing(api, case):
    put(api, case, [WIFE], 0)
    stale = put(api, case, [BOSS], 0)
    assert stale.status_code == 409
    assert "detail" in stale.json()
    again = put(api, case, [BOSS], 7)
    assert again.status_code == 409
    assert [n.name for n in NetworkNode.objects.all()] == ["Ehefrau Käthi"]
    assert NetworkMap.objects.get().version == 1


def test_version_other_than_0_for_a_missing_map_is_409(api, case):
    response = put(api, case, [WIFE], 1)
    assert response.status_code == 409
    assert not NetworkMap.objects.exists()


def test_unknown_node_id_is_400(api, case):
    put(api, case, [WIFE], 0)
    unknown = {**BOSS, "id": "00000000-0000-0000-0000-000000000001"}
    response = put(api, case, [unknown], 1)
    assert response.status_code == 400
    assert "id" in response.json()["nodes"]["0"]
    assert [n.name for n in NetworkNode.objects.all()] == ["Ehefrau Käthi"]
    assert NetworkMap.objects.get().version == 1


def test_node_id_of_another_cases_map_is_unknown(api, case, unit):
    other = api.post(
        "/api/v1/cases/",
        {"case_type": "general", "client": {"first_name": "Eva", "last_name": "Andere"}, "unit": str(unit.pk)},
        format="json",
    ).json()
    foreign = put(api, other, [WIFE], 0).json()["nodes"][0]
    put(api, case, [BOSS], 0)
    response = put(api, case, [foreign], 1)
    assert response.status_code == 400
    assert NetworkNode.objects.get(pk=foreign["id"]).network_map.case_id.hex == other["id"].replace("-", "")


def test_same_id_twice_is_400(api, case):
    node = put(api, case, [WIFE], 0).json()["nodes"][0]
    response = put(api, case, [node, {**node, "name": "Doppelt"}], 1)
    assert response.status_code == 400
    assert "id" in response.json()["nodes"]["1"]


def test_an_empty_map_can_be_saved(api, case):
    put(api, case, [WIFE], 0)
    response = put(api, case, [], 1)
    assert response.status_code == 200
    assert response.json() == {"nodes": [], "version": 2}


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"nodes": [WIFE]}, ["version"]),
        ({"nodes": [WIFE], "version": "x"}, ["version"]),
        ({"nodes": [WIFE], "version": -1}, ["version"]),
        ({"version": 0}, ["nodes"]),
        ({"nodes": "Käthi", "version": 0}, ["nodes"]),
        ({"nodes": {"name": "Käthi"}, "version": 0}, ["nodes"]),
        ({"nodes": [{**WIFE, "sector": "neighbours"}], "version": 0}, ["nodes", "0", "sector"]),
        ({"nodes": [WIFE, {**BOSS, "closeness": 4}], "version": 0}, ["nodes", "1", "closeness"]),
        ({"nodes": [{**WIFE, "closeness": 0}], "version": 0}, ["nodes", "0", "closeness"]),
        ({"nodes": [{**WIFE, "closeness": "near"}], "version": 0}, ["nodes", "0", "closeness"]),
        ({"nodes": [{**WIFE, "closeness": 1.5}], "version": 0}, ["nodes", "0", "closeness"]),
        ({"nodes": [{**WIFE, "tie": "loose"}], "version": 0}, ["nodes", "0", "tie"]),
        ({"nodes": [{**WIFE, "support": "sometimes"}], "version": 0}, ["nodes", "0", "support"]),
        ({"nodes": [{**WIFE, "name": ""}], "version": 0}, ["nodes", "0", "name"]),
        ({"nodes": [{k: v for k, v in WIFE.items() if k != "sector"}], "version": 0}, ["nodes", "0", "sector"]),
        ({"nodes": [{**WIFE, "id": "not-a-uuid"}], "version": 0}, ["nodes", "0", "id"]),
        ({"nodes": ["Käthi"], "version": 0}, ["nodes", "0"]),
    ],
)
def test_bad_input_is_400_and_stores_nothing(api, case, body, path):
    response = api.put(url(case), body, format="json")
    assert response.status_code == 400, response.content
    errors = response.json()
    for key in path:
        assert key in errors, errors
        errors = errors[key]
    assert not NetworkMap.objects.exists()
    assert not NetworkNode.objects.exists()
    assert CasePhase.objects.get(case_id=case["id"], key="assessment").status == "not_started"


def test_malformed_json_is_400(api, case):
    response = api.generic("PUT", url(case), "{nodes:", content_type="application/json")
    assert response.status_code == 400
    assert not NetworkMap.objects.exists()


def test_closed_case_is_409(api, case, close_case):
    put(api, case, [WIFE], 0)
    close_case(case["id"])
    response = put(api, case, [BOSS], 1)
    assert response.status_code == 409
    assert response.json()["code"] == "case_closed"
    assert [n.name for n in NetworkNode.objects.all()] == ["Ehefrau Käthi"]
    assert api.get(url(case)).status_code == 200


def test_other_case_manager_and_other_organisation_get_404(api, case, bob, charlie):
    put(api, case, [WIFE], 0)
    for outsider in (bob, charlie):
        client = api_for(outsider)
        assert client.get(url(case)).status_code == 404
        assert put(client, case, [BOSS], 1).status_code == 404
        assert client.get(f"/api/v1/cases/{case['id']}/network.svg").status_code == 404
    assert NetworkMap.objects.get().version == 1


def test_team_lead_may_edit(case, lead):
    assert put(api_for(lead), case, [WIFE], 0).status_code == 200


def test_svg_is_well_formed_and_names_everyone(api, case):
    nodes = [WIFE, BOSS, DOCTOR, {**DOCTOR, "name": "Müller & Söhne <AG>", "sector": "friends"}]
    put(api, case, nodes, 0)
    response = api.get(f"/api/v1/cases/{case['id']}/network.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = response.content.decode("ascii")  # core.svg writes umlauts as character references
    assert "M&#252;ller &amp; S&#246;hne &lt;AG&gt;" in body
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"
    texts = {element.text for element in root.iter(f"{SVG}text")}
    assert {"Ehefrau Käthi", "Chef Herr Rüegg", "Dr. Keller", "Müller & Söhne <AG>"} <= texts
    assert "Jürg" in texts  # the client in the centre
    assert AccessLogEntry.objects.filter(action="read", object_type="network_map", case_id=case["id"]).exists()


def test_svg_of_an_empty_map_and_with_svg_accept_header(api, case):
    response = api.get(f"/api/v1/cases/{case['id']}/network.svg", HTTP_ACCEPT="image/svg+xml")
    assert response.status_code == 200
    ET.fromstring(response.content)  # noqa: S314 - our own output
    missing = api.get("/api/v1/cases/00000000-0000-0000-0000-000000000000/network.svg")
    assert missing.status_code == 404


@pytest.mark.parametrize("support", [None, "", "both"])
def test_support_is_optional(api, case, support):
    response = put(api, case, [{**DOCTOR, "support": support}], 0)
    assert response.status_code == 200, response.content
    assert response.json()["nodes"][0]["support"] == (support or None)
