"""What the playbook's communication rules tell: the timeline entry of each firing and the notice
to the case manager when a rule could not reach someone. Registered from `IntroduceConfig.ready()`."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.cases.events import text_register, values_register
from reintegra.introduce.models.choices import Event, Party
from reintegra.notifications.kinds import register_kind

# The timeline entry written for each rule and event (what it did).
RULE_EVENT_KIND = "playbook_rule_fired"
# The notification to the case manager when a rule could not deliver to someone.
RULE_NOT_SENT = "playbook_rule_not_sent"

REASONS = {
    "no_recipient": gettext_lazy("nobody holds this role in the case"),
    "no_portal_account": gettext_lazy("no portal account"),
    "no_consent": gettext_lazy("no consent"),
    "no_email": gettext_lazy("no e-mail address"),
    "inactive": gettext_lazy("account deactivated"),
}


def _label(choices: Any, value: Any) -> str:
    return str(choices(value).label) if value in choices.values else str(value or "")


def reason_label(key: str) -> str:
    return str(REASONS.get(key, key))


def _rule_values(values: dict[str, Any]) -> dict[str, Any]:
    """The rule's event and recipient as labels, and what it did in words, in the reader's language."""
    not_sent = values.get("not_sent") or []
    parts = []
    if values.get("sent"):
        parts.append(_("sent to %(count)s") % {"count": values["sent"]})
    if not_sent:
        reasons = []
        for item in not_sent:
            reason = reason_label(str(item.get("reason", "")))
            reasons.append(f"{item['who']}: {reason}" if item.get("who") else reason)
        parts.append(_("not sent: %(reasons)s") % {"reasons": "; ".join(reasons)})
    return {
        **values,
        "event": _label(Event, values.get("event")),
        "recipient": _label(Party, values.get("recipient")),
        "outcome": "; ".join(parts) or _("nothing to send"),
    }


def _not_sent_values(params: dict[str, Any]) -> dict[str, Any]:
    return {
        **params,
        "event": _label(Event, params.get("event")),
        "recipient": _label(Party, params.get("recipient")),
        "reasons": ", ".join(reason_label(str(key)) for key in params.get("reasons") or []),
    }


def register() -> None:
    text_register(RULE_EVENT_KIND, gettext_lazy("Communication rule “%(event)s → %(recipient)s”: %(outcome)s"))
    values_register(RULE_EVENT_KIND, _rule_values)
    register_kind(
        RULE_NOT_SENT,
        label=gettext_lazy("Communication rule not sent"),
        subject=gettext_lazy("Communication rule not sent for %(reference)s"),
        body=gettext_lazy(
            "The rule “%(event)s → %(recipient)s” of your playbook could not deliver in case %(reference)s: "
            "%(reasons)s. The case's timeline shows the details."
        ),
        prepare=_not_sent_values,
    )
    register_kind("playbook_rule", label=gettext_lazy("Message from case management"))
