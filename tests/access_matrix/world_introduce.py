"""The organisation's introduction project and playbook objects for the matrix, keyed by the routes that show them."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from reintegra.accounts.models import User


def introduce_objects(kwargs: dict[str, Any], org: Any, admin: User) -> dict[str, dict[str, Any]]:
    """The organisation's introduction project and playbook objects, keyed by the routes that show them."""
    from reintegra.introduce import models as m
    from reintegra.introduce.services.office_hours import confirm_token, signup_token

    project = m.ImplementationProject.objects.create(organisation=org, title="Einführung CM")
    stakeholder = m.Stakeholder.objects.create(project=project, name="HR", level="management", status="on_board")
    resource = m.ResourceEntry.objects.create(project=project, kind="structure", title="Coach", phase="intake")
    soar = m.SoarItem.objects.create(project=project, quadrant="strengths", text="Erfahrung")
    question = m.InterviewQuestion.objects.create(project=project, text="Was läuft gut?")
    interview = m.Interview.objects.create(project=project, interviewee="Team Basel", conducted_on=timezone.localdate())
    statement = m.Statement.objects.create(project=project, kind="vision", title="Alle zurück")
    action = m.ActionItem.objects.create(project=project, title="Schulung")
    raci = m.RaciRow.objects.create(
        organisation=org, phase="intake", activity="Erstgespräch", assignments={"case_manager": "A"}
    )
    template = m.DocumentTemplate.objects.create(
        organisation=org, kind="message", title="Einladung", body="Hallo {{client_name}}"
    )
    rule = m.CommunicationRule.objects.create(
        organisation=org, event="case_admitted", recipient="case_manager", channel="in_app", template=template
    )
    page = m.KnowledgePage.objects.create(organisation=org, title="FAQ", body="Text")
    session = m.OfficeHourSession.objects.create(
        organisation=org,
        title="Sprechstunde",
        capacity=10,
        duration_minutes=60,
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    signup = m.OfficeHourSignup.objects.create(session=session, email="x@example.org", name="X")
    for obj in (
        project,
        stakeholder,
        resource,
        soar,
        question,
        interview,
        statement,
        action,
        raci,
        template,
        rule,
        page,
        session,
        signup,
    ):
        obj.full_clean()
    kwargs["project_pk"] = str(project.pk)
    by_route = {
        "project": project,
        "project_edit": project,
        "soar": project,
        "soar_csv": project,
        "soar_pdf": project,
        "resources": project,
        "inquiry": project,
        "soar_vote": soar,
        "interview": interview,
        "template": template,
        "template_preview": template,
        "knowledge_page": page,
        "session": session,
        "public_session": session,
        "public_signed_up": session,
        "stakeholders": stakeholder,
        "resources_": resource,
        "soar-items": soar,
        "questions": question,
        "interviews": interview,
        "statements": statement,
        "actions": action,
        "raci": raci,
        "rules": rule,
        "templates": template,
        "knowledge": page,
        "office-hours": session,
    }
    api_by_route = {
        "introduce-project": project,
        "introduce-stakeholder": stakeholder,
        "introduce-resource": resource,
        "introduce-soar-item": soar,
        "introduce-soar-vote": soar,
        "introduce-question": question,
        "introduce-interview": interview,
        "introduce-statement": statement,
        "introduce-action": action,
        "introduce-raci-row": raci,
        "introduce-rule": rule,
        "introduce-template": template,
        "introduce-template-preview": template,
        "introduce-knowledge-page": page,
        "introduce-session": session,
        "introduce-signups": session,
        "introduce-sign-up": session,
    }
    routes: dict[str, dict[str, Any]] = {}
    for name, obj in by_route.items():
        if name in (
            "stakeholders",
            "resources_",
            "soar-items",
            "questions",
            "interviews",
            "statements",
            "actions",
            "raci",
            "rules",
            "templates",
            "knowledge",
            "office-hours",
        ):
            prefix = name.rstrip("_")
            for suffix in ("edit", "delete"):
                routes[f"introduce:{prefix}_{suffix}"] = {"pk": str(obj.pk)}
        else:
            routes[f"introduce:{name}"] = {"pk": str(obj.pk)}
    for name, obj in api_by_route.items():
        routes[f"api:{name}"] = {"pk": str(obj.pk)}
    routes["introduce:office_hours_cancel"] = {"token": signup_token(signup)}
    routes["introduce:office_hours_confirm"] = {"token": confirm_token(signup)}
    routes["introduce:case_document"] = {"pk": str(template.pk)}
    return routes
