from django.contrib import admin

from reintegra.notifications.models import Notification, Reminder


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "kind", "subject", "email_status", "read_at")
    list_filter = ("kind", "email_status", "in_app")
    search_fields = ("dedupe_key", "recipient__username")
    raw_id_fields = ("recipient", "case")
    readonly_fields = ("created_at", "updated_at", "emailed_at", "read_at", "dedupe_key")


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("due_at", "recipient", "kind", "state", "attempts", "sent_at")
    list_filter = ("kind", "state")
    search_fields = ("dedupe_key", "recipient__username")
    raw_id_fields = ("recipient", "case")
    readonly_fields = ("created_at", "updated_at", "claimed_at", "sent_at", "attempts", "dedupe_key")
