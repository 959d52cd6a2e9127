"""Enumerations shared by the models, services and both skins of the app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CyclePhase(models.TextChoices):
    """The five phases of the case cycle (keys as in API.md)."""

    INTAKE = "intake", _("Intake")
    ASSESSMENT = "assessment", _("Assessment")
    PLANNING = "planning", _("Goals and plan")
    MONITORING = "monitoring", _("Implementation and monitoring")
    EVALUATION = "evaluation", _("Evaluation and closure")


class Party(models.TextChoices):
    """Who can hold a responsibility or receive a message: a staff role or a participant role."""

    CASE_MANAGER = "case_manager", _("Case manager")
    TEAM_LEAD = "team_lead", _("Team lead")
    ORG_ADMIN = "org_admin", _("Organisation admin")
    DATA_PROTECTION = "data_protection", _("Data protection")
    CLIENT = "client", _("Client")
    EMPLOYER_CONTACT = "employer_contact", _("Employer contact")
    PHYSICIAN = "physician", _("Physician")
    COMPANY_DOCTOR = "company_doctor", _("Company doctor")
    INSURER = "insurer", _("Insurer")
    WORKS_COUNCIL = "works_council", _("Works council or disability representative")
    PROVIDER = "provider", _("Service provider")


# The consent purpose a case must hold actively before anything about it may go to a
# recipient outside the case team (API.md, "Who sees what"). Staff and the client
# themselves need none.
CONSENT_PURPOSE_FOR_PARTY: dict[str, str | None] = {
    Party.CASE_MANAGER: None,
    Party.TEAM_LEAD: None,
    Party.ORG_ADMIN: None,
    Party.DATA_PROTECTION: None,
    Party.CLIENT: None,
    Party.EMPLOYER_CONTACT: "share_with_employer",
    Party.PHYSICIAN: "share_with_physician",
    Party.COMPANY_DOCTOR: "share_with_physician",
    Party.INSURER: "share_with_insurer",
    Party.WORKS_COUNCIL: "share_with_works_council",
    Party.PROVIDER: "share_with_provider",
}


class Raci(models.TextChoices):
    """Responsible, Accountable, Consulted, Informed."""

    RESPONSIBLE = "R", _("Responsible")
    ACCOUNTABLE = "A", _("Accountable")
    CONSULTED = "C", _("Consulted")
    INFORMED = "I", _("Informed")


class Event(models.TextChoices):
    """Moments in a case that a communication rule can react to."""

    CASE_ADMITTED = "case_admitted", _("Case admitted")
    PLAN_AGREED = "plan_agreed", _("Plan agreed")
    MEASURE_OVERDUE = "measure_overdue", _("Measure overdue")
    CASE_CLOSED = "case_closed", _("Case closed")
    REVIEW_DUE = "review_due", _("Review due")
    CONSENT_EXPIRING = "consent_expiring", _("Consent expiring")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In the app")
    EMAIL = "email", _("E-mail")


class TemplateKind(models.TextChoices):
    MESSAGE = "message", _("Message")
    LETTER = "letter", _("Letter")
    BEM_INVITATION = "bem_invitation", _("BEM invitation")
    CLIENT_INFORMATION = "client_information", _("Client information sheet")


class Language(models.TextChoices):
    DE = "de", _("German")
    EN = "en", _("English")


class Scope(models.TextChoices):
    """How far the introduction of case management goes."""

    PILOT = "pilot", _("Pilot in one team")
    SELECTED_UNITS = "selected_units", _("Selected units")
    WHOLE_ORGANISATION = "whole_organisation", _("Whole organisation")


class Level(models.TextChoices):
    """Organisational level of a stakeholder."""

    MANAGEMENT = "management", _("Management")
    MIDDLE = "middle", _("Middle management")
    OPERATIONAL = "operational", _("Operational staff")
    EXTERNAL = "external", _("External partners")


class StakeholderStatus(models.TextChoices):
    ON_BOARD = "on_board", _("Already taking part")
    NEEDED = "needed", _("Still needed")


class Quadrant(models.TextChoices):
    STRENGTHS = "strengths", _("Strengths")
    OPPORTUNITIES = "opportunities", _("Opportunities")
    ASPIRATIONS = "aspirations", _("Aspirations")
    RESULTS = "results", _("Results")


class ResourceKind(models.TextChoices):
    STRUCTURE = "structure", _("Structure")
    PROCESS = "process", _("Process")
    METHOD = "method", _("Method")


class Stage(models.TextChoices):
    """The four stages of Appreciative Inquiry (4-D cycle)."""

    DISCOVERY = "discovery", _("Discovery")
    DREAM = "dream", _("Dream")
    DESIGN = "design", _("Design")
    DESTINY = "destiny", _("Destiny")


class StatementKind(models.TextChoices):
    """What the Dream and Design stages produce."""

    VISION = "vision", _("Vision")
    PRINCIPLE = "principle", _("Principle")
    FUTURE_PICTURE = "future_picture", _("Future picture")


STAGE_OF_STATEMENT = {
    StatementKind.VISION: Stage.DREAM,
    StatementKind.PRINCIPLE: Stage.DESIGN,
    StatementKind.FUTURE_PICTURE: Stage.DESIGN,
}


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class StageStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
