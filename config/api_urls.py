"""The REST API under /api/ (see README, "API"); the schema at /api/schema/."""

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from assessment import api as assessment_api
from assessment import api_inventory
from benchmark import api as benchmark_api
from capabilities import api as capabilities_api
from reports import api as reports_api


@csrf_exempt  # it changes nothing; a CSRF failure page would hide the 404
def not_found(request):
    """Any other /api/.../ address: a JSON 404 like the API's own, not an HTML page."""
    return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)


urlpatterns = [
    path("token/", assessment_api.TokenObtain.as_view(), name="api_token"),
    path("frameworks/", capabilities_api.FrameworkList.as_view(), name="api_framework_list"),
    path(
        "frameworks/<slug:slug>/<int:version>/",
        capabilities_api.FrameworkDetail.as_view(),
        name="api_framework_detail",
    ),
    path(
        "organisations/",
        assessment_api.OrganisationList.as_view(),
        name="api_organisation_list",
    ),
    path("assessments/", assessment_api.AssessmentList.as_view(), name="api_assessment_list"),
    path(
        "assessments/<int:pk>/",
        assessment_api.AssessmentDetail.as_view(),
        name="api_assessment_detail",
    ),
    path(
        "assessments/<int:pk>/answers/",
        assessment_api.AnswerList.as_view(),
        name="api_answer_list",
    ),
    path(
        "assessments/<int:pk>/answers/<code:code>/",
        assessment_api.AnswerDetail.as_view(),
        name="api_answer_detail",
    ),
    path(
        "assessments/<int:pk>/submit/",
        assessment_api.ResponseSubmit.as_view(),
        name="api_response_submit",
    ),
    path(
        "assessments/<int:pk>/inventory/",
        api_inventory.InventoryDetail.as_view(),
        name="api_inventory",
    ),
    path(
        "assessments/<int:pk>/inventory/solutions/",
        api_inventory.SolutionList.as_view(),
        name="api_inventory_solutions",
    ),
    path(
        "assessments/<int:pk>/inventory/components/",
        api_inventory.ComponentList.as_view(),
        name="api_inventory_components",
    ),
    path(
        "assessments/<int:pk>/inventory/roles/",
        api_inventory.RoleList.as_view(),
        name="api_inventory_roles",
    ),
    path("assessments/<int:pk>/results/", reports_api.ResultsDetail.as_view(), name="api_results"),
    path(
        "assessments/<int:pk>/roadmap/",
        reports_api.RoadmapDetail.as_view(),
        name="api_roadmap",
    ),
    path(
        "assessments/<int:pk>/benchmark/",
        benchmark_api.BenchmarkDetail.as_view(),
        name="api_benchmark",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # The split view serves Swagger UI's start-up script from its own address
    # (?script), not inline, as the Content-Security-Policy requires.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    # Last, and only for addresses ending in "/", so that APPEND_SLASH still
    # redirects /api/assessments to /api/assessments/.
    re_path(r"^[\s\S]*/$", not_found),
]
