from django.urls import path

from reintegra.accounts.api import views

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    path("auth/logout/", views.TokenRevokeView.as_view(), name="auth-logout"),
    path("auth/logout-all/", views.TokenRevokeView.as_view(everywhere=True), name="auth-logout-all"),
    path("me/", views.MeView.as_view(), name="me"),
]
