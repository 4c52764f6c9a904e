from django.urls import path

from benchmark import views

urlpatterns = [
    path("assessments/<int:pk>/benchmark/", views.benchmark, name="benchmark"),
    path(
        "assessments/<int:pk>/benchmark/contribute/",
        views.contribute,
        name="benchmark_contribute",
    ),
    path("assessments/<int:pk>/benchmark/withdraw/", views.withdraw, name="benchmark_withdraw"),
]
