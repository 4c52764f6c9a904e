from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CapabilitiesConfig(AppConfig):
    name = "capabilities"
    verbose_name = _("Framework")

    def ready(self) -> None:
        from capabilities.guards import install_translation

        # Only installs the error translation; the freeze is in the database.
        connection_created.connect(install_translation, dispatch_uid="capabilities.freeze")
