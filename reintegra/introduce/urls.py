"""UI routes of the introduce app, mounted at /introduce/."""

from django.urls import path

from reintegra.introduce.views import case_documents, crud, office_hours, playbook, project
from reintegra.introduce.views.crud import ENTITIES

app_name = "introduce"

urlpatterns = [
    path("", project.index, name="index"),
    path("projects/new/", project.project_create, name="project_new"),
    path("projects/<uuid:pk>/", project.project_detail, name="project"),
    path("projects/<uuid:pk>/edit/", project.project_edit, name="project_edit"),
    path("projects/<uuid:pk>/soar/", project.soar, name="soar"),
    path("projects/<uuid:pk>/soar.csv", project.soar_export, {"fmt": "csv"}, name="soar_csv"),
    path("projects/<uuid:pk>/soar.pdf", project.soar_export, {"fmt": "pdf"}, name="soar_pdf"),
    path("soar-items/<uuid:pk>/vote/", project.soar_vote, name="soar_vote"),
    path("projects/<uuid:pk>/resources/", project.resources, name="resources"),
    path("projects/<uuid:pk>/4d/", project.inquiry, name="inquiry"),
    path("interviews/<uuid:pk>/", project.interview_detail, name="interview"),
    path("playbook/", playbook.playbook, name="playbook"),
    path("playbook.pdf", playbook.playbook_pdf, name="playbook_pdf"),
    path("templates/<uuid:pk>/", playbook.template_detail, name="template"),
    path("templates/<uuid:pk>/preview.pdf", playbook.template_preview, name="template_preview"),
    path("cases/<uuid:case_id>/documents/", case_documents.case_documents, name="case_documents"),
    path("cases/<uuid:case_id>/documents/<uuid:pk>.pdf", case_documents.case_document, name="case_document"),
    path("knowledge/", playbook.knowledge, name="knowledge"),
    path("knowledge/<uuid:pk>/", playbook.knowledge_page, name="knowledge_page"),
    path("office-hours/", office_hours.office_hours, name="office_hours"),
    path("office-hours/<uuid:pk>/", office_hours.session_detail, name="session"),
    # Public: no account needed.
    path("sprechstunde/o/<uuid:organisation_pk>/", office_hours.public_sessions, name="public_sessions"),
    path("sprechstunde/<uuid:pk>/", office_hours.public_session, name="public_session"),
    path("sprechstunde/<uuid:pk>/angemeldet/", office_hours.public_signed_up, name="public_signed_up"),
    path("sprechstunde/abmelden/<str:token>/", office_hours.public_cancel, name="office_hours_cancel"),
    path("sprechstunde/bestaetigen/<str:token>/", office_hours.public_confirm, name="office_hours_confirm"),
]

# Create, edit and delete pages of every entity, from one registry.
for key, entity in ENTITIES.items():
    new = f"projects/<uuid:project_pk>/{key}/new/" if entity.under_project else f"{key}/new/"
    urlpatterns += [
        path(new, crud.entity_create, {"key": key}, name=f"{key}_new"),
        path(f"{key}/<uuid:pk>/edit/", crud.entity_edit, {"key": key}, name=f"{key}_edit"),
        path(f"{key}/<uuid:pk>/delete/", crud.entity_delete, {"key": key}, name=f"{key}_delete"),
    ]
