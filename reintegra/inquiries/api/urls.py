from django.urls import path

from reintegra.inquiries.api import views

urlpatterns = [
    path("public/<slug:org_slug>/inquiries/", views.PublicInquiryCreateView.as_view(), name="public-inquiry-create"),
    path("public/inquiries/<str:code>/", views.PublicThreadView.as_view(), name="public-inquiry"),
    path(
        "public/inquiries/<str:code>/messages/",
        views.PublicMessageCreateView.as_view(),
        name="public-inquiry-messages",
    ),
    path(
        "public/inquiries/<str:code>/identify/",
        views.PublicIdentifyView.as_view(),
        name="public-inquiry-identify",
    ),
    path("inquiries/", views.InquiryListView.as_view(), name="inquiry-list"),
    path("inquiries/<uuid:inquiry_id>/", views.InquiryDetailView.as_view(), name="inquiry-detail"),
    path("inquiries/<uuid:inquiry_id>/reply/", views.InquiryReplyView.as_view(), name="inquiry-reply"),
    path("inquiries/<uuid:inquiry_id>/open-case/", views.InquiryOpenCaseView.as_view(), name="inquiry-open-case"),
]
