from django.urls import path

from capabilities import views

urlpatterns = [
    path("", views.framework_list, name="framework_list"),
    path("<slug:slug>/<int:version>/", views.framework_detail, name="framework_detail"),
]
