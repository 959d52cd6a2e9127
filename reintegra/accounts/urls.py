from django.urls import path

from reintegra.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("second-factor/", views.otp_verify_view, name="otp_verify"),
    path("second-factor/setup/", views.otp_setup_view, name="otp_setup"),
    path("api-token/", views.api_token_view, name="api_token"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
]
