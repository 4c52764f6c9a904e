from django.urls import path

from reports import views

urlpatterns = [
    path("assessments/<int:pk>/results/", views.results, name="results"),
    path("assessments/<int:pk>/roadmap/", views.roadmap, name="roadmap"),
    path(
        "assessments/<int:pk>/roadmap/regenerate/",
        views.roadmap_regenerate,
        name="roadmap_regenerate",
    ),
    path(
        "assessments/<int:pk>/roadmap/items/<str:code>/",
        views.roadmap_entry_edit,
        name="roadmap_entry_edit",
    ),
]
