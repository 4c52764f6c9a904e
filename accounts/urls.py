"""Before django.contrib.auth.urls, so that these replace its password pages."""

from django.urls import path

from accounts import views

urlpatterns = [
    path("login/", views.Login.as_view(), name="login"),
    path("settings/", views.account_settings, name="account_settings"),
    path("language/", views.language_set, name="set_language"),
    path("signup/", views.signup, name="signup"),
    path("signup/sent/", views.signup_sent, name="signup_sent"),
    path("signup/<uidb64>/<token>/", views.signup_confirm, name="signup_confirm"),
    path("api-token/", views.api_token, name="api_token"),
    path("api-token/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("password_change/", views.PasswordChange.as_view(), name="password_change"),
    path("password_reset/", views.PasswordReset.as_view(), name="password_reset"),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
]
