"""Admin for questionnaire definitions. Responses are case data: they are read only through the
case pages and API, where every read is logged, so they are not in the admin."""

from django.contrib import admin

from reintegra.questionnaires.models import Band, Item, Option, Questionnaire


class ItemInline(admin.TabularInline):
    model = Item
    extra = 0
    fields = ("order", "key", "kind", "required", "text")
    show_change_link = True


class BandInline(admin.TabularInline):
    model = Band
    extra = 0
    fields = ("key", "label", "min_score", "max_score", "action")


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0
    fields = ("order", "label", "value")


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "organisation", "phase", "active")
    list_filter = ("active", "phase")
    search_fields = ("name", "key")
    inlines = [ItemInline, BandInline]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ("key", "questionnaire", "order", "kind", "required")
    list_filter = ("kind",)
    inlines = [OptionInline]
