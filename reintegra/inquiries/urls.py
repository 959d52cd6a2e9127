from django.urls import path

from reintegra.inquiries import views

app_name = "inquiries"
urlpatterns = [
    # Public, no sign-in: the organisation's page for anonymous first contact.
    path("k/<slug:org_slug>/", views.public_ask, name="public"),
    path("k/<slug:org_slug>/gespraech/", views.public_thread, name="public_thread"),
    # Staff: the organisation's case managers and team leads.
    path("inquiries/", views.inbox, name="inbox"),
    path("inquiries/<uuid:inquiry_id>/", views.detail, name="detail"),
    path("inquiries/<uuid:inquiry_id>/reply/", views.reply, name="reply"),
    path("inquiries/<uuid:inquiry_id>/note/", views.note, name="note"),
    path("inquiries/<uuid:inquiry_id>/open-case/", views.open_case, name="open_case"),
]
