from django.urls import path

from reintegra.network.api.views import providers as views
from reintegra.network.api.views import referrals as referral_views

urlpatterns = [
    path("providers/", views.ProviderListView.as_view(), name="provider-list"),
    path("providers/<uuid:provider_id>/", views.ProviderDetailView.as_view(), name="provider-detail"),
    path("providers/<uuid:provider_id>/offers/", views.OfferListView.as_view(), name="provider-offer-list"),
    path(
        "providers/<uuid:provider_id>/offers/<uuid:offer_id>/",
        views.OfferDetailView.as_view(),
        name="provider-offer-detail",
    ),
    path("cases/<uuid:case_id>/referrals/", referral_views.ReferralListView.as_view(), name="case-referral-list"),
    path(
        "cases/<uuid:case_id>/referrals/<uuid:referral_id>/",
        referral_views.ReferralDetailView.as_view(),
        name="case-referral-detail",
    ),
    path(
        "cases/<uuid:case_id>/referrals/<uuid:referral_id>/letter/",
        referral_views.ReferralLetterView.as_view(),
        name="case-referral-letter",
    ),
    path(
        "cases/<uuid:case_id>/referrals/<uuid:referral_id>/transition/",
        referral_views.ReferralTransitionView.as_view(),
        name="case-referral-transition",
    ),
]
