"""The assessment framework as data.

A framework version owns every item below it. Codes (``P4``, ``C6``,
``STRAT-01``) are the stable identity of an item across versions, so that
results of different years can be compared; primary keys are not.
A published version and everything in it is frozen by the database (see
capabilities/migrations/0002_publishing_freeze.py).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from capabilities.guards import PublishedFrameworkError, published_message


class Framework(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveIntegerField(_("version"), validators=[MinValueValidator(1)])
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    description = models.TextField(_("description"), blank=True)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="derived_versions",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="framework_slug_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    # The database refuses any change to a published version (see
    # capabilities/guards.py). SQLite's refusal cannot name the version; the
    # row at hand can, so saving or deleting one says which it is.
    def save(self, *args, **kwargs) -> None:
        try:
            super().save(*args, **kwargs)
        except PublishedFrameworkError as error:
            raise PublishedFrameworkError(published_message(self.slug, self.version)) from error

    def delete(self, *args, **kwargs):
        try:
            return super().delete(*args, **kwargs)
        except PublishedFrameworkError as error:
            raise PublishedFrameworkError(published_message(self.slug, self.version)) from error

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


SOURCE_HELP = _(
    "Where this comes from: “report” (with its line or slide), “paper” (Kreuzberger, "
    "Kühl and Hirschl 2023) or “framework authors” (our own judgement), e.g. "
    "“report, line 27”."
)


def source_field():
    return models.CharField(_("source"), max_length=300, blank=True, help_text=SOURCE_HELP)


class Level(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    rank = models.PositiveSmallIntegerField(_("rank"), validators=[MinValueValidator(1)])
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    source = source_field()

    class Meta:
        verbose_name = _("maturity level")
        verbose_name_plural = _("maturity levels")
        ordering = ["framework", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "rank"], name="level_rank"),
            models.UniqueConstraint(fields=["framework", "name"], name="level_name"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.name}"


class CodedPart(models.Model):
    """An item with a code that stays the same across framework versions."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Order in lists; lower comes first.")
    )
    source = source_field()

    class Meta:
        abstract = True
        ordering = ["framework", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="%(app_label)s_%(class)s_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Principle(CodedPart):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="principles")

    class Meta(CodedPart.Meta):
        verbose_name = _("principle")
        verbose_name_plural = _("principles")


class Component(CodedPart):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="components")
    principles = models.ManyToManyField(
        Principle, verbose_name=_("principles implemented"), blank=True, related_name="components"
    )
    overlap = models.TextField(
        _("overlap with existing IT"),
        blank=True,
        help_text=_("How this component may already exist in the office for other software."),
    )

    class Meta(CodedPart.Meta):
        verbose_name = _("component")
        verbose_name_plural = _("components")


class Role(CodedPart):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="roles")
    new_role = models.BooleanField(
        _("new role"), default=False, help_text=_("A role that is new to a statistical office.")
    )

    class Meta(CodedPart.Meta):
        verbose_name = _("role")
        verbose_name_plural = _("roles")


class DeliverableType(CodedPart):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="deliverables")

    class Meta(CodedPart.Meta):
        verbose_name = _("deliverable type")
        verbose_name_plural = _("deliverable types")


class OrganisationalStructure(CodedPart):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="structures")
    strengths = models.TextField(_("strengths"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    # Level ranks the source links this structure to (an informal network is
    # typical of Spreading); results say whether the office's structure fits.
    typical_levels = models.JSONField(
        _("typical at levels"),
        default=list,
        blank=True,
        help_text=_("Ranks of the maturity levels this structure is typical of, e.g. [3, 4]."),
    )

    class Meta(CodedPart.Meta):
        verbose_name = _("organisational structure")
        verbose_name_plural = _("organisational structures")


class StructureOwner(models.Model):
    """Who typically owns one kind of deliverable in one operating structure."""

    structure = models.ForeignKey(
        OrganisationalStructure, on_delete=models.CASCADE, related_name="owners"
    )
    deliverable = models.ForeignKey(
        DeliverableType, verbose_name=_("deliverable"), on_delete=models.CASCADE, related_name="+"
    )
    owner = models.TextField(_("typical owner"))

    class Meta:
        verbose_name = _("typical owner")
        verbose_name_plural = _("typical owners")
        ordering = ["structure", "deliverable__position", "deliverable__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "deliverable"], name="structure_owner_deliverable"
            )
        ]

    def __str__(self) -> str:
        return f"{self.structure.code}: {self.deliverable.code}"


class FocusArea(CodedPart):
    """A topic statisticians and IT care about to different degrees."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="focus_areas")
    # Defaults for an assessment's focus weights, one per perspective (0-3,
    # as assessment.models.FocusWeight.Weight).
    statistics_weight = models.PositiveSmallIntegerField(
        _("default weight, statistics perspective"), default=2
    )
    it_weight = models.PositiveSmallIntegerField(_("default weight, IT perspective"), default=2)

    class Meta(CodedPart.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")


class ProcessPhase(CodedPart):
    """A phase of the statistical production process (GSBPM)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="phases")
    ml_use = models.TextField(_("how ML is used here"), blank=True)

    class Meta(CodedPart.Meta):
        verbose_name = _("statistical process phase")
        verbose_name_plural = _("statistical process phases")


class ProcessSubprocess(CodedPart):
    """A sub-process of a GSBPM phase (5.2 Classify and code), where ML is used."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="subprocesses")
    phase = models.ForeignKey(
        ProcessPhase,
        verbose_name=_("phase"),
        on_delete=models.CASCADE,
        related_name="subprocesses",
    )

    class Meta(CodedPart.Meta):
        verbose_name = _("statistical process sub-process")
        verbose_name_plural = _("statistical process sub-processes")


class Capability(CodedPart):
    class Effort(models.TextChoices):
        SMALL = "S", _("S: under three person-months")
        MEDIUM = "M", _("M: three to six person-months")
        LARGE = "L", _("L: six to twelve person-months")
        EXTRA_LARGE = "XL", _("XL: more than twelve person-months")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="capabilities")
    # RESTRICT, not PROTECT: a deliverable type in use cannot be deleted on its
    # own, but a whole draft, capabilities included, can.
    deliverable = models.ForeignKey(
        DeliverableType,
        verbose_name=_("deliverable"),
        on_delete=models.RESTRICT,
        related_name="capabilities",
    )
    effort = models.CharField(_("rough effort"), max_length=2, choices=Effort.choices)
    requires = models.ManyToManyField(
        "self",
        verbose_name=_("needs first"),
        symmetrical=False,
        blank=True,
        related_name="required_by",
    )
    components = models.ManyToManyField(
        Component, verbose_name=_("components"), blank=True, related_name="capabilities"
    )
    principles = models.ManyToManyField(
        Principle, verbose_name=_("principles"), blank=True, related_name="capabilities"
    )
    roles = models.ManyToManyField(
        Role, verbose_name=_("roles involved"), blank=True, related_name="capabilities"
    )
    # Where each "needs first" link comes from, by the code of the capability
    # needed (see SOURCE_HELP); kept beside the links rather than on a through
    # model so that the links stay a plain many-to-many in the admin.
    requires_sources = models.JSONField(
        _("sources of the needs-first links"),
        default=dict,
        blank=True,
        help_text=_("Capability code → where that dependency comes from."),
    )

    class Meta(CodedPart.Meta):
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")


class Section(CodedPart):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="sections")

    class Meta(CodedPart.Meta):
        verbose_name = _("questionnaire section")
        verbose_name_plural = _("questionnaire sections")


class Question(CodedPart):
    # The framework is also reachable through the section; it is kept here
    # because question codes are unique across the whole framework.
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    name = None
    text = models.TextField(_("question"))
    help = models.TextField(_("help text"), blank=True)
    description = None
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("How much a gap on this question counts when gaps are ranked."),
    )
    principles = models.ManyToManyField(
        Principle, verbose_name=_("principles"), blank=True, related_name="questions"
    )
    components = models.ManyToManyField(
        Component, verbose_name=_("components"), blank=True, related_name="questions"
    )
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focus areas"), blank=True, related_name="questions"
    )
    capabilities = models.ManyToManyField(
        Capability,
        verbose_name=_("capabilities a gap points to"),
        blank=True,
        related_name="questions",
    )

    class Meta(CodedPart.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"


class LevelDescriptor(models.Model):
    """What an organisation at one level looks like, for one question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="descriptors")
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="descriptors")
    text = models.TextField(_("descriptor"))

    class Meta:
        verbose_name = _("level descriptor")
        verbose_name_plural = _("level descriptors")
        ordering = ["question", "level__rank"]
        constraints = [
            models.UniqueConstraint(fields=["question", "level"], name="descriptor_level")
        ]

    def __str__(self) -> str:
        return f"{self.question.code} / {self.level.name}"


class LevelCriterion(models.Model):
    """A question whose combined current level must reach this level for an
    organisation to be at it (staged levels; see assessment/scoring.py)."""

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="criteria")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveIntegerField(_("position"), default=0)
    not_applicable_allowed = models.BooleanField(
        _("met when not applicable"),
        default=False,
        help_text=_("Only where an office can rightly have no use for what the question asks."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Why, when it may be N/A."))
    source = source_field()

    class Meta:
        verbose_name = _("level criterion")
        verbose_name_plural = _("level criteria")
        ordering = ["level", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["level", "question"], name="criterion_once")]

    def __str__(self) -> str:
        return f"{self.level.name}: {self.question.code}"
