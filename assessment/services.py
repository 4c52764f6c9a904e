"""Writes for organisations, assessments and answers.

Views and the API call these; no business rule is written anywhere else.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.dates import long_date
from assessment.models import (
    Answer,
    AnswerChange,
    Assessment,
    ComponentStatus,
    FocusWeight,
    Invitation,
    Membership,
    MLSolution,
    Organisation,
    Response,
    RoleStatus,
)
from assessment.selectors import InventoryVocabulary, framework_levels, inventory_vocabulary
from capabilities.models import FocusArea, Framework, Question
from capabilities.selectors import framework_latest_published

# An owner invitation hands over the whole organisation: it lapses sooner.
INVITATION_LIFETIME = {
    Membership.Role.OWNER: timedelta(days=3),
    Membership.Role.EDITOR: timedelta(days=14),
    Membership.Role.VIEWER: timedelta(days=14),
}


class ResponseLocked(Exception):
    """The response was submitted, or the assessment is complete."""


class AnswerConflict(Exception):
    """The answer changed elsewhere since the respondent loaded it.

    ``answer`` is the answer as stored (None: there is none, save based on
    version 0); ``stored`` is the same as an answer object either way.
    """

    def __init__(self, answer: Answer | None, question: Question):
        self.answer = answer
        self.question = question
        super().__init__("answer changed elsewhere")

    @property
    def stored(self) -> Answer:
        return self.answer or Answer.blank(self.question)


class AnswersNotSaved(Exception):
    """Some answers of a batch could not be saved, so none was.

    ``errors``: question code -> field -> messages. ``conflicts``: question
    code -> the AnswerConflict, for those that changed elsewhere.
    """

    def __init__(self, errors: dict, conflicts=None, *, total: int, invalid_input=False):
        self.errors = errors
        self.conflicts: dict[str, AnswerConflict] = conflicts or {}
        self.total = total
        count = len(errors)
        if invalid_input:  # found before any answer was looked at
            message = ngettext(
                "Nothing was saved: %(count)s of %(total)s answers is invalid.",
                "Nothing was saved: %(count)s of %(total)s answers are invalid.",
                count,
            )
        else:
            message = ngettext(
                "Nothing was saved: %(count)s of %(total)s answers has problems.",
                "Nothing was saved: %(count)s of %(total)s answers have problems.",
                count,
            )
        self.message = message % {"count": count, "total": total}
        super().__init__(self.message)

    @property
    def only_conflicts(self) -> bool:
        return set(self.errors) == set(self.conflicts)


class NothingSubmitted(Exception):
    """No response is submitted: closing would leave the results empty."""


class IncompleteResponse(Exception):
    """Some questions have no answer yet; ``missing`` lists them."""

    def __init__(self, missing: list[Question], unconfirmed: list[Question]):
        self.missing = missing
        self.unconfirmed = unconfirmed
        super().__init__(f"{len(missing)} unanswered, {len(unconfirmed)} to confirm")


class InvitationInvalid(Exception):
    pass


class InvitationForAnotherEmail(InvitationInvalid):
    """The signed-in account does not have the invited email address."""


# ---------------------------------------------------------------- organisations


def _profile(profile: dict) -> dict:
    unknown = set(profile) - set(Organisation.PROFILE_FIELDS)
    if unknown:  # a programming error, never the user's: fail loudly
        raise TypeError(f"not profile fields: {', '.join(sorted(unknown))}")
    return profile


@transaction.atomic
def organisation_create(*, owner: AbstractBaseUser, **profile) -> Organisation:
    organisation = Organisation.objects.create(**_profile(profile))
    Membership.objects.create(organisation=organisation, user=owner, role=Membership.Role.OWNER)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, **profile) -> Organisation:
    for field, value in _profile(profile).items():
        setattr(organisation, field, value)
    organisation.save(update_fields=list(profile))
    return organisation


def _owner_count(organisation: Organisation) -> int:
    # Locked rows: two owners demoting each other at once cannot both pass.
    return len(organisation.memberships.select_for_update().filter(role=Membership.Role.OWNER))


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str) -> Membership:
    if (
        membership.is_owner
        and role != Membership.Role.OWNER
        and _owner_count(membership.organisation) == 1
    ):
        raise ValidationError(_("An organisation needs at least one owner."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    if membership.is_owner and _owner_count(membership.organisation) == 1:
        raise ValidationError(_("An organisation needs at least one owner."))
    membership.delete()


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    invited_by: AbstractBaseUser,
    accept_url_for: Callable[[str], str],
) -> Invitation:
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=invited_by,
        token=secrets.token_urlsafe(32),
        expires_at=timezone.now() + INVITATION_LIFETIME[role],
    )
    url = accept_url_for(invitation.token)
    # A mail header cannot hold a line break, whatever the name holds.
    subject = " ".join(
        (_("Invitation to %(organisation)s") % {"organisation": organisation.name}).split()
    )
    body = _(
        "%(inviter)s invites you to join %(organisation)s as %(role)s, to assess its "
        "machine-learning maturity.\n\nAccept the invitation here (the link works once, "
        "until %(expires)s, for an account with this email address):\n%(url)s\n"
    ) % {
        "inviter": invited_by.get_username(),
        "organisation": organisation.name,
        "role": invitation.get_role_display().lower(),
        "expires": long_date(timezone.localtime(invitation.expires_at)),
        "url": url,
    }
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation


def invitation_check(invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise InvitationInvalid(_("This invitation has already been used."))
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid(
            _("This invitation has expired. Ask the organisation's owner for a new one.")
        )
    inviter_is_owner = Membership.objects.filter(
        organisation_id=invitation.organisation_id,
        user_id=invitation.invited_by_id,
        role=Membership.Role.OWNER,
    ).exists()
    if not inviter_is_owner:
        raise InvitationInvalid(
            _("This invitation was withdrawn: the person who sent it is no longer an owner.")
        )


def invitation_check_email(invitation: Invitation, user: AbstractBaseUser) -> None:
    """The link alone is not enough: it may have been forwarded, or seen by
    someone else. Only an account with the invited address may use it."""
    email = (getattr(user, "email", "") or "").strip()
    if not email or email.casefold() != invitation.email.strip().casefold():
        # Names neither the invited address nor any account: the reader may
        # be someone the invitation was not meant for.
        raise InvitationForAnotherEmail(
            _(
                "This invitation was sent to another email address than the one of the "
                "account you are signed in with. Sign in with the account that has the "
                "invited address, or ask the organisation's owner to invite your address."
            )
        )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: AbstractBaseUser) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_check(invitation)
    invitation_check_email(invitation, user)
    membership, created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    if not created and membership.role != Membership.Role.OWNER:
        # Joining again through an invitation may grant more, never less.
        ranks = {Membership.Role.VIEWER: 0, Membership.Role.EDITOR: 1, Membership.Role.OWNER: 2}
        if ranks[invitation.role] > ranks[membership.role]:
            membership.role = invitation.role
            membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    """Withdraw an invitation that has not been used: its link stops working."""
    invitation = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if invitation is None:
        return  # withdrawn already, e.g. in another tab
    if invitation.accepted_at is not None:
        raise ValidationError(
            _("This invitation has already been used; remove the member instead.")
        )
    invitation.delete()


# ---------------------------------------------------------------- assessments


def _check_respondents(organisation: Organisation, respondents: Iterable) -> list:
    respondents = list(respondents)
    if not respondents:
        raise ValidationError({"respondents": _("Choose at least one member to answer.")})
    writers = set(
        organisation.memberships.filter(role__in=Membership.WRITER_ROLES).values_list(
            "user_id", flat=True
        )
    )
    for user in respondents:
        if user.pk not in writers:
            message = _("%(user)s is not an owner or editor of this organisation.")
            raise ValidationError({"respondents": message % {"user": user.get_username()}})
    return respondents


@transaction.atomic
def assessment_start(
    *,
    organisation: Organisation,
    framework: Framework,
    title: str,
    respondents: Iterable[AbstractBaseUser],
    created_by: AbstractBaseUser,
) -> Assessment:
    if not framework.is_published:
        raise ValidationError(
            {"framework": _("Assessments can only use a published framework version.")}
        )
    respondents = _check_respondents(organisation, respondents)
    assessment = Assessment.objects.create(
        organisation=organisation, framework=framework, title=title, created_by=created_by
    )
    Response.objects.bulk_create(
        [Response(assessment=assessment, respondent=user) for user in respondents]
    )
    # Each side starts from the framework's defaults (the report's "Different
    # focus" slide for the reference framework).
    FocusWeight.objects.bulk_create(
        [
            FocusWeight(assessment=assessment, side=side, focus_code=code, weight=weight)
            for code, statistics, it in FocusArea.objects.filter(framework=framework).values_list(
                "code", "statistics_weight", "it_weight"
            )
            for side, weight in (
                (FocusWeight.Side.STATISTICS, statistics),
                (FocusWeight.Side.IT, it),
            )
        ]
    )
    return assessment


@transaction.atomic
def assessment_copy(
    *, assessment: Assessment, title: str, created_by: AbstractBaseUser
) -> Assessment:
    """Start a re-assessment from an earlier one.

    Uses the newest published version of the same framework; answers to the
    questions that still exist (same code) are copied, marked as carried
    over until each respondent confirms them.
    """
    framework = framework_latest_published(assessment.framework.slug) or assessment.framework
    writers = set(
        assessment.organisation.memberships.filter(role__in=Membership.WRITER_ROLES).values_list(
            "user_id", flat=True
        )
    )
    old_responses = [
        r for r in assessment.responses.select_related("respondent") if r.respondent_id in writers
    ]
    new = assessment_start(
        organisation=assessment.organisation,
        framework=framework,
        title=title,
        respondents=[r.respondent for r in old_responses] or [created_by],
        created_by=created_by,
    )
    new.previous = assessment
    new.save(update_fields=["previous"])
    old_weights = {
        (side, code): weight
        for side, code, weight in assessment.focus_weights.values_list(
            "side", "focus_code", "weight"
        )
    }
    for weight in new.focus_weights.all():
        if (weight.side, weight.focus_code) in old_weights:
            weight.weight = old_weights[weight.side, weight.focus_code]
            weight.save(update_fields=["weight"])
    questions_by_code = {q.code: q for q in Question.objects.filter(framework=framework)}
    new_responses = {r.respondent_id: r for r in new.responses.all()}
    copies = []
    for old_response in old_responses:
        new_response = new_responses[old_response.respondent_id]
        new_response.perspective = old_response.perspective
        new_response.save(update_fields=["perspective"])
        for answer in old_response.answers.select_related("question"):
            question = questions_by_code.get(answer.question.code)
            if question is None:
                continue
            copies.append(
                Answer(
                    response=new_response,
                    question=question,
                    **asdict(AnswerValues.of(answer)),
                    carried_over=True,
                    updated_by_id=answer.updated_by_id,
                )
            )
    Answer.objects.bulk_create(copies)
    _inventory_copy(assessment, new)
    return new


@transaction.atomic
def focus_weights_save(*, assessment: Assessment, weights: dict[str, dict[str, int]]) -> None:
    """``weights``: side ("statistics", "it") -> focus area code -> 0..3."""
    # They order the priorities of the results, which freeze with the assessment.
    if not Assessment.objects.select_for_update().get(pk=assessment.pk).is_open:
        raise ResponseLocked(_("This assessment is complete and can no longer be changed."))
    for side, by_code in weights.items():
        for focus_code, weight in by_code.items():
            FocusWeight.objects.update_or_create(
                assessment=assessment, side=side, focus_code=focus_code, defaults={"weight": weight}
            )


@transaction.atomic
def assessment_close(*, assessment: Assessment) -> Assessment:
    # Locked, so that a save checking the assessment at this moment waits.
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.is_open:
        return assessment  # already complete: keep when it was completed
    assessment.status = Assessment.Status.COMPLETE
    assessment.completed_at = timezone.now()
    assessment.save(update_fields=["status", "completed_at"])
    # The report a completed assessment is read through (imported here:
    # reports builds on assessment, not the other way round).
    from reports.services import report_render_ahead

    report_render_ahead(assessment=assessment)
    return assessment


@transaction.atomic
def assessment_close_by_owner(*, assessment: Assessment) -> Assessment:
    """Close before every respondent has submitted; refused while no response
    is submitted, since results use submitted responses only and would show
    nothing at all."""
    if not assessment.responses.filter(submitted_at__isnull=False).exists():
        raise NothingSubmitted(
            _(
                "No response is submitted yet, so the results would be empty. Ask the "
                "respondents to submit their answers, then close the assessment."
            )
        )
    return assessment_close(assessment=assessment)


@transaction.atomic
def response_set_perspective(*, response: Response, perspective: str) -> Response:
    # The perspective groups answers in the results, so it locks with them.
    response = _response_locked_open(response)
    response.perspective = perspective
    response.save(update_fields=["perspective"])
    return response


# ---------------------------------------------------------------- answers


@dataclass(frozen=True)
class AnswerValues:
    current: int | None = None
    target: int | None = None
    not_applicable: bool = False
    dont_know: bool = False
    comment: str = ""
    evidence_url: str = ""

    @classmethod
    def of(cls, answer: Answer | None) -> AnswerValues:
        if answer is None:
            return cls()
        return cls(
            current=answer.current,
            target=answer.target,
            not_applicable=answer.not_applicable,
            dont_know=answer.dont_know,
            comment=answer.comment,
            evidence_url=answer.evidence_url,
        )

    def validate(self, level_count: int) -> None:
        errors = {}
        for field in ("current", "target"):
            value = getattr(self, field)
            if value is not None and not 1 <= value <= level_count:
                errors[field] = _("Choose one of the levels.")
        if self.not_applicable and self.dont_know:
            errors["current"] = _("Choose either “not applicable” or “don't know”, not both.")
        if (self.not_applicable or self.dont_know) and (
            self.current is not None or self.target is not None
        ):
            errors["current"] = _("A question that is not applicable or not known has no levels.")
        if self.current is not None and self.target is not None and self.target < self.current:
            errors["target"] = _("The target level cannot be below the current level.")
        # Marking a weak question N/A would raise the profile score unseen;
        # the reason lets a reader of the results judge it.
        if self.not_applicable and not self.comment.strip():
            errors["comment"] = _(
                "Say in the comment why this question does not apply to the office."
            )
        if errors:
            raise ValidationError(errors)


def response_check_open(response: Response) -> None:
    if response.is_submitted:
        raise ResponseLocked(_("This response has been submitted and is locked."))
    if not response.assessment.is_open:
        raise ResponseLocked(_("This assessment is complete and can no longer be changed."))


def _response_locked_open(response: Response) -> Response:
    """The response read again under a row lock (with its assessment), and
    checked: a submit or close running at the same moment waits for this
    transaction or makes it fail, never lets a change slip in after it."""
    # Only the response row is locked (``of``): locking the framework's too
    # would queue every respondent's saves behind each other.
    locked = (
        Response.objects.select_for_update(of=("self",))
        .select_related("assessment__framework")
        .get(pk=response.pk)
    )
    response_check_open(locked)
    return locked


def _level_count(response: Response) -> int:
    return len(framework_levels(response.assessment.framework))


@transaction.atomic
def answer_save(
    *,
    response: Response,
    question: Question,
    values: AnswerValues,
    based_on_version: int,
    user: AbstractBaseUser,
) -> Answer:
    """Save one answer unless it changed elsewhere since ``based_on_version``.

    ``based_on_version`` is the version the respondent's page showed (0 when
    there was no answer yet). Saving the same values again, for an answer
    that needs no confirmation, changes nothing.
    """
    response = _response_locked_open(response)
    return _answer_save(response, question, values, based_on_version, user, _level_count(response))


@dataclass(frozen=True)
class AnswerItem:
    """One answer of a batch: which question, the values, the version seen."""

    question_code: str
    values: AnswerValues
    based_on_version: int


@transaction.atomic
def answers_save_all(
    *, response: Response, items: list[AnswerItem], user: AbstractBaseUser
) -> list[Answer]:
    """Save each answer as ``answer_save`` does, all or nothing.

    Raises AnswersNotSaved listing every problem (unknown code, invalid
    values, changed elsewhere); leaving this function by an exception undoes
    the answers saved before it.
    """
    response = _response_locked_open(response)
    level_count = _level_count(response)
    questions = {
        q.code: q
        for q in Question.objects.filter(
            framework_id=response.assessment.framework_id,
            code__in=[item.question_code for item in items],
        )
    }
    saved: list[Answer] = []
    errors: dict[str, dict[str, list[str]]] = {}
    conflicts: dict[str, AnswerConflict] = {}
    for item in items:
        code = item.question_code
        question = questions.get(code)
        if question is None:
            errors[code] = {"question": [_("No question with this code.")]}
            continue
        try:
            with transaction.atomic():  # a failed item leaves no trace of itself
                saved.append(
                    _answer_save(
                        response, question, item.values, item.based_on_version, user, level_count
                    )
                )
        except ValidationError as error:
            errors[code] = error.message_dict
        except AnswerConflict as conflict:
            errors[code] = {"version": [conflict_message(conflict.answer)]}
            conflicts[code] = conflict
    if errors:
        raise AnswersNotSaved(errors, conflicts, total=len(items))
    return saved


def conflict_message(answer: Answer | None) -> str:
    if answer is None:
        return _("Nothing is stored for this question: save based on version 0.")
    return _(
        "This answer changed elsewhere since your version; it is now version %(version)s. "
        "To overwrite it, save again based on that version."
    ) % {"version": answer.version}


def _answer_save(
    response: Response,
    question: Question,
    values: AnswerValues,
    based_on_version: int,
    user: AbstractBaseUser,
    level_count: int,
) -> Answer:
    """answer_save's work, for a response already locked and checked open."""
    values.validate(level_count)
    # With the response row locked, two first saves of one question queue up
    # (the second is then a conflict) instead of both inserting.
    answer = Answer.objects.select_for_update().filter(response=response, question=question).first()
    old = AnswerValues.of(answer)
    same_as_stored = answer is not None and old == values
    # The same values again (say, the page form posted right after the
    # autosave of the same change) conflict with nobody, whatever the version.
    if same_as_stored and not answer.carried_over:
        return answer
    if (answer.version if answer else 0) != based_on_version and not same_as_stored:
        raise AnswerConflict(answer, question)
    if answer is None:
        answer = Answer(response=response, question=question, version=0)
    for field, value in asdict(values).items():
        setattr(answer, field, value)
    answer.carried_over = False
    answer.version += 1
    answer.updated_by = user
    answer.save()
    AnswerChange.objects.create(
        answer=answer,
        changed_by=user,
        old=asdict(old) if answer.version > 1 else {},
        new=asdict(values),
    )
    return answer


@transaction.atomic
def answers_confirm(*, response: Response, questions: Iterable[Question], user) -> int:
    """Confirm carried-over answers as they are; returns how many."""
    response = _response_locked_open(response)
    answers = list(
        Answer.objects.select_for_update().filter(
            response=response, question__in=list(questions), carried_over=True
        )
    )
    for answer in answers:
        values = asdict(AnswerValues.of(answer))
        AnswerChange.objects.create(
            answer=answer,
            changed_by=user,
            old={**values, "carried_over": True},
            new={**values, "carried_over": False},
        )
    Answer.objects.filter(pk__in=[a.pk for a in answers]).update(
        carried_over=False, version=F("version") + 1, updated_by=user, updated_at=timezone.now()
    )
    return len(answers)


def response_missing(response: Response) -> tuple[list[Question], list[Question]]:
    """Questions without an answer, and carried-over answers not yet confirmed."""
    answers = {a.question_id: a for a in response.answers.all()}
    questions = (
        Question.objects.filter(framework_id=response.assessment.framework_id)
        .select_related("section")
        .order_by("section__position", "position")
    )
    missing, unconfirmed = [], []
    for question in questions:
        answer = answers.get(question.pk)
        if answer is None or not answer.is_answered:
            missing.append(question)
        elif answer.carried_over:
            unconfirmed.append(question)
    return missing, unconfirmed


@transaction.atomic
def response_submit(*, response: Response) -> Response:
    response = _response_locked_open(response)
    missing, unconfirmed = response_missing(response)
    if missing or unconfirmed:
        raise IncompleteResponse(missing, unconfirmed)
    response.submitted_at = timezone.now()
    response.save(update_fields=["submitted_at"])
    assessment = response.assessment
    # Someone removed from the organisation (or made a viewer) can no longer
    # answer, so their unfinished response does not hold the assessment open.
    waiting = assessment.responses.filter(
        submitted_at__isnull=True,
        respondent__memberships__organisation_id=assessment.organisation_id,
        respondent__memberships__role__in=Membership.WRITER_ROLES,
    )
    if not waiting.exists():
        response.assessment = assessment_close(assessment=assessment)
    return response


@transaction.atomic
def response_reopen(*, response: Response) -> Response:
    """Unlock a submitted response (and so its assessment) for changes."""
    # Read again under lock: the caller's copy of the assessment may be stale.
    response = Response.objects.select_for_update().select_related("assessment").get(pk=response.pk)
    response.submitted_at = None
    response.save(update_fields=["submitted_at"])
    assessment = response.assessment
    if not assessment.is_open:
        assessment.status = Assessment.Status.OPEN
        assessment.completed_at = None
        assessment.save(update_fields=["status", "completed_at"])
    return response


# ---------------------------------------------------------------- inventory


class InventoryNotSaved(Exception):
    """Some rows of an inventory import are wrong, so none was saved.

    ``errors``: (line, field, message) for each problem; lines as the caller
    numbered the rows (a file: 1 is its header row, as a spreadsheet counts).
    """

    def __init__(self, errors: list[tuple[int, str, str]]):
        self.errors = errors
        self.message = ngettext(
            "Nothing was imported: %(count)s problem was found.",
            "Nothing was imported: %(count)s problems were found.",
            len(errors),
        ) % {"count": len(errors)}
        super().__init__(self.message)


def _inventory_open(assessment: Assessment) -> Assessment:
    # The inventory feeds the results and roadmap, which freeze with the assessment.
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not locked.is_open:
        raise ResponseLocked(_("This assessment is complete and can no longer be changed."))
    return locked


def ml_solution_check(values: dict, vocabulary: InventoryVocabulary) -> tuple[dict, dict]:
    """Clean values for an ML solution against the framework's codes.

    Returns (cleaned values, errors by field); the form, the import and the
    API all go through this, so the rules are written once.
    """
    errors: dict[str, str] = {}
    cleaned: dict = {}
    for key in ("name", "purpose", "run_by", "phase_code", "subprocess_code", "stage", "method"):
        value = values.get(key, "")
        cleaned[key] = "" if value is None else str(value).strip()
    limits = {"name": 200, "run_by": 200}
    for key, limit in limits.items():
        if len(cleaned[key]) > limit:
            errors[key] = _("At most %(limit)s characters.") % {"limit": limit}
    if not cleaned["name"]:
        errors["name"] = _("Give the solution a name.")
    phases = [code for code, _name in vocabulary.phases]
    if cleaned["phase_code"] not in phases:
        errors["phase_code"] = _("Choose one of the phases %(codes)s.") % {
            "codes": ", ".join(phases)
        }
    sub = cleaned["subprocess_code"]
    if sub and vocabulary.subprocess_phase(sub) is None:
        errors["subprocess_code"] = _("%(code)s is not a sub-process of this framework.") % {
            "code": sub
        }
    elif (
        sub
        and "phase_code" not in errors
        and vocabulary.subprocess_phase(sub) != (cleaned["phase_code"])
    ):
        errors["subprocess_code"] = _("%(code)s is not in phase %(phase)s.") % {
            "code": sub,
            "phase": cleaned["phase_code"],
        }
    for key, choices in (("stage", MLSolution.Stage), ("method", MLSolution.Method)):
        if cleaned[key] not in choices.values:
            errors[key] = _("Choose one of: %(values)s.") % {"values": ", ".join(choices.values)}
    raw_components = values.get("component_codes") or []
    if isinstance(raw_components, str):
        raw_components = [c for c in raw_components.replace(";", ",").split(",")]
    components = [str(code).strip() for code in raw_components if str(code).strip()]
    known = [code for code, _name in vocabulary.components]
    unknown = [code for code in components if code not in known]
    if unknown:
        errors["component_codes"] = ngettext(
            "Unknown component %(codes)s.", "Unknown components %(codes)s.", len(unknown)
        ) % {"codes": ", ".join(unknown)}
    cleaned["component_codes"] = sorted(set(components) & set(known), key=known.index)
    return cleaned, errors


@transaction.atomic
def ml_solution_save(
    *, assessment: Assessment, values: dict, solution: MLSolution | None = None
) -> MLSolution:
    """Add a solution (``solution`` None) or change one; raises ValidationError by field."""
    _inventory_open(assessment)
    cleaned, errors = ml_solution_check(values, inventory_vocabulary(assessment.framework))
    if errors:
        raise ValidationError(errors)
    if solution is None:
        solution = MLSolution(assessment=assessment)
    elif solution.assessment_id != assessment.pk:  # a programming error, never the user's
        raise ValueError("the solution belongs to another assessment")
    for key, value in cleaned.items():
        setattr(solution, key, value)
    solution.carried_over = False
    solution.save()
    return solution


@transaction.atomic
def ml_solution_delete(*, solution: MLSolution) -> None:
    _inventory_open(solution.assessment)
    solution.delete()


@transaction.atomic
def ml_solutions_import(*, assessment: Assessment, rows: list[dict]) -> int:
    """Replace the assessment's solutions by ``rows`` (dicts of MLSolution.FIELDS
    with ``line``, the row's number as the caller counts them), all or
    nothing; raises InventoryNotSaved naming each line and field."""
    _inventory_open(assessment)
    vocabulary = inventory_vocabulary(assessment.framework)
    problems: list[tuple[int, str, str]] = []
    cleaned_rows = []
    for row in rows:
        cleaned, errors = ml_solution_check(row, vocabulary)
        problems += [(row["line"], key, message) for key, message in errors.items()]
        cleaned_rows.append(cleaned)
    if problems:
        raise InventoryNotSaved(problems)
    MLSolution.objects.filter(assessment=assessment).delete()
    MLSolution.objects.bulk_create(
        [MLSolution(assessment=assessment, **cleaned) for cleaned in cleaned_rows]
    )
    return len(cleaned_rows)


@dataclass(frozen=True)
class ComponentValues:
    status: str  # "" removes what was said
    tools: str = ""
    shared_with_it: bool = False


@transaction.atomic
def component_statuses_save(
    *, assessment: Assessment, statuses: dict[str, ComponentValues]
) -> None:
    """What the office has of each component, by component code."""
    _inventory_open(assessment)
    known = {code for code, _name in inventory_vocabulary(assessment.framework).components}
    errors = {}
    for code, values in statuses.items():
        if code not in known:
            errors[code] = _("Unknown component %(code)s.") % {"code": code}
        elif values.status and values.status not in ComponentStatus.Status.values:
            errors[code] = _("Choose one of: %(values)s.") % {
                "values": ", ".join(ComponentStatus.Status.values)
            }
        elif len(values.tools) > 300:
            errors[code] = _("At most %(limit)s characters.") % {"limit": 300}
    if errors:
        raise ValidationError(errors)
    for code, values in statuses.items():
        if not values.status:
            ComponentStatus.objects.filter(assessment=assessment, component_code=code).delete()
            continue
        ComponentStatus.objects.update_or_create(
            assessment=assessment,
            component_code=code,
            defaults={
                "status": values.status,
                "tools": values.tools.strip(),
                "shared_with_it": values.shared_with_it,
                "carried_over": False,
            },
        )


@dataclass(frozen=True)
class RoleValues:
    held: int | None = None
    needed: int | None = None
    hard_to_fill: bool = False

    @property
    def is_blank(self) -> bool:
        return self.held is None and self.needed is None and not self.hard_to_fill


MAX_PEOPLE = 10000


@transaction.atomic
def role_statuses_save(*, assessment: Assessment, statuses: dict[str, RoleValues]) -> None:
    """How far the office has the people for each role, by role code."""
    _inventory_open(assessment)
    known = {code for code, _name in inventory_vocabulary(assessment.framework).roles}
    errors = {}
    for code, values in statuses.items():
        counts = [c for c in (values.held, values.needed) if c is not None]
        if code not in known:
            errors[code] = _("Unknown role %(code)s.") % {"code": code}
        elif any(not isinstance(c, int) or c < 0 or c > MAX_PEOPLE for c in counts):
            errors[code] = _("Counts are whole numbers from 0 to %(max)s.") % {"max": MAX_PEOPLE}
    if errors:
        raise ValidationError(errors)
    for code, values in statuses.items():
        if values.is_blank:
            RoleStatus.objects.filter(assessment=assessment, role_code=code).delete()
            continue
        RoleStatus.objects.update_or_create(
            assessment=assessment,
            role_code=code,
            defaults={**asdict(values), "carried_over": False},
        )


def _inventory_copy(old: Assessment, new: Assessment) -> None:
    """Carry the inventory over to a re-assessment, keeping the codes the new
    framework still has (a solution whose phase is gone stays behind)."""
    vocabulary = inventory_vocabulary(new.framework)
    phases = {code for code, _name in vocabulary.phases}
    components = [code for code, _name in vocabulary.components]
    roles = {code for code, _name in vocabulary.roles}
    MLSolution.objects.bulk_create(
        [
            MLSolution(
                assessment=new,
                name=s.name,
                purpose=s.purpose,
                phase_code=s.phase_code,
                subprocess_code=(
                    s.subprocess_code
                    if vocabulary.subprocess_phase(s.subprocess_code) == s.phase_code
                    else ""
                ),
                stage=s.stage,
                method=s.method,
                run_by=s.run_by,
                component_codes=[c for c in s.component_codes if c in components],
                carried_over=True,
            )
            for s in old.ml_solutions.all()
            if s.phase_code in phases
        ]
    )
    ComponentStatus.objects.bulk_create(
        [
            ComponentStatus(
                assessment=new,
                component_code=c.component_code,
                status=c.status,
                tools=c.tools,
                shared_with_it=c.shared_with_it,
                carried_over=True,
            )
            for c in old.component_statuses.all()
            if c.component_code in components
        ]
    )
    RoleStatus.objects.bulk_create(
        [
            RoleStatus(
                assessment=new,
                role_code=r.role_code,
                held=r.held,
                needed=r.needed,
                hard_to_fill=r.hard_to_fill,
                carried_over=True,
            )
            for r in old.role_statuses.all()
            if r.role_code in roles
        ]
    )
