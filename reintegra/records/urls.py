from django.urls import path

from reintegra.records import views

app_name = "records"
urlpatterns = [
    path("", views.client_search_view, name="search"),
    path("clients/<uuid:client_id>/export/", views.client_export_view, name="client_export"),
]
