from django.urls import path

from reintegra.network.views import providers as views
from reintegra.network.views import referrals as referral_views

app_name = "network"
urlpatterns = [
    path("", views.provider_list, name="provider_list"),
    path("new/", views.provider_create, name="provider_create"),
    path("<uuid:provider_id>/", views.provider_detail, name="provider_detail"),
    path("<uuid:provider_id>/edit/", views.provider_edit, name="provider_edit"),
    path("<uuid:provider_id>/offers/new/", views.offer_create, name="offer_create"),
    path("<uuid:provider_id>/offers/<uuid:offer_id>/edit/", views.offer_edit, name="offer_edit"),
    path("<uuid:provider_id>/offers/<uuid:offer_id>/delete/", views.offer_delete, name="offer_delete"),
    path("cases/<uuid:case_id>/referrals/", referral_views.case_referrals, name="case_referrals"),
    path(
        "cases/<uuid:case_id>/referrals/<uuid:referral_id>/step/",
        referral_views.referral_step,
        name="referral_step",
    ),
    path(
        "cases/<uuid:case_id>/referrals/<uuid:referral_id>/letter.pdf",
        referral_views.referral_letter,
        name="referral_letter",
    ),
    path(
        "cases/<uuid:case_id>/referrals/<uuid:referral_id>/cancel/",
        referral_views.referral_cancel,
        name="referral_cancel",
    ),
]
