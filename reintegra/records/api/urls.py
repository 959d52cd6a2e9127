from django.urls import path

from reintegra.records.api import views

urlpatterns = [
    path("clients/<uuid:client_id>/export/", views.ClientExportView.as_view(), name="client-export"),
    path("cases/<uuid:case_id>/fhir/", views.CaseFhirView.as_view(), name="case-fhir"),
]
