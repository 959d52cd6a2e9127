"""What the access log's object types are, in the reader's language (the keys are never shown)."""

from django.utils.translation import pgettext_lazy

# Context "access log object": one word may name a different thing elsewhere.
OBJECT_TYPE_LABELS = {
    "absence": pgettext_lazy("access log object", "Absence"),
    "access_log": pgettext_lazy("access log object", "Access log"),
    "assessment": pgettext_lazy("access log object", "Assessment"),
    "assessment_item": pgettext_lazy("access log object", "Assessment item"),
    "backup": pgettext_lazy("access log object", "Backup"),
    "calendar_feed": pgettext_lazy("access log object", "Calendar feed"),
    "case": pgettext_lazy("access log object", "Case"),
    "client": pgettext_lazy("access log object", "Client"),
    "closure": pgettext_lazy("access log object", "Case closure"),
    "cm_interview": pgettext_lazy("access log object", "Case management interview"),
    "communication_rule": pgettext_lazy("access log object", "Communication rule"),
    "consent": pgettext_lazy("access log object", "Consent"),
    "consent_scan": pgettext_lazy("access log object", "Scan of a consent"),
    "document": pgettext_lazy("access log object", "Document"),
    "employee": pgettext_lazy("access log object", "Employee"),
    "evaluation": pgettext_lazy("access log object", "Evaluation"),
    "event": pgettext_lazy("access log object", "Timeline entry"),
    "fhir": pgettext_lazy("access log object", "FHIR export"),
    "gas": pgettext_lazy("access log object", "Goal attainment scaling (GAS)"),
    "goal": pgettext_lazy("access log object", "Goal"),
    "incapacity": pgettext_lazy("access log object", "Incapacity for work"),
    "information_sheet": pgettext_lazy("access log object", "Information sheet"),
    "inquiry": pgettext_lazy("access log object", "Anonymous inquiry"),
    "insights": pgettext_lazy("access log object", "Insights"),
    "intake": pgettext_lazy("access log object", "Intake"),
    "legal_hold": pgettext_lazy("access log object", "Legal hold"),
    "measure": pgettext_lazy("access log object", "Measure"),
    "monitoring": pgettext_lazy("access log object", "Monitoring"),
    "network_map": pgettext_lazy("access log object", "Network map"),
    "note": pgettext_lazy("access log object", "Note"),
    "office_hour_signups": pgettext_lazy("access log object", "Office hour sign-ups"),
    "organisation": pgettext_lazy("access log object", "Organisation"),
    "page": pgettext_lazy("access log object", "Page"),
    "participant": pgettext_lazy("access log object", "Participant"),
    "phase": pgettext_lazy("access log object", "Phase"),
    "plan": pgettext_lazy("access log object", "Plan"),
    "plan_change": pgettext_lazy("access log object", "Plan change"),
    "plan_pdf": pgettext_lazy("access log object", "Plan (PDF)"),
    "plan_version": pgettext_lazy("access log object", "Plan version"),
    "portal": pgettext_lazy("access log object", "Portal"),
    "portal_account": pgettext_lazy("access log object", "Portal account"),
    "portal_invite": pgettext_lazy("access log object", "Portal invitation"),
    "questionnaire_response": pgettext_lazy("access log object", "Questionnaire response"),
    "record": pgettext_lazy("access log object", "Export of the whole record"),
    "referral": pgettext_lazy("access log object", "Referral"),
    "referral_letter": pgettext_lazy("access log object", "Referral letter"),
    "retention_due": pgettext_lazy("access log object", "Cases due for erasure"),
    "review": pgettext_lazy("access log object", "Review"),
    "staff_invitation": pgettext_lazy("access log object", "Staff invitation"),
    "screening_rule": pgettext_lazy("access log object", "Screening rule"),
    "survey_invitation": pgettext_lazy("access log object", "Survey invitation"),
    "unit": pgettext_lazy("access log object", "Unit"),
    "user": pgettext_lazy("access log object", "User"),
}


def object_type_label(object_type: str) -> str:
    """The label of an access-log object type; an unknown type reads as words, not as a key."""
    label = OBJECT_TYPE_LABELS.get(object_type)
    if label is not None:
        return str(label)
    return object_type.replace("_", " ").replace("-", " ").capitalize()
