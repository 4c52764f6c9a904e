"""Support views for staff. Answers are changed only through the questionnaire
(which keeps their history), so they are read-only here."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models import Answer, Assessment, Invitation, Membership, Organisation, Response


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


class NamedBlankFilter(admin.AllValuesFieldListFilter):
    """Lists a blank value as "(blank)": as an empty link it would have no
    name for anyone to read or click."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == "":
                choice = {**choice, "display": _("(blank)")}
            yield choice


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "region", "kind", "size", "structure_code", "created_at")
    list_filter = ("kind", "size", "region", ("structure_code", NamedBlankFilter))
    search_fields = ("name", "country")
    ordering = ("name",)
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "organisation", "role", "created_at", "expires_at", "accepted_at")
    list_filter = ("role",)
    search_fields = ("email", "organisation__name")
    ordering = ("-created_at",)
    readonly_fields = ("token", "accepted_at", "accepted_by", "invited_by")


class ResponseInline(admin.TabularInline):
    model = Response
    extra = 0
    fields = ("respondent", "perspective", "submitted_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "framework", "status", "created_at", "completed_at")
    list_filter = ("status", "framework")
    search_fields = ("title", "organisation__name")
    ordering = ("-created_at",)
    list_select_related = ("organisation", "framework")
    readonly_fields = ("organisation", "framework", "previous", "created_by", "completed_at")
    inlines = [ResponseInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ("question", "response", "current", "target", "not_applicable", "dont_know")
    list_filter = ("response__assessment__organisation", "carried_over")
    search_fields = ("question__code", "comment", "response__respondent__username")
    list_select_related = ("question", "response__respondent", "response__assessment")
    ordering = ("response", "question__position")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
