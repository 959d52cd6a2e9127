"""Referral API: propose, list, transitions, consent, disclosure, scoping, bad input."""

import datetime

import pytest

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import OrganisationFactory, UserFactory, member
from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import Case, CaseEvent, CasePhase, CaseStatus
from reintegra.network.models import Referral, ReferralStatus, ReferralTransition
from reintegra.network.tests.conftest import NEW_CASE, api_for
from reintegra.network.tests.factories import ProviderFactory
from reintegra.plans.models import Measure

pytestmark = pytest.mark.django_db

FINAL = {"declined", "completed", "cancelled"}
ALL = ["sent", "accepted", "declined", "started", "completed", "cancelled"]
# The path to reach each state from `proposed`.
PATH = {
    "proposed": [],
    "sent": ["sent"],
    "accepted": ["sent", "accepted"],
    "declined": ["sent", "declined"],
    "started": ["sent", "accepted", "started"],
    "completed": ["sent", "accepted", "started", "completed"],
    "cancelled": ["cancelled"],
}
VALID = {
    "proposed": {"sent", "cancelled"},
    "sent": {"accepted", "declined", "cancelled"},
    "accepted": {"started", "cancelled"},
    "started": {"completed", "cancelled"},
    "declined": set(),
    "completed": set(),
    "cancelled": set(),
}
TABLE = [(start, to, to in VALID[start]) for start in PATH for to in ALL]


def url(case, referral=None, suffix=""):
    base = f"/api/v1/cases/{case['id']}/referrals/"
    return f"{base}{referral}/{suffix}" if referral else base


@pytest.fixture
def propose(alice_api, case, ref_provider):
    def make(**body):
        response = alice_api.post(url(case), {"provider": str(ref_provider.pk), **body}, format="json")
        assert response.status_code == 201, response.content
        return response.json()

    return make


def assert_not_sent(referral):
    """A refused send changed nothing: still proposed, no step, no event, nothing disclosed."""
    stored = Referral.objects.get(pk=referral["id"])
    assert stored.status == ReferralStatus.PROPOSED
    assert stored.sent_on is None
    assert stored.version == referral["version"]
    assert list(stored.transitions.values_list("to_status", flat=True)) == ["proposed"]
    assert not CaseEvent.objects.filter(case_id=stored.case_id, kind="referral_sent").exists()
    assert not AccessLogEntry.objects.filter(action="disclose", object_id=str(stored.pk)).exists()


def step(api, case, referral_id, to, note=""):
    return api.post(url(case, referral_id, "transition/"), {"to": to, "note": note}, format="json")


def test_propose_returns_proposed_and_touches_monitoring(alice_api, case, propose, ref_provider):
    body = propose(note="Braucht Unterstützung beim Wiedereinstieg")
    assert body["status"] == "proposed"
    assert body["provider"]["name"] == ref_provider.name
    assert body["allowed_transitions"] == ["sent", "cancelled"]
    assert [h["to_status"] for h in body["history"]] == ["proposed"]
    assert CasePhase.objects.get(case_id=case["id"], key="monitoring").status == "in_progress"
    event = CaseEvent.objects.get(case_id=case["id"], kind="referral_proposed")
    assert "Wiedereinstieg" not in str(event.old) + str(event.new)
    assert alice_api.get(url(case, body["id"])).json()["id"] == body["id"]


def test_propose_with_measure_of_the_case(alice_api, case, propose):
    measure = Measure.objects.create(
        case_id=case["id"], title="Coaching", responsible_kind="case_manager", due_date=datetime.date(2026, 12, 1)
    )
    assert propose(measure=str(measure.pk))["measure"]["title"] == "Coaching"


@pytest.mark.parametrize(("start", "to", "valid"), TABLE)
def test_transition_table(alice_api, case, propose, give_consent, start, to, valid):
    give_consent()
    referral = propose()
    for hop in PATH[start]:
        assert step(alice_api, case, referral["id"], hop).status_code == 200
    before = ReferralTransition.objects.filter(referral_id=referral["id"]).count()
    response = step(alice_api, case, referral["id"], to, note="Notiz")
    stored = Referral.objects.get(pk=referral["id"])
    if valid:
        assert response.status_code == 200, response.content
        assert response.json()["status"] == to
        assert stored.status == to
        assert getattr(stored, f"{to}_on") is not None
        assert CaseEvent.objects.filter(case_id=case["id"], kind=f"referral_{to}").exists()
    else:
        assert response.status_code == 400
        assert "to" in response.json()
        assert stored.status == start
        assert ReferralTransition.objects.filter(referral_id=referral["id"]).count() == before


def test_proposed_is_not_a_target(alice_api, case, propose):
    referral = propose()
    response = step(alice_api, case, referral["id"], "proposed")
    assert response.status_code == 400 and "to" in response.json()


def test_sending_without_consent_is_refused(alice_api, case, propose, django_capture_on_commit_callbacks):
    referral = propose()
    with django_capture_on_commit_callbacks(execute=True):
        response = step(alice_api, case, referral["id"], "sent")
    assert response.status_code == 400
    assert response.json()["to"] == [
        "Erfassen Sie zuerst die Einwilligung der Klientin oder des Klienten zur Weitergabe an Anbieter."
    ]
    english = alice_api.post(url(case, referral["id"], "transition/"), {"to": "sent"}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["to"] == ["Record the client's consent to share with providers first."]
    assert Referral.objects.get(pk=referral["id"]).status == "proposed"
    assert not AccessLogEntry.objects.filter(action="disclose").exists()


def test_sending_with_withdrawn_consent_is_refused(alice_api, case, propose, give_consent):
    consent = give_consent()
    response = alice_api.post(f"/api/v1/cases/{case['id']}/consents/{consent['id']}/withdraw/", {}, format="json")
    assert response.status_code == 200, response.content
    referral = propose()
    assert step(alice_api, case, referral["id"], "sent").status_code == 400
    assert_not_sent(referral)


def test_sending_with_expired_consent_is_refused(alice_api, case, propose, give_consent):
    give_consent(given_on="2025-01-05", valid_until="2025-06-30")
    referral = propose()
    assert step(alice_api, case, referral["id"], "sent").status_code == 400
    assert_not_sent(referral)


def test_sending_with_consent_for_another_purpose_is_refused(alice_api, case, propose, give_consent):
    give_consent(purpose="share_with_employer")
    referral = propose()
    assert step(alice_api, case, referral["id"], "sent").status_code == 400
    assert_not_sent(referral)


def test_sending_with_active_consent_is_a_logged_disclosure(
    alice_api, alice, case, propose, give_consent, django_capture_on_commit_callbacks
):
    give_consent()
    referral = propose()
    with django_capture_on_commit_callbacks(execute=True):
        response = step(alice_api, case, referral["id"], "sent", note="Per E-Mail")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "sent"
    entry = AccessLogEntry.objects.get(action="disclose", object_type="referral")
    assert entry.recipient == "JobBrücke Coaching"
    assert str(entry.case_id) == case["id"]
    assert entry.user_id == str(alice.pk)
    history = response.json()["history"]
    assert [(h["from_status"], h["to_status"]) for h in history] == [("", "proposed"), ("proposed", "sent")]
    assert history[-1]["note"] == "Per E-Mail"


def test_other_case_manager_gets_404(case, propose, bob):
    referral = propose()
    other = api_for(bob)
    assert other.get(url(case)).status_code == 404
    assert other.get(url(case, referral["id"])).status_code == 404
    assert step(other, case, referral["id"], "cancelled").status_code == 404
    assert Referral.objects.get(pk=referral["id"]).status == "proposed"


def test_other_organisation_gets_404(case, propose):
    outsider = member(UserFactory(username="olga2", organisation=OrganisationFactory()), Role.CASE_MANAGER)
    assert api_for(outsider).get(url(case)).status_code == 404


def test_unknown_referral_is_404(alice_api, case):
    assert alice_api.get(url(case, "00000000-0000-0000-0000-000000000000")).status_code == 404


def test_provider_of_other_organisation_is_refused(alice_api, case):
    foreign = ProviderFactory(organisation=OrganisationFactory(), name="Fremd")
    response = alice_api.post(url(case), {"provider": str(foreign.pk)}, format="json")
    assert response.status_code == 400 and "provider" in response.json()
    assert not Referral.objects.exists()


def test_inactive_provider_is_refused(alice_api, case, case_org):
    retired = ProviderFactory(organisation=case_org, name="Alt", active=False)
    response = alice_api.post(url(case), {"provider": str(retired.pk)}, format="json")
    assert response.status_code == 400 and "provider" in response.json()
    assert not Referral.objects.exists()


def test_measure_of_another_case_is_refused(alice_api, case, ref_provider):
    second = {**_case_body(), "summary": "zweiter Fall", "confirm_new_client": True}  # the same made-up client
    response = alice_api.post("/api/v1/cases/", second, format="json")
    other = response.json()
    measure = Measure.objects.create(
        case_id=other["id"], title="Fremd", responsible_kind="case_manager", due_date=datetime.date(2026, 12, 1)
    )
    response = alice_api.post(url(case), {"provider": str(ref_provider.pk), "measure": str(measure.pk)}, format="json")
    assert response.status_code == 400 and "measure" in response.json()
    assert not Referral.objects.exists()


def _case_body():
    return dict(NEW_CASE)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"provider": "not-a-uuid"},
        {"provider": 5},
        {"provider": None},
        {"provider": "00000000-0000-0000-0000-000000000000"},
        {"provider": ["x"]},
    ],
)
def test_malformed_propose(alice_api, case, body):
    response = alice_api.post(url(case), body, format="json")
    assert response.status_code == 400
    assert "provider" in response.json()
    assert not Referral.objects.exists()


def test_malformed_json(alice_api, case):
    response = alice_api.post(url(case), "{not json", content_type="application/json")
    assert response.status_code == 400
    assert not Referral.objects.exists()


@pytest.mark.parametrize("body", [{}, {"to": "flying"}, {"to": 3}, {"to": None}, {"to": "sent", "note": ["x"]}])
def test_malformed_transition(alice_api, case, propose, body):
    referral = propose()
    response = alice_api.post(url(case, referral["id"], "transition/"), body, format="json")
    assert response.status_code == 400
    assert Referral.objects.get(pk=referral["id"]).status == "proposed"


def test_closed_case_is_409(alice_api, case, propose, ref_provider):
    referral = propose()
    Case.objects.filter(pk=case["id"]).update(status=CaseStatus.CLOSED)
    assert alice_api.post(url(case), {"provider": str(ref_provider.pk)}, format="json").status_code == 409
    assert step(alice_api, case, referral["id"], "cancelled").status_code == 409
    assert Referral.objects.count() == 1
    assert Referral.objects.get().status == ReferralStatus.PROPOSED


def test_list_query_count_is_pinned(alice_api, case, propose, give_consent, django_assert_max_num_queries):
    give_consent()
    for _ in range(3):
        referral = propose(note="x")
        step(alice_api, case, referral["id"], "sent")
    with django_assert_max_num_queries(14) as captured:
        response = alice_api.get(url(case))
    few = len(captured)
    for _ in range(5):
        propose()
    with django_assert_max_num_queries(few) as captured:
        response = alice_api.get(url(case))
    assert response.status_code == 200
    assert len(response.json()["results"]) == 8
