from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from config.views import healthz

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="framework_list"), name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("frameworks/", include("capabilities.urls")),
]
