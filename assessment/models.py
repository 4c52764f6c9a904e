"""Organisations, their members, assessments and answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from capabilities.models import Framework, Question


class Organisation(models.Model):
    class Kind(models.TextChoices):
        NSO = "nso", _("National statistical office")
        OTHER_NATIONAL = "ons", _("Other national authority producing statistics")
        REGIONAL = "regional", _("Regional or local statistical office")
        INTERNATIONAL = "international", _("International organisation")
        OTHER = "other", _("Other public body")

    class Size(models.TextChoices):
        SMALL = "small", _("Fewer than 250 staff")
        MEDIUM = "medium", _("250 to 999 staff")
        LARGE = "large", _("1,000 to 4,999 staff")
        VERY_LARGE = "very-large", _("5,000 staff or more")

    class Region(models.TextChoices):
        # The UN M49 regions (codes in comments), with the Americas split into
        # the two M49 groupings UN statistics report them by. Broad on purpose:
        # a region is a peer-group filter of the benchmark, and finer regions
        # would make groups too small to show.
        AFRICA = "africa", _("Africa")  # M49 002
        LATIN_AMERICA = "latin-america-caribbean", _("Latin America and the Caribbean")  # 419
        NORTHERN_AMERICA = "northern-america", _("Northern America")  # 021
        ASIA = "asia", _("Asia")  # 142
        EUROPE = "europe", _("Europe")  # 150
        OCEANIA = "oceania", _("Oceania")  # 009

    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NSO)
    size = models.CharField(_("size"), max_length=20, choices=Size.choices, blank=True)
    region = models.CharField(_("world region"), max_length=30, choices=Region.choices, blank=True)
    # Codes from the framework (stable across framework versions), so the
    # profile does not depend on one framework version.
    structure_code = models.CharField(_("operating structure for ML"), max_length=32, blank=True)
    deliverable_codes = models.JSONField(_("what its ML work delivers"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # What its owners may change (the form, the API and the service agree).
    PROFILE_FIELDS = (
        "name",
        "country",
        "region",
        "kind",
        "size",
        "structure_code",
        "deliverable_codes",
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")
        VIEWER = "viewer", _("Viewer")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} ({self.role})"

    # Who may answer questionnaires (and so be a respondent).
    WRITER_ROLES = (Role.OWNER, Role.EDITOR)

    @property
    def can_write(self) -> bool:
        return self.role in self.WRITER_ROLES

    @property
    def is_owner(self) -> bool:
        return self.role == self.Role.OWNER


class Invitation(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} to {self.organisation}"


class Assessment(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        COMPLETE = "complete", _("Complete")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="assessments"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("started from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_assessments",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class FocusWeight(models.Model):
    """How much one side of the organisation cares about one focus area, for
    one assessment: the report contrasts statisticians and IT (line 149)."""

    class Weight(models.IntegerChoices):
        NONE = 0, _("Not at all")
        LOW = 1, _("A little")
        MEDIUM = 2, _("Moderately")
        HIGH = 3, _("Very much")

    class Side(models.TextChoices):
        # Values are capabilities.document.SIDES (tests/test_scoring.py checks).
        STATISTICS = "statistics", _("Statistics (business)")
        IT = "it", _("IT")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="focus_weights"
    )
    side = models.CharField(max_length=12, choices=Side.choices, default=Side.STATISTICS)
    focus_code = models.CharField(max_length=32)
    weight = models.PositiveSmallIntegerField(choices=Weight.choices, default=Weight.MEDIUM)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "side", "focus_code"], name="focus_weight_once_per_side"
            )
        ]

    def __str__(self) -> str:
        return f"{self.side} {self.focus_code}: {self.weight}"


class Response(models.Model):
    """One respondent's answers to one assessment."""

    class Perspective(models.TextChoices):
        BUSINESS = "business", _("Business")
        IT = "it", _("IT")
        METHODOLOGY = "methodology", _("Methodology")
        DATA_SCIENCE = "data-science", _("Data science")
        OTHER = "other", _("Other")

    # Which side's focus weights a respondent's gaps count with; data science
    # and other sit between the two (capabilities.document.SIDES).
    SIDE_OF_PERSPECTIVE = {
        Perspective.BUSINESS: FocusWeight.Side.STATISTICS,
        Perspective.METHODOLOGY: FocusWeight.Side.STATISTICS,
        Perspective.IT: FocusWeight.Side.IT,
    }

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="responses"
    )
    perspective = models.CharField(
        _("perspective"), max_length=20, choices=Perspective.choices, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["assessment", "respondent__username"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "respondent"], name="response_once")
        ]

    def __str__(self) -> str:
        return f"{self.respondent} on {self.assessment}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


# The longest comment an answer keeps, the same in the questionnaire, its
# autosave and the API: longer text is refused with a message, never cut.
ANSWER_COMMENT_MAX_LENGTH = 5000


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    # Level ranks (1 = the framework's first level); empty when not answered,
    # not applicable or not known.
    current = models.PositiveSmallIntegerField(_("current level"), null=True, blank=True)
    target = models.PositiveSmallIntegerField(_("target level"), null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    dont_know = models.BooleanField(_("don't know"), default=False)
    comment = models.TextField(_("comment"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    # Copied from an earlier assessment and not yet confirmed by the respondent.
    carried_over = models.BooleanField(_("carried over"), default=False)
    # Raised on every save; a save based on an older version is a conflict.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once"),
            models.CheckConstraint(
                condition=Q(target__isnull=True)
                | Q(current__isnull=True)
                | Q(target__gte=models.F("current")),
                name="answer_target_not_below_current",
            ),
            models.CheckConstraint(
                condition=~(Q(not_applicable=True) & Q(dont_know=True)),
                name="answer_na_or_dont_know",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.code} by {self.response.respondent}"

    @classmethod
    def blank(cls, question: Question) -> Answer:
        """No answer yet: what a respondent sees, and saves based on (version 0)."""
        return cls(question=question, version=0)

    @property
    def is_answered(self) -> bool:
        """Counts for progress and submitting: a level, N/A or don't know.
        ``answered_filter`` is the same rule for queries."""
        return self.not_applicable or self.dont_know or self.current is not None


def answered_filter(prefix: str = "") -> Q:
    """``Answer.is_answered`` as a query filter; ``prefix`` reaches answers
    through a relation (``"answers__"`` from a response)."""
    return (
        Q(**{f"{prefix}not_applicable": True})
        | Q(**{f"{prefix}dont_know": True})
        | Q(**{f"{prefix}current__isnull": False})
    )


class AnswerChange(models.Model):
    """History: one saved change of one answer."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    old = models.JSONField(default=dict)
    new = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("answer change")
        verbose_name_plural = _("answer changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.answer} at {self.changed_at:%Y-%m-%d %H:%M}"


# ---------------------------------------------------------------- inventory
# What the office actually runs, as opposed to what respondents think of it.
# Framework items are stored by code, as focus weights are, so a re-assessment
# on a newer framework version carries them over.


class MLSolution(models.Model):
    """One ML solution of the office, placed in the statistical production process."""

    class Stage(models.TextChoices):
        IDEA = "idea", _("Idea")
        EXPERIMENT = "experiment", _("Experiment")
        PILOT = "pilot", _("Pilot")
        PRODUCTION = "production", _("In production")
        RETIRED = "retired", _("Retired")

    class Method(models.TextChoices):
        CLASSIFICATION = "classification", _("Classification")
        IMPUTATION = "imputation", _("Imputation")
        CODING = "coding", _("Coding")
        RECORD_LINKAGE = "record-linkage", _("Record linkage")
        EDIT_DETECTION = "edit-detection", _("Anomaly or edit detection")
        NOWCASTING = "nowcasting", _("Nowcasting")
        TEXT_IMAGE = "text-image", _("Text or image processing")
        OTHER = "other", _("Other")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="ml_solutions"
    )
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    phase_code = models.CharField(_("GSBPM phase"), max_length=32)
    subprocess_code = models.CharField(_("GSBPM sub-process"), max_length=32, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    method = models.CharField(_("method family"), max_length=20, choices=Method.choices)
    run_by = models.CharField(
        _("run by"),
        max_length=200,
        blank=True,
        help_text=_("A unit of the operating structure, or whoever runs it."),
    )
    component_codes = models.JSONField(_("components used"), default=list, blank=True)
    # Copied from an earlier assessment and not yet saved again since.
    carried_over = models.BooleanField(_("carried over"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    # What a form, an import row and the API may set (the service checks them).
    FIELDS = (
        "name",
        "purpose",
        "phase_code",
        "subprocess_code",
        "stage",
        "method",
        "run_by",
        "component_codes",
    )

    class Meta:
        verbose_name = _("ML solution")
        verbose_name_plural = _("ML solutions")
        ordering = ["assessment", "phase_code", "subprocess_code", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class ComponentStatus(models.Model):
    """Whether the office has one framework component in place, and with what."""

    class Status(models.TextChoices):
        NOT_IN_PLACE = "none", _("Not in place")
        PARTLY = "partly", _("Partly in place")
        IN_PLACE = "in-place", _("In place")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="component_statuses"
    )
    component_code = models.CharField(max_length=32)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    tools = models.CharField(
        _("tools"), max_length=300, blank=True, help_text=_("For example GitLab, Airflow.")
    )
    shared_with_it = models.BooleanField(_("shared with the rest of IT"), default=False)
    carried_over = models.BooleanField(_("carried over"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("component in place")
        verbose_name_plural = _("components in place")
        ordering = ["assessment", "component_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "component_code"], name="component_status_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.component_code}: {self.status}"


class RoleStatus(models.Model):
    """How far the office has the people for one framework role."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="role_statuses"
    )
    role_code = models.CharField(max_length=32)
    # Rough head counts; empty when not known.
    held = models.PositiveSmallIntegerField(_("people holding it"), null=True, blank=True)
    needed = models.PositiveSmallIntegerField(_("people needed"), null=True, blank=True)
    hard_to_fill = models.BooleanField(_("hard to recruit or keep"), default=False)
    carried_over = models.BooleanField(_("carried over"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("role held")
        verbose_name_plural = _("roles held")
        ordering = ["assessment", "role_code"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "role_code"], name="role_status_once")
        ]

    def __str__(self) -> str:
        return f"{self.role_code}: {self.held}/{self.needed}"

    @property
    def shortfall(self) -> int:
        """People still missing; 0 when enough, or when either count is not known."""
        if self.held is None or self.needed is None:
            return 0
        return max(self.needed - self.held, 0)
