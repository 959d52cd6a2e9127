from django.urls import path

from reintegra.consents.api import views

urlpatterns = [
    path("cases/<uuid:case_id>/consents/", views.ConsentListView.as_view(), name="consent-list"),
    path(
        "cases/<uuid:case_id>/consents/<uuid:consent_id>/withdraw/",
        views.ConsentWithdrawView.as_view(),
        name="consent-withdraw",
    ),
    path(
        "cases/<uuid:case_id>/consents/<uuid:consent_id>/scan/",
        views.ConsentScanView.as_view(),
        name="consent-scan",
    ),
]
