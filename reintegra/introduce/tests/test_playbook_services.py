"""Playbook rules: RACI validation, template placeholders, communication rules and consent."""

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from reintegra.core.exceptions import Conflict, PermissionDenied
from reintegra.introduce import services
from reintegra.introduce.models import CommunicationRule, DocumentTemplate, Event, RaciRow
from reintegra.introduce.selectors import rule_consent_purpose, rules_for_event

pytestmark = pytest.mark.django_db


def raci(**assignments):
    return services.RaciRowData(phase="intake", activity="Aufnahme klären", assignments=assignments)


def test_raci_row_with_exactly_one_accountable_is_stored(alice):
    row = services.raci_row_create(actor=alice, data=raci(case_manager="R", team_lead="A", client="C"))
    assert row.assignments == {"case_manager": "R", "team_lead": "A", "client": "C"}
    assert row.organisation == alice.organisation


@pytest.mark.parametrize(
    "assignments",
    [
        {"case_manager": "R"},  # nobody accountable
        {"case_manager": "A", "team_lead": "A"},  # two accountable
        {"wizard": "A"},  # unknown role
        {"case_manager": "X", "team_lead": "A"},  # unknown letter
        {"case_manager": ["A"]},  # not a letter at all
    ],
)
def test_raci_row_refuses_bad_assignments_and_stores_nothing(alice, assignments):
    with pytest.raises(ValidationError) as excinfo:
        services.raci_row_create(actor=alice, data=raci(**assignments))
    assert "assignments" in excinfo.value.message_dict
    assert not RaciRow.objects.exists()


def test_raci_row_refuses_assignments_that_are_not_an_object(alice):
    with pytest.raises(ValidationError) as excinfo:
        services.raci_row_create(actor=alice, data=replace(raci(), assignments=["case_manager"]))
    assert "assignments" in excinfo.value.message_dict


def test_only_admins_and_team_leads_edit_the_playbook(alice, tina, bob, dora):
    services.raci_row_create(actor=tina, data=raci(case_manager="A"))
    for person in (bob, dora):
        with pytest.raises(PermissionDenied):
            services.raci_row_create(actor=person, data=raci(case_manager="A"))
    assert RaciRow.objects.count() == 1


def test_update_with_a_stale_version_conflicts_and_changes_nothing(alice):
    row = services.raci_row_create(actor=alice, data=raci(case_manager="A"))
    services.raci_row_update(
        actor=alice,
        row=row,
        data=services.RaciRowData.build({"activity": "Neu"}, base=services.RaciRowData.of(row)),
        version=1,
    )
    stale = RaciRow.objects.get(pk=row.pk)
    stale.version = 1
    with pytest.raises(Conflict):
        services.raci_row_update(
            actor=alice,
            row=stale,
            data=services.RaciRowData.build({"activity": "Überschrieben"}, base=services.RaciRowData.of(stale)),
            version=1,
        )
    row.refresh_from_db()
    assert (row.activity, row.version) == ("Neu", 2)


def test_service_refuses_an_object_of_another_organisation(charlie, alice):
    row = services.raci_row_create(actor=alice, data=raci(case_manager="A"))
    with pytest.raises(PermissionDenied):
        services.raci_row_update(
            actor=charlie,
            row=row,
            data=services.RaciRowData.build({"activity": "x"}, base=services.RaciRowData.of(row)),
            version=row.version,
        )


# --- templates ----------------------------------------------------------------------------------


def template_data(**overrides):
    values = {"kind": "letter", "language": "de", "title": "Brief an {{client_name}}", "body": "Guten Tag"}
    return services.TemplateData(**{**values, **overrides})


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("body", "Hallo {{client_nmae}}"),  # typo: unknown placeholder
        ("body", "Hallo {{client_name"),  # not closed
        ("body", "{{ client_name.upper }}"),  # attribute lookups are not placeholders
        ("title", "{% load static %}{{client_name|upper}}"),  # template tags and filters
        ("subject", "Zeile\nZwei"),  # header injection
    ],
)
def test_template_refuses_unknown_or_malformed_placeholders(alice, field, text):
    with pytest.raises(ValidationError) as excinfo:
        services.template_create(actor=alice, data=template_data(**{field: text}))
    assert field in excinfo.value.message_dict
    assert not DocumentTemplate.objects.exists()


def test_bem_invitation_must_state_aims_and_data_collected(alice):
    with pytest.raises(ValidationError) as excinfo:
        services.template_create(actor=alice, data=template_data(kind="bem_invitation"))
    assert set(excinfo.value.message_dict) >= {"aims", "data_collected"}
    template = services.template_create(
        actor=alice,
        data=template_data(kind="bem_invitation", aims="Arbeitsfähigkeit erhalten", data_collected="Dauer der Absenz"),
    )
    assert template.pk


def test_template_used_by_a_rule_cannot_be_deleted(alice, template):
    services.rule_create(
        actor=alice,
        data=services.RuleData.build(
            {"event": "case_admitted", "recipient": "client", "channel": "email", "template": template}
        ),
    )
    with pytest.raises(ValidationError):
        services.template_delete(actor=alice, template=template)
    assert DocumentTemplate.objects.filter(pk=template.pk).exists()


# --- communication rules --------------------------------------------------------------------------


def rule(template, **overrides):
    values = {"event": "case_admitted", "recipient": "team_lead", "channel": "in_app", "template": template}
    return services.RuleData(**{**values, **overrides})


def test_a_rule_fires_exactly_once_per_event(alice, template, charlie):
    services.rule_create(actor=alice, data=rule(template))
    services.rule_create(actor=alice, data=rule(template, recipient="client", channel="email"))
    services.rule_create(actor=alice, data=rule(template, event="case_closed"))
    services.rule_create(actor=alice, data=rule(template, recipient="case_manager", active=False))
    foreign = DocumentTemplate.objects.create(organisation=charlie.organisation, kind="message", title="t", body="b")
    services.rule_create(actor=charlie, data=rule(foreign))

    fired = rules_for_event(organisation=alice.organisation, event=Event.CASE_ADMITTED)

    assert [(r.recipient, r.channel) for r in fired] == [("client", "email"), ("team_lead", "in_app")]
    assert len({r.pk for r in fired}) == len(fired)
    assert rules_for_event(organisation=alice.organisation, event=Event.PLAN_AGREED) == []


def test_the_same_recipient_and_channel_cannot_be_ruled_twice_for_one_event(alice, template):
    services.rule_create(actor=alice, data=rule(template))
    with pytest.raises(ValidationError) as excinfo:
        services.rule_create(actor=alice, data=rule(template, note="again"))
    assert "event" in excinfo.value.message_dict
    assert CommunicationRule.objects.count() == 1


def test_rules_for_an_unknown_event_are_refused(alice):
    with pytest.raises(ValueError, match="Unknown event"):
        rules_for_event(organisation=alice.organisation, event="case_exploded")


def test_rule_with_a_template_of_another_organisation_is_refused(alice, charlie):
    foreign = DocumentTemplate.objects.create(organisation=charlie.organisation, kind="message", title="t", body="b")
    with pytest.raises(ValidationError) as excinfo:
        services.rule_create(actor=alice, data=rule(foreign))
    assert "template" in excinfo.value.message_dict
    assert not CommunicationRule.objects.exists()


@pytest.mark.parametrize(
    ("recipient", "purpose"),
    [
        ("employer_contact", "share_with_employer"),
        ("physician", "share_with_physician"),
        ("insurer", "share_with_insurer"),
        ("works_council", "share_with_works_council"),
        ("provider", "share_with_provider"),
        ("client", None),
        ("case_manager", None),
        ("team_lead", None),
    ],
)
def test_rules_name_the_consent_a_recipient_needs(alice, template, recipient, purpose):
    created = services.rule_create(actor=alice, data=rule(template, recipient=recipient))
    assert rule_consent_purpose(created) == purpose


@pytest.mark.parametrize("field,value", [("event", "exploded"), ("recipient", "wizard"), ("channel", "pigeon")])
def test_rule_refuses_unknown_choices(alice, template, field, value):
    with pytest.raises(ValidationError) as excinfo:
        services.rule_create(actor=alice, data=rule(template, **{field: value}))
    assert field in excinfo.value.message_dict
