from django.urls import path

from reintegra.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.insights_index_view, name="index"),
    path("export.csv", views.insights_export_view, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.insights_export_view, {"fmt": "xlsx"}, name="export_xlsx"),
    path("export.pdf", views.insights_export_view, {"fmt": "pdf"}, name="export_pdf"),
]
