from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connect the sign-in receivers.
        from accounts import languages, time_zones  # noqa: F401
