"""Contributions for administrators: how many per framework version, and
excluding one (a test, say) from every figure. The stored numbers are the
owner's decision to share and are never edited here."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from benchmark import services
from benchmark.models import Contribution


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = (
        "assessment",
        "organisation",
        "framework",
        "level",
        "profile_score",
        "contributed_at",
        "excluded",
    )
    list_filter = ("framework", "excluded")
    list_select_related = ("assessment", "organisation", "framework")
    search_fields = ("organisation__name", "assessment__title")
    actions = ("exclude_from_benchmark", "include_in_benchmark")
    fields = (
        "assessment",
        "organisation",
        "framework",
        "contributed_at",
        "scored_at",
        "level",
        "profile_score",
        "excluded",
    )
    readonly_fields = tuple(f for f in fields if f != "excluded")

    def has_add_permission(self, request):
        return False  # only an owner opts in, from the benchmark page

    def changelist_view(self, request, extra_context=None):
        per_version = (
            Contribution.objects.values("framework__name", "framework__version")
            .annotate(
                contributing=Count("pk", filter=Q(excluded=False)),
                excluded_count=Count("pk", filter=Q(excluded=True)),
            )
            .order_by("framework__name", "framework__version")
        )
        return super().changelist_view(
            request, {**(extra_context or {}), "per_version": per_version}
        )

    @admin.action(description=_("Exclude the selected contributions from the benchmark"))
    def exclude_from_benchmark(self, request, queryset):
        count = services.contributions_set_excluded(contributions=queryset, excluded=True)
        self.message_user(
            request,
            ngettext("%d contribution excluded.", "%d contributions excluded.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Include the selected contributions again"))
    def include_in_benchmark(self, request, queryset):
        count = services.contributions_set_excluded(contributions=queryset, excluded=False)
        self.message_user(
            request,
            ngettext("%d contribution included.", "%d contributions included.", count) % count,
            messages.SUCCESS,
        )
