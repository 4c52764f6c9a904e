from django.contrib import admin
from django.urls import include, path, register_converter

from capabilities.converters import CodeConverter
from config.views import healthz

register_converter(CodeConverter, "code")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/", include("config.api_urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("frameworks/", include("capabilities.urls")),
    path("", include("assessment.urls")),
    path("", include("reports.urls")),
    path("", include("benchmark.urls")),
]
