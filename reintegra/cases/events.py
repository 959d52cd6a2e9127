"""How timeline entries read in the UI, in the person's language.

Services store an English `summary` (the API returns it as is) and the values they
changed. The UI renders known kinds from those values through gettext when the entry is
read (dates, stored as ISO strings, in the reader's format: `core.formatting`); kinds it
does not know (other apps') fall back to the stored summary.
"""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from reintegra.cases.models import Decision, NoteKind, ParticipantRole, PhaseKey
from reintegra.core.formatting import format_iso_dates

TEXTS = {
    "case_created": _("Case %(reference)s opened"),
    "case_updated": _("Case details changed"),
    "case_reassigned": _("Case handed over from %(old_name)s to %(new_name)s"),
    "intake_saved": _("Intake recorded"),
    "intake_criteria_answered": _("Intake criteria answered (%(yes)s of %(criteria)s met)"),
    "phase_completed": _("Phase “%(phase)s” completed"),
    "phase_reopened": _("Phase “%(phase)s” reopened"),
    "participant_added": _("Participant added (%(role)s)"),
    "participant_removed": _("Participant removed (%(role)s)"),
    "incapacity_added": _("Period of incapacity recorded from %(start)s"),
    "incapacity_ended": _("Period of incapacity ended"),
    "incapacity_corrected": _("Period of incapacity corrected"),
    "participant_updated": _("Participant details changed"),
    "note_amended": _("%(kind)s amended"),
    "consent_recorded": _("Consent recorded: %(purpose)s"),
    "consent_withdrawn": _("Consent withdrawn"),
    "consent_scan_attached": _("Signed consent scan attached"),
    "case_closed": _("Case closed"),
    "case_reopened": _("Case reopened"),
    "closure_requested": _("Closure requested; waiting for a team lead's approval"),
    "note_added": _("%(kind)s recorded"),
    "evaluation_saved": _("Evaluation recorded"),
    "goal_created": _("Goal added: %(goal)s"),
    "goal_changed": _("Goal changed: %(goal)s"),
    "measure_created": _("Measure added: %(measure)s"),
    "measure_changed": _("Measure changed: %(measure)s"),
    "plan_agreed": _("Plan version %(version_number)s agreed with the client"),
    "plan_schedule_changed": _("Review schedule changed"),
    "assessment_recorded": _("Assessment recorded"),
    "network_map_saved": _("Network map saved (%(nodes)s persons)"),
    "questionnaire_recorded": _("Questionnaire recorded"),
    "review_recorded": _("Review of %(date)s recorded"),
    "referral_proposed": _("Referral proposed"),
    "referral_sent": _("Referral sent"),
    "referral_accepted": _("Referral accepted"),
    "referral_declined": _("Referral declined"),
    "referral_started": _("Referral started"),
    "referral_completed": _("Referral completed"),
    "referral_cancelled": _("Referral cancelled"),
    "portal_invite_created": _("Client invited to the client portal"),
    "portal_invite_accepted": _("Client portal account set up"),
    "portal_sign_in_reminder_sent": _("Client reminded how to sign in to the client portal"),
    "participant_invited": _("Participant invited to the portal (%(role)s)"),
    "participant_invite_accepted": _("Participant set up their portal account (%(role)s)"),
    "participant_sign_in_reminder_sent": _("Participant reminded how to sign in to the portal (%(role)s)"),
    "participant_account_linked": _("Portal account of a participant changed (%(role)s)"),
    "client_rating_entered": _("The client entered their own rating"),
    "measure_done_by_participant": _("Measure done (reported by %(participant_name)s): %(measure)s"),
    "survey_invited": _("Satisfaction survey link made"),
    "survey_answered": _("Satisfaction survey answered through the link"),
    "survey_declined": _("Satisfaction survey declined"),
}


# Per kind: turns the stored values into the ones the text shows (labels in the person's
# language). Other apps register theirs (`values_register`) from their `checklist.py`.
VALUES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def values_register(kind: str, prepare: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    VALUES[kind] = prepare


def text_register(kind: str, text: Any) -> None:
    """How another app's timeline kind reads (an English msgid with `%(name)s` placeholders)."""
    TEXTS[kind] = text


def event_text(event: Any) -> str:
    template = TEXTS.get(event.kind)
    if template is None:
        return event.summary
    values: dict[str, Any] = {**(event.old or {}), **(event.new or {})}
    if event.kind.startswith("phase_"):
        values["phase"] = str(PhaseKey(values["phase"]).label) if values.get("phase") in PhaseKey.values else ""
    if event.kind == "intake_saved" and "decision" in (event.new or {}):
        return str(_("Intake decision: %(decision)s") % {"decision": _decision_label(event.new["decision"])})
    if event.kind == "evaluation_saved" and (event.new or {}).get("status") == "done":
        return str(_("Evaluation recorded; phase “%(phase)s” completed") % {"phase": PhaseKey("evaluation").label})
    if event.kind.startswith("participant_"):
        values["role"] = (
            str(ParticipantRole(values["role"]).label) if values.get("role") in ParticipantRole.values else ""
        )
    if event.kind == "case_reassigned":
        values["old_name"] = (event.old or {}).get("case_manager_name", "")
        values["new_name"] = (event.new or {}).get("case_manager_name", "")
    if event.kind in ("note_added", "note_amended"):
        values["kind"] = str(NoteKind(values["kind"]).label) if values.get("kind") in NoteKind.values else ""
    if event.kind in VALUES:
        values = VALUES[event.kind](values)
    # Stored dates are ISO strings: shown now, in the reader's language (3.11.2026 / 3 Nov 2026).
    values = format_iso_dates(values)
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return event.summary


def _decision_label(value: str) -> str:
    return str(Decision(value).label) if value in Decision.values else value
