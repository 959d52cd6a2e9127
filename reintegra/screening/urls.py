from django.urls import path

from reintegra.screening import views

app_name = "screening"
urlpatterns = [
    path("", views.screening_list_view, name="list"),
    path("refresh/", views.screening_refresh_view, name="refresh"),
    path("employees/<uuid:employee_id>/", views.employee_view, name="employee"),
    path("employees/<uuid:employee_id>/invite/", views.invite_view, name="invite"),
    path("invitations/", views.invitations_view, name="invitations"),
    path("invitations/<uuid:invitation_id>/", views.invitation_view, name="invitation"),
    path("invitations/<uuid:invitation_id>/respond/", views.respond_view, name="respond"),
    path("invitations/<uuid:invitation_id>/letter.pdf", views.letter_view, name="letter"),
    path("import/", views.import_view, name="import"),
    path("import/<uuid:job_id>/", views.import_job_view, name="import_job"),
    path("import/<uuid:job_id>/start/", views.import_start_view, name="import_start"),
    path("import/<uuid:job_id>/progress/", views.import_progress_view, name="import_progress"),
    path("rules/", views.rules_view, name="rules"),
    path("rules/new/", views.rule_new_view, name="rule_new"),
    path("rules/<uuid:rule_id>/", views.rule_edit_view, name="rule_edit"),
    path("mappings/", views.mappings_view, name="mappings"),
    path("works-council.csv", views.works_council_csv_view, name="works_council_csv"),
    path("works-council.pdf", views.works_council_pdf_view, name="works_council_pdf"),
]
