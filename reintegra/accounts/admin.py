from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from reintegra.accounts.models import Membership, Organisation, Unit, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fk_name = "user"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("organisation", "is_active")
    fieldsets = (*BaseUserAdmin.fieldsets, ("Reintegra", {"fields": ("organisation", "is_demo")}))  # type: ignore[misc]
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "currency", "case_managers_see_unit", "require_second_factor")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation")
    list_filter = ("organisation",)
