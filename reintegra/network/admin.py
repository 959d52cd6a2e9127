from django.contrib import admin

from reintegra.network.models import Offer, Provider


class OfferInline(admin.TabularInline):
    model = Offer
    extra = 0
    fields = ("title", "price", "unit", "cost_note")


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "region", "organisation", "active")
    list_filter = ("organisation", "category", "active")
    search_fields = ("name", "region", "description")
    inlines = [OfferInline]
