"""Django admin (superusers): the rules as data. Employees and absences are left out on purpose:
HR data are read only through the logged screening pages."""

from django.contrib import admin

from reintegra.screening.models import ScreeningRule


@admin.register(ScreeningRule)
class ScreeningRuleAdmin(admin.ModelAdmin):
    list_display = ("key", "name", "organisation", "case_type_key", "counting_unit", "active")
    list_filter = ("organisation", "active", "counting_unit")
    fields = (
        "organisation", "key", "name", "case_type_key", "window_days", "counting_unit", "kinds",
        "total_days_over", "consecutive_days_min", "separate_absences_min", "active",
    )  # fmt: skip
