"""Framework editing in Django admin.

Published versions are shown read-only; drafts are edited here and frozen by
the "publish" action. Showing them read-only is for the editor's sake: the
freeze itself is in the database (capabilities/guards.py), and a change it
refuses (say a version published while its page was open) comes back as a
message on the page, not an error page. Every form keeps its choices inside one framework
version, and refuses a capability dependency cycle with the cycle named.

Every text is edited in each language side by side (django-modeltranslation's
admin: "Name [en]", "Name [fr]"); the framework list and page say which
texts still lack a translation.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from capabilities.document import DocumentError, document_dump, document_missing_translations
from capabilities.graph import describe_cycle, find_cycle
from capabilities.guards import PublishedFrameworkError
from capabilities.models import (
    Capability,
    Component,
    DeliverableType,
    FocusArea,
    Framework,
    Level,
    LevelCriterion,
    LevelDescriptor,
    OrganisationalStructure,
    Principle,
    ProcessPhase,
    ProcessSubprocess,
    Question,
    Role,
    Section,
    StructureOwner,
)
from capabilities.selectors import framework_document
from capabilities.services import framework_copy_as_draft, framework_publish

# ---------------------------------------------------------------- helpers


def framework_of(obj) -> Framework | None:
    if obj is None:
        return None
    if isinstance(obj, Framework):
        return obj
    if isinstance(obj, StructureOwner):
        return obj.structure.framework
    if isinstance(obj, LevelDescriptor):
        return obj.question.framework
    if isinstance(obj, LevelCriterion):
        return obj.level.framework
    return obj.framework


def is_frozen(obj) -> bool:
    framework = framework_of(obj)
    return framework is not None and framework.is_published


def untranslated_by_item(labels: list[str]) -> dict[str, list[str]]:
    """ "questions[DEV-01].text", "questions[DEV-01].help" as
    {"questions[DEV-01]": ["text", "help"]}: one line per item on the page."""
    items: dict[str, list[str]] = {}
    for label in labels:
        if "]." in label:
            item, key = label.rsplit("].", 1)
            item += "]"
        else:
            item, key = label.split(".", 1)
        items.setdefault(item, []).append(key)
    return items


class FrozenWhenPublishedMixin:
    """View-only for anything that belongs to a published version."""

    def has_change_permission(self, request, obj=None):
        return not is_frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_frozen(obj) and super().has_delete_permission(request, obj)

    def has_add_permission(self, request, *obj):
        # ModelAdmin asks with the request only; inlines also pass the parent.
        return not is_frozen(obj[0] if obj else None) and super().has_add_permission(request, *obj)


class RefusalAsMessageMixin:
    """A change the database refuses as published shows as an error message."""

    def refusal_as_message(self, request, view, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PublishedFrameworkError as error:
            # The view's transaction has been rolled back; nothing was saved.
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, *args, **kwargs):
        return self.refusal_as_message(request, super().changeform_view, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self.refusal_as_message(request, super().delete_view, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self.refusal_as_message(request, super().changelist_view, *args, **kwargs)


class FrameworkPartForm(forms.ModelForm):
    """Keeps every choice inside the framework version of the item.

    Choices of other framework items are narrowed to the item's framework
    when it is known (editing, or ?framework=ID on add) and checked on save.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "framework" in self.fields:
            self.fields["framework"].queryset = Framework.objects.filter(
                status=Framework.Status.DRAFT
            )
            self.fields["framework"].help_text = _("Only draft versions can be edited.")
        framework_id = self.instance.framework_id or self.initial.get("framework")
        for field in self.fields.values():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if framework_id and model is not None and model is not Framework:
                if any(f.name == "framework" for f in model._meta.fields):
                    field.queryset = field.queryset.filter(framework_id=framework_id)

    def framework_for_clean(self):
        return self.cleaned_data.get("framework")

    def clean(self):
        cleaned = super().clean()
        framework = self.framework_for_clean()
        if framework is None:
            return cleaned
        for name, value in cleaned.items():
            related = (
                value if hasattr(value, "__iter__") and not isinstance(value, str) else [value]
            )
            for item in related:
                item_framework = getattr(item, "framework_id", None)
                if name != "framework" and item_framework and item_framework != framework.pk:
                    self.add_error(
                        name,
                        _("%(item)s belongs to another framework version.") % {"item": item},
                    )
        return cleaned


@admin.display(description=gettext_lazy("Source"))
def provenance(obj) -> str:
    """Where an item comes from, so an admin tells the report from our additions."""
    return obj.source or "—"


class FrameworkPartAdmin(RefusalAsMessageMixin, FrozenWhenPublishedMixin, TranslationAdmin):
    form = FrameworkPartForm
    list_display = ("code", "name", "framework", "position", provenance)
    list_filter = ("framework",)
    search_fields = ("code", "name", "description", "source")
    ordering = ("framework", "position", "code")
    list_select_related = ("framework",)


# ---------------------------------------------------------------- framework


class LevelInline(FrozenWhenPublishedMixin, TranslationStackedInline):
    # Stacked: with a column per language a table of levels no longer fits a
    # narrow screen, and a read-only table has nothing to scroll it with.
    model = Level
    extra = 0
    fields = ("rank", "name", "description")  # the source and criteria: on the level's page


@admin.register(Framework)
class FrameworkAdmin(RefusalAsMessageMixin, FrozenWhenPublishedMixin, TranslationAdmin):
    # The translation count before the dates: a narrow page still shows it.
    list_display = (
        "name",
        "slug",
        "version",
        "status",
        "untranslated",
        "published_at",
        "based_on",
    )
    list_filter = ("status", "slug")
    search_fields = ("name", "slug", "description")
    ordering = ("slug", "-version")
    readonly_fields = (
        "status",
        "published_at",
        "based_on",
        "created_at",
        "contents",
        "missing_translations",
    )
    fields = ("slug", "version", "name", "description", *readonly_fields)
    inlines = [LevelInline]
    actions = ["make_new_draft", "publish", "export_yaml"]

    @admin.display(description=gettext_lazy("Contents"))
    def contents(self, obj: Framework):
        if obj.pk is None:
            return "-"
        models = (
            Principle,
            Component,
            Role,
            DeliverableType,
            OrganisationalStructure,
            FocusArea,
            ProcessPhase,
            Capability,
            Section,
            Question,
        )
        rows = []
        for model in models:
            url = reverse(f"admin:capabilities_{model._meta.model_name}_changelist")
            count = model.objects.filter(framework=obj).count()
            label = model._meta.verbose_name_plural
            rows.append((f"{url}?framework__id__exact={obj.pk}", count, label))
        return format_html(
            "<ul>{}</ul>", format_html_join("", '<li><a href="{}">{} {}</a></li>', rows)
        )

    @admin.display(description=gettext_lazy("Untranslated texts"))
    def untranslated(self, obj: Framework) -> str:
        missing = document_missing_translations(framework_document(obj))
        return format_html_join(
            ", ",
            "{}: {}",
            ((language, len(texts)) for language, texts in missing.items()),
        )

    @admin.display(description=gettext_lazy("Texts without translation"))
    def missing_translations(self, obj: Framework):
        """Each text that shows in English to a reader of another language."""
        if obj.pk is None:
            return "-"
        parts = []
        for language, texts in document_missing_translations(framework_document(obj)).items():
            summary = ngettext(
                "%(count)d text has no translation in “%(language)s”; readers see it in English.",
                "%(count)d texts have no translation in “%(language)s”; readers see them in "
                "English.",
                len(texts),
            ) % {"count": len(texts), "language": language}
            if not texts:
                summary = _("Every text is translated into “%(language)s”.") % {
                    "language": language
                }
            if not texts:
                parts.append(format_html("<p>{}</p>", summary))
                continue
            items = format_html_join(
                "",
                "<li><code>{}</code>: {}</li>",
                ((item, ", ".join(keys)) for item, keys in untranslated_by_item(texts).items()),
            )
            parts.append(
                format_html(
                    '<details><summary>{}</summary><ul class="untranslated">{}</ul></details>',
                    summary,
                    items,
                )
            )
        return format_html_join("", "{}", ((part,) for part in parts))

    @admin.action(description=gettext_lazy("Make a new draft version from the selected version"))
    def make_new_draft(self, request, queryset):
        for framework in queryset:
            draft = framework_copy_as_draft(framework=framework)
            url = reverse("admin:capabilities_framework_change", args=[draft.pk])
            self.message_user(
                request,
                format_html(
                    _('Created <a href="{}">{}</a> as a draft from version {}.'),
                    url,
                    draft,
                    framework.version,
                ),
                messages.SUCCESS,
            )

    @admin.action(description=gettext_lazy("Publish the selected drafts (freezes them)"))
    def publish(self, request, queryset):
        for framework in queryset:
            try:
                framework_publish(framework=framework)
            except PublishedFrameworkError as error:
                self.message_user(request, str(error), messages.WARNING)
            except DocumentError as error:
                self.message_user(
                    request,
                    format_html(
                        "{}<ul>{}</ul>",
                        _("%(framework)s was not published:") % {"framework": framework},
                        format_html_join("", "<li>{}</li>", ((e,) for e in error.errors)),
                    ),
                    messages.ERROR,
                )
            else:
                self.message_user(request, _("Published %(framework)s.") % {"framework": framework})

    @admin.action(description=gettext_lazy("Download the selected version as YAML"))
    def export_yaml(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one version to download."), messages.ERROR)
            return None
        framework = queryset.get()
        response = HttpResponse(
            document_dump(framework_document(framework)), content_type="application/yaml"
        )
        filename = f"{framework.slug}-v{framework.version}.yaml"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


# ---------------------------------------------------------------- simple parts


class LevelCriterionInline(FrozenWhenPublishedMixin, TranslationTabularInline):
    """The questions that must reach this level (staged levels)."""

    model = LevelCriterion
    extra = 0
    fields = ("question", "not_applicable_allowed", "note", "source", "position")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "question":
            kwargs["queryset"] = Question.objects.filter(
                framework_id__in=parent_framework_ids(request, Level)
            ).order_by("position")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Level)
class LevelAdmin(RefusalAsMessageMixin, FrozenWhenPublishedMixin, TranslationAdmin):
    form = FrameworkPartForm
    inlines = [LevelCriterionInline]
    list_display = ("rank", "name", "framework", provenance)
    list_filter = ("framework",)
    search_fields = ("name", "description")
    ordering = ("framework", "rank")


@admin.register(Principle)
class PrincipleAdmin(FrameworkPartAdmin):
    pass


@admin.register(Component)
class ComponentAdmin(FrameworkPartAdmin):
    filter_horizontal = ("principles",)
    list_display = ("code", "name", "principle_codes", "framework")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("principles")

    @admin.display(description=gettext_lazy("Principles"))
    def principle_codes(self, obj):
        return ", ".join(p.code for p in obj.principles.all())


@admin.register(Role)
class RoleAdmin(FrameworkPartAdmin):
    list_display = ("code", "name", "new_role", "framework")
    list_filter = ("framework", "new_role")


@admin.register(DeliverableType)
class DeliverableTypeAdmin(FrameworkPartAdmin):
    pass


@admin.register(FocusArea)
class FocusAreaAdmin(FrameworkPartAdmin):
    pass


class ProcessSubprocessInline(FrozenWhenPublishedMixin, TranslationTabularInline):
    """A phase's GSBPM sub-processes, edited on the phase's page."""

    model = ProcessSubprocess
    fields = ("code", "name", "description", "position")
    extra = 0


@admin.register(ProcessPhase)
class ProcessPhaseAdmin(FrameworkPartAdmin):
    inlines = [ProcessSubprocessInline]

    def save_formset(self, request, form, formset, change):
        # A sub-process belongs to its phase's framework version, always.
        if formset.model is ProcessSubprocess:
            for subprocess in formset.save(commit=False):
                subprocess.framework_id = form.instance.framework_id
                subprocess.save()
            for deleted in formset.deleted_objects:
                deleted.delete()
            formset.save_m2m()
            return
        super().save_formset(request, form, formset, change)


def parent_framework_ids(request, parent_model):
    """Framework of the object whose change page an inline is on (a subquery)."""
    object_id = request.resolver_match.kwargs.get("object_id")
    return parent_model.objects.filter(pk=object_id).values("framework_id")


class StructureOwnerInline(FrozenWhenPublishedMixin, TranslationTabularInline):
    model = StructureOwner
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "deliverable":
            kwargs["queryset"] = DeliverableType.objects.filter(
                framework__status=Framework.Status.DRAFT,
                framework_id__in=parent_framework_ids(request, OrganisationalStructure),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(OrganisationalStructure)
class OrganisationalStructureAdmin(FrameworkPartAdmin):
    inlines = [StructureOwnerInline]


# ---------------------------------------------------------------- capabilities


class CapabilityForm(FrameworkPartForm):
    class Meta:
        model = Capability
        fields = (
            "framework",
            "code",
            "name",
            "description",
            "source",
            "position",
            "deliverable",
            "effort",
            "requires",
            "requires_sources",
            "components",
            "principles",
            "roles",
        )

    def clean(self):
        cleaned = super().clean()
        framework = cleaned.get("framework")
        requires = cleaned.get("requires")
        code = cleaned.get("code")
        if framework is None or requires is None or not code:
            return cleaned
        needs: dict[str, set[str]] = {}
        edges = Capability.requires.through.objects.filter(
            from_capability__framework=framework
        ).values_list("from_capability__code", "to_capability__code")
        for source, target in edges:
            needs.setdefault(source, set()).add(target)
        if self.instance.pk:
            needs.pop(self.instance.code, None)  # its old links, and maybe its old code
        needs[code] = {capability.code for capability in requires}
        cycle = find_cycle(needs)
        if code in needs[code]:
            self.add_error("requires", _("A capability cannot need itself."))
        elif cycle:
            self.add_error(
                "requires",
                _("This would make a dependency cycle: %(cycle)s. Remove one of these links.")
                % {"cycle": describe_cycle(cycle)},
            )
        return cleaned


@admin.register(Capability)
class CapabilityAdmin(FrameworkPartAdmin):
    form = CapabilityForm
    list_display = ("code", "name", "deliverable", "effort", "needs", "framework", provenance)
    list_filter = ("framework", "deliverable__code", "effort")
    filter_horizontal = ("requires", "components", "principles", "roles")

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("deliverable").prefetch_related("requires")
        )

    @admin.display(description=gettext_lazy("Needs first"))
    def needs(self, obj):
        return ", ".join(c.code for c in obj.requires.all())


# ---------------------------------------------------------------- questionnaire


class QuestionInline(admin.TabularInline):
    """The questions of a section, as a list of links (edited on their own page)."""

    model = Question
    fields = ("code", "text", "weight", "position")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Section)
class SectionAdmin(FrameworkPartAdmin):
    inlines = [QuestionInline]


class DescriptorFormSet(forms.BaseInlineFormSet):
    """Exactly one descriptor per maturity level of the question's framework."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        framework_id = self.instance.framework_id
        if not framework_id:
            return
        levels = list(Level.objects.filter(framework_id=framework_id).order_by("rank"))
        given = [
            form.cleaned_data["level"]
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("level")
        ]
        foreign = [level for level in given if level.framework_id != framework_id]
        if foreign:
            raise forms.ValidationError(
                _("Level %(level)s belongs to another framework version.") % {"level": foreign[0]}
            )
        ranks = [level.rank for level in given]
        duplicated = sorted({level.name for level in given if ranks.count(level.rank) > 1})
        missing = [level.name for level in levels if level.rank not in ranks]
        problems = []
        if missing:
            problems.append(
                _("missing a descriptor for %(levels)s") % {"levels": ", ".join(missing)}
            )
        if duplicated:
            problems.append(
                _("more than one descriptor for %(levels)s") % {"levels": ", ".join(duplicated)}
            )
        if problems:
            raise forms.ValidationError(
                _("Give exactly one descriptor for each maturity level: %(problems)s.")
                % {"problems": "; ".join(problems)}
            )


class LevelDescriptorInline(FrozenWhenPublishedMixin, TranslationStackedInline):
    model = LevelDescriptor
    formset = DescriptorFormSet
    fields = ("level", "text")
    extra = 0

    def get_extra(self, request, obj=None, **kwargs):
        if obj is None:
            return 4
        return max(0, obj.framework.levels.count() - obj.descriptors.count())

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "level":
            kwargs["queryset"] = Level.objects.filter(
                framework__status=Framework.Status.DRAFT
            ).select_related("framework")
            if request.resolver_match.kwargs.get("object_id"):
                kwargs["queryset"] = kwargs["queryset"].filter(
                    framework_id__in=parent_framework_ids(request, Question)
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


QUESTION_FIELDS = (
    "section",
    "code",
    "text",
    "help",
    "weight",
    "position",
    "principles",
    "components",
    "focus_areas",
    "capabilities",
)


class QuestionForm(FrameworkPartForm):
    class Meta:
        model = Question
        fields = QUESTION_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "section" not in self.fields:  # read-only view of a published question
            return
        sections = Section.objects.filter(framework__status=Framework.Status.DRAFT)
        if self.instance.framework_id:
            sections = sections.filter(framework_id=self.instance.framework_id)
        self.fields["section"].queryset = sections.select_related("framework")

    def framework_for_clean(self):
        section = self.cleaned_data.get("section")
        return section.framework if section else None

    def clean(self):
        cleaned = super().clean()
        framework = self.framework_for_clean()
        code = cleaned.get("code")
        if framework is None:
            return cleaned
        # Not a form field, so Django's own uniqueness check would skip it.
        self.instance.framework = framework
        duplicate = Question.objects.filter(framework=framework, code=code).exclude(
            pk=self.instance.pk
        )
        if code and duplicate.exists():
            self.add_error(
                "code", _("Another question of this framework has code %(code)s.") % {"code": code}
            )
        return cleaned


def titled_filter(field_path: str, title) -> tuple:
    """A filter on field_path under its own title: filters on the code of
    several relations would all be titled "code"."""

    class TitledFilter(admin.AllValuesFieldListFilter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return (field_path, TitledFilter)


@admin.register(Question)
class QuestionAdmin(FrameworkPartAdmin):
    form = QuestionForm
    # The framework (with its version) next to the code, where a narrow
    # window does not push it under the filters.
    list_display = ("code", "framework", "short_text", "section", "weight")
    list_filter = (
        "framework",
        titled_filter("section__code", gettext_lazy("section")),
        titled_filter("principles__code", gettext_lazy("principle")),
        titled_filter("components__code", gettext_lazy("component")),
    )
    search_fields = ("code", "text", "help", "descriptors__text")
    filter_horizontal = ("principles", "components", "focus_areas", "capabilities")
    list_select_related = ("framework", "section")
    inlines = [LevelDescriptorInline]
    fields = QUESTION_FIELDS

    @admin.display(description=gettext_lazy("Question"))
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 90 else obj.text[:88] + "…"
