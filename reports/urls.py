from django.urls import path

from reports import inventory_views, views

urlpatterns = [
    path("assessments/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("assessments/<int:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("assessments/<int:pk>/export.csv", views.export_csv, name="export_csv"),
    path("assessments/<int:pk>/results/", views.results, name="results"),
    path(
        "assessments/<int:pk>/inventory/ml-solutions.<str:extension>",
        inventory_views.inventory_export,
        name="inventory_export",
    ),
    path(
        "assessments/<int:pk>/inventory/import/",
        inventory_views.inventory_import,
        name="inventory_import",
    ),
    path("assessments/<int:pk>/roadmap/", views.roadmap, name="roadmap"),
    path("assessments/<int:pk>/roadmap.csv", views.roadmap_csv, name="roadmap_csv"),
    path("assessments/<int:pk>/roadmap.ics", views.roadmap_ics, name="roadmap_ics"),
    path(
        "assessments/<int:pk>/roadmap/settings/",
        views.roadmap_settings,
        name="roadmap_settings",
    ),
    path(
        "assessments/<int:pk>/roadmap/regenerate/",
        views.roadmap_regenerate,
        name="roadmap_regenerate",
    ),
    path(
        "assessments/<int:pk>/roadmap/items/<code:code>/",
        views.roadmap_entry_edit,
        name="roadmap_entry_edit",
    ),
]
