"""API routes of the introduce app, all below /api/v1/introduce/."""

from django.urls import path

from reintegra.introduce.api.views import office_hours as oh
from reintegra.introduce.api.views import playbook as pb
from reintegra.introduce.api.views import project as pr

P = "introduce/projects/<uuid:project_pk>"

urlpatterns = [
    path("introduce/projects/", pr.ProjectList.as_view(), name="introduce-projects"),
    path("introduce/projects/<uuid:pk>/", pr.ProjectDetail.as_view(), name="introduce-project"),
    path(f"{P}/stakeholders/", pr.StakeholderList.as_view(), name="introduce-stakeholders"),
    path("introduce/stakeholders/<uuid:pk>/", pr.StakeholderDetail.as_view(), name="introduce-stakeholder"),
    path(f"{P}/resources/", pr.ResourceList.as_view(), name="introduce-resources"),
    path("introduce/resources/<uuid:pk>/", pr.ResourceDetail.as_view(), name="introduce-resource"),
    path(f"{P}/soar-items/", pr.SoarItemList.as_view(), name="introduce-soar-items"),
    path(f"{P}/soar.csv", pr.SoarCSV.as_view(), name="introduce-soar-csv"),
    path(f"{P}/soar.pdf", pr.SoarPDF.as_view(), name="introduce-soar-pdf"),
    path("introduce/soar-items/<uuid:pk>/", pr.SoarItemDetail.as_view(), name="introduce-soar-item"),
    path("introduce/soar-items/<uuid:pk>/vote/", pr.SoarVoteToggle.as_view(), name="introduce-soar-vote"),
    path(f"{P}/interview-questions/", pr.QuestionList.as_view(), name="introduce-questions"),
    path("introduce/interview-questions/<uuid:pk>/", pr.QuestionDetail.as_view(), name="introduce-question"),
    path(f"{P}/interviews/", pr.InterviewList.as_view(), name="introduce-interviews"),
    path("introduce/interviews/<uuid:pk>/", pr.InterviewDetail.as_view(), name="introduce-interview"),
    path(f"{P}/statements/", pr.StatementList.as_view(), name="introduce-statements"),
    path("introduce/statements/<uuid:pk>/", pr.StatementDetail.as_view(), name="introduce-statement"),
    path(f"{P}/actions/", pr.ActionList.as_view(), name="introduce-actions"),
    path("introduce/actions/<uuid:pk>/", pr.ActionDetail.as_view(), name="introduce-action"),
    path("introduce/raci-rows/", pb.RaciRowList.as_view(), name="introduce-raci-rows"),
    path("introduce/raci-rows/<uuid:pk>/", pb.RaciRowDetail.as_view(), name="introduce-raci-row"),
    path("introduce/rules/", pb.RuleList.as_view(), name="introduce-rules"),
    path("introduce/rules/<uuid:pk>/", pb.RuleDetail.as_view(), name="introduce-rule"),
    path("introduce/templates/", pb.TemplateList.as_view(), name="introduce-templates"),
    path("introduce/templates/<uuid:pk>/", pb.TemplateDetail.as_view(), name="introduce-template"),
    path("introduce/templates/<uuid:pk>/preview.pdf", pb.TemplatePreview.as_view(), name="introduce-template-preview"),
    path("introduce/placeholders/", pb.PlaceholderList.as_view(), name="introduce-placeholders"),
    path("introduce/playbook.pdf", pb.PlaybookPDF.as_view(), name="introduce-playbook-pdf"),
    path("introduce/knowledge-pages/", pb.KnowledgePageList.as_view(), name="introduce-knowledge-pages"),
    path("introduce/knowledge-pages/<uuid:pk>/", pb.KnowledgePageDetail.as_view(), name="introduce-knowledge-page"),
    path("introduce/office-hours/", oh.SessionList.as_view(), name="introduce-sessions"),
    path("introduce/office-hours/<uuid:pk>/", oh.SessionDetail.as_view(), name="introduce-session"),
    path("introduce/office-hours/<uuid:pk>/signups/", oh.SignupList.as_view(), name="introduce-signups"),
    path("introduce/office-hours/<uuid:pk>/sign-up/", oh.SignupCreate.as_view(), name="introduce-sign-up"),
    path("introduce/office-hours/cancel/", oh.SignupCancel.as_view(), name="introduce-cancel"),
    path("introduce/office-hours/confirm/", oh.SignupConfirm.as_view(), name="introduce-confirm"),
]
