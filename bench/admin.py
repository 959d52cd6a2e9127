"""The admin peer: a plain ModelAdmin for Case, registered only where the bench app is installed.

The product registers no Case admin (case data is read through the case pages and the
API, which log every read). The benchmark compares the case list with what Django's
admin changelist costs over the same data, page size (25) and filter (status).
"""

from django.contrib import admin

from reintegra.cases.models import Case


@admin.register(Case)
class BenchCaseAdmin(admin.ModelAdmin):
    list_display = ("reference", "client", "case_type", "case_manager", "status", "opened_on")
    list_filter = ("status",)
    list_per_page = 25
    list_select_related = ("client", "case_type", "case_manager")
    search_fields = ("reference", "client__last_name", "client__first_name")
    ordering = ("-created_at", "-id")
