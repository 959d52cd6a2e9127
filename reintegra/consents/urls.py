from django.urls import path

from reintegra.consents import views

app_name = "consents"
urlpatterns = [
    path("cases/<uuid:case_id>/consents/new/", views.consent_new_view, name="new"),
    path("cases/<uuid:case_id>/consents/<uuid:consent_id>/withdraw/", views.consent_withdraw_view, name="withdraw"),
    path("cases/<uuid:case_id>/consents/<uuid:consent_id>/scan/", views.consent_scan_view, name="scan"),
]
