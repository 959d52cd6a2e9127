from django.urls import path

from reintegra.network.api import views

urlpatterns = [
    path("providers/", views.ProviderListView.as_view(), name="provider-list"),
    path("providers/<uuid:provider_id>/", views.ProviderDetailView.as_view(), name="provider-detail"),
    path("providers/<uuid:provider_id>/offers/", views.OfferListView.as_view(), name="provider-offer-list"),
    path(
        "providers/<uuid:provider_id>/offers/<uuid:offer_id>/",
        views.OfferDetailView.as_view(),
        name="provider-offer-detail",
    ),
]
