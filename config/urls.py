from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from reintegra.core.views import language_set

urlpatterns = [
    path("i18n/setlang/", language_set, name="set_language"),
    path("accounts/", include("reintegra.accounts.urls")),
    path("access-log/", include("reintegra.audit.urls")),
    path("cases/", include("reintegra.cases.urls")),
    path("", include("reintegra.consents.urls")),
    path("cases/", include("reintegra.assessments.urls")),
    path("cases/", include("reintegra.plans.urls")),
    path("questionnaires/", include("reintegra.questionnaires.urls")),
    path("inbox/", include("reintegra.notifications.urls")),
    path("providers/", include("reintegra.network.urls")),
    path("introduce/", include("reintegra.introduce.urls")),
    path("", include("reintegra.monitoring.urls")),
    path("portal/", include("reintegra.portal.urls")),
    path("", include("reintegra.inquiries.urls")),
    path("screening/", include("reintegra.screening.urls")),
    path("data-protection/", include("reintegra.retention.urls")),
    path("staff/", include("reintegra.staff.urls")),
    path("records/", include("reintegra.records.urls")),
    path("insights/", include("reintegra.insights.urls")),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    path("", include("reintegra.core.urls")),
]

if settings.DEBUG:  # pragma: no cover - development only
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# The API answers in JSON even where no route matched (a malformed id in the path) or a view
# failed: never Django's HTML pages (#21 item 14).
handler404 = "reintegra.core.views.not_found"
handler500 = "reintegra.core.views.server_error"
