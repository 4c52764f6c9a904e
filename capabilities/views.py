from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from capabilities.models import Framework
from capabilities.selectors import framework_document


def _visible_frameworks(user):
    """Published versions for everyone; drafts only for staff who edit them."""
    frameworks = Framework.objects.all()
    if not user.is_staff:
        frameworks = frameworks.filter(status=Framework.Status.PUBLISHED)
    return frameworks


@require_GET
def framework_list(request):
    frameworks = _visible_frameworks(request.user).order_by("slug", "-version")
    return render(request, "capabilities/framework_list.html", {"frameworks": frameworks})


@require_GET
def framework_detail(request, slug: str, version: int):
    framework = _visible_frameworks(request.user).filter(slug=slug, version=version).first()
    if framework is None:
        raise Http404
    document = framework_document(framework)
    return render(
        request,
        "capabilities/framework_detail.html",
        {
            "framework": framework,
            "document": document,
            "question_count": sum(len(s["questions"]) for s in document["sections"]),
        },
    )
