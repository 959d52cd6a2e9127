from django.urls import path

from reintegra.retention.api import views

urlpatterns = [
    path("retention/due/", views.RetentionDueView.as_view(), name="retention-due"),
    path("retention/run/", views.RetentionRunView.as_view(), name="retention-run"),
    path("retention/holds/", views.LegalHoldListView.as_view(), name="retention-holds"),
    path("retention/erasures/", views.ErasureListView.as_view(), name="retention-erasures"),
    path("cases/<uuid:case_id>/legal-hold/", views.LegalHoldView.as_view(), name="case-legal-hold"),
    path("cases/<uuid:case_id>/erase/", views.CaseEraseView.as_view(), name="case-erase"),
]
