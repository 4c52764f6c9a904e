"""The questionnaire: one page per section, saved as the respondent goes.

With JavaScript, htmx posts each question to ``answer_autosave`` as soon as
it changes; without, the whole section is an ordinary form whose post saves
the questions the respondent touched. Both go through services.answer_save,
which refuses a save based on an outdated version of the answer.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment import services
from assessment.access import Need, assessment_for, own_response
from assessment.display import answer_summary
from assessment.forms import AnswerForm
from assessment.models import Answer
from assessment.selectors import (
    answers_by_question,
    framework_levels,
    response_progress,
    resume_section_code,
    section_question,
    section_questions,
)
from capabilities.models import Question

QUESTION_TEMPLATE = "assessment/questionnaire_section_question.html"
QUESTION_HTML_SECONDS = 24 * 3600


@dataclass
class QuestionBlock:
    """What the template needs to draw one question."""

    question: Question
    form: AnswerForm
    answer: Answer | None
    conflict: Answer | None = None
    conflict_missing: bool = False
    saved: bool = False
    error: str = ""
    level_names: dict | None = None
    html: str = ""  # drawn by the view (_render_blocks)

    def current_choices(self):
        """(radio, descriptor text) pairs; N/A and don't know have no descriptor."""
        descriptors = {d.level.rank: d.text for d in self.question.descriptors.all()}
        return [
            (
                radio,
                descriptors.get(int(radio.data["value"])) if radio.data["value"].isdigit() else "",
            )
            for radio in self.form["current"]
        ]

    @property
    def next_version(self) -> str:
        """The version the next save of this question is based on."""
        return self.form.data.get(f"{self.question.code}-version", "0")

    def hidden_initials(self) -> str:
        """What the page showed, so a whole-page post saves only what changed.

        Not the comment's: rendering the field itself ({{ form.comment }})
        writes its hidden initial already, and a second would repeat its id."""
        names = ("current", "target", "evidence_url")
        return mark_safe("".join(self.form[name].as_hidden(only_initial=True) for name in names))

    def conflict_summary(self) -> str:
        if self.conflict is None:
            return ""
        values = asdict(services.AnswerValues.of(self.conflict))
        return answer_summary(values, self.level_names or {})


def _respondent_context(request, pk: int):
    assessment = assessment_for(request, pk, Need.WRITE)
    response = own_response(request, assessment)
    return assessment, response


def _section_or_404(progress, section_code: str):
    for index, item in enumerate(progress.sections):
        if item.section.code == section_code:
            return index, item
    raise Http404


def _blocks(questions, levels, answers, data=None) -> list[QuestionBlock]:
    level_names = {level.rank: level.name for level in levels}
    return [
        QuestionBlock(
            question=question,
            form=AnswerForm(
                data,
                prefix=question.code,
                levels=levels,
                initial=AnswerForm.initial_for(answers.get(question.pk)),
            ),
            answer=answers.get(question.pk),
            level_names=level_names,
        )
        for question in questions
    ]


def _save_block(block: QuestionBlock, response, user) -> None:
    try:
        block.answer = services.answer_save(
            response=response,
            question=block.question,
            values=block.form.values(),
            based_on_version=block.form.cleaned_data["version"],
            user=user,
        )
    except services.AnswerConflict as conflict:
        block.conflict = conflict.answer
        block.conflict_missing = conflict.answer is None
        _rebase(block, conflict.answer)
    except ValidationError as error:
        block.error = " ".join(error.messages)
        # Beside the field it is about, as well (the reason an N/A needs).
        for field, messages in getattr(error, "message_dict", {}).items():
            if field in block.form.fields:
                block.form.add_error(field, messages)
    except services.ResponseLocked as error:  # submitted or closed meanwhile
        block.error = str(error)
    else:
        block.saved = True
        _rebase(block, block.answer)


def _rebase(block: QuestionBlock, answer: Answer | None) -> None:
    """Keep what the respondent typed, but base the next save on the stored
    version: saving again is then a deliberate choice to overwrite."""
    data = block.form.data.copy()
    data[f"{block.question.code}-version"] = str(answer.version if answer else 0)
    block.form.data = data


def _page_context(assessment, response, progress, index, blocks, levels):
    current = progress.sections[index]
    return {
        "assessment": assessment,
        "response": response,
        "progress": progress,
        "current": current,
        "previous": progress.sections[index - 1] if index > 0 else None,
        "next": progress.sections[index + 1] if index + 1 < len(progress.sections) else None,
        "blocks": blocks,
        "levels": levels,
        "locked": response.is_submitted or not assessment.is_open,
    }


@login_required
@require_GET
def questionnaire_resume(request, pk: int):
    assessment, response = _respondent_context(request, pk)
    if response.is_submitted:
        return redirect("response_submitted", assessment.pk)
    progress = response_progress(response)
    code = resume_section_code(response, progress)
    if code is None:
        return redirect("response_submit", assessment.pk)
    return redirect("questionnaire_section", assessment.pk, code)


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_section(request, pk: int, section_code: str):
    assessment, response = _respondent_context(request, pk)
    progress = response_progress(response)
    index, current = _section_or_404(progress, section_code)
    questions = section_questions(assessment.framework, current.section)
    levels = framework_levels(assessment.framework)
    answers = answers_by_question(response, questions)
    blocks = _blocks(questions, levels, answers, request.POST if request.method == "POST" else None)

    if request.method == "POST":
        return _save_section(request, assessment, response, progress, index, blocks, levels)
    context = _page_context(assessment, response, progress, index, blocks, levels)
    return _render_section(request, context)


def _render_section(request, context, status: int = 200):
    _render_blocks(request, context)
    return render(request, "assessment/questionnaire_section.html", context, status=status)


def _render_blocks(request, context) -> None:
    """Each question's HTML (block.html), as the section template's include
    of it would draw it, reusing the HTML drawn before for the same content.

    Drawing a question (twelve radio buttons, descriptors, notes) was most of
    the page's time, and a respondent opens the same sections again and
    again. A question whose form was posted (with errors) is drawn afresh.

    The question template must therefore show nothing that is not in the
    key below: no CSRF token, no user name (an unanswered question's HTML is
    shared by the respondents of the assessment). Anything new it shows
    from the question or the answer is in the key already (every field).
    """
    keyed = [
        (block, None if block.form.is_bound else _block_cache_key(block, context))
        for block in context["blocks"]
    ]
    cached = cache.get_many([key for _block, key in keyed if key])
    drawn = {}
    for block, key in keyed:
        html = cached.get(key) if key else None
        if html is None:
            html = render_to_string(QUESTION_TEMPLATE, {**context, "block": block}, request)
            if key:
                drawn[key] = html
        block.html = mark_safe(html)
    if drawn:
        cache.set_many(drawn, timeout=QUESTION_HTML_SECONDS)


def _block_cache_key(block: QuestionBlock, context) -> str:
    """A hash of everything a question's HTML shows: the question with its
    descriptors and the levels, the stored answer (every field, so a field
    added later counts too), where the page is and whether it is locked.
    The code and templates that draw it are in the cache's key prefix."""
    question, answer = block.question, block.answer
    parts = [
        get_language(),
        context["assessment"].pk,
        context["current"].section.code,
        context["locked"],
        [(field.attname, getattr(question, field.attname)) for field in Question._meta.fields],
        [(d.level.rank, d.level.name, d.text) for d in question.descriptors.all()],
        [(level.rank, level.name) for level in context["levels"]],
        [(f.attname, getattr(answer, f.attname)) for f in Answer._meta.fields] if answer else None,
    ]
    digest = hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()
    return f"question-html:{digest}"


def _save_section(request, assessment, response, progress, index, blocks, levels):
    # Checked here too, so that a page posted with no change still says so.
    try:
        services.response_check_open(response)
    except services.ResponseLocked as error:
        messages.error(request, str(error))
        return redirect(
            "questionnaire_section", assessment.pk, progress.sections[index].section.code
        )
    problems = []
    for block in blocks:
        if not block.form.is_valid():
            problems.append(block)
            continue
        if block.form.touched():
            _save_block(block, response, request.user)
            if block.conflict or block.conflict_missing or block.error:
                problems.append(block)
    if problems:
        progress = response_progress(response)
        context = _page_context(assessment, response, progress, index, blocks, levels)
        context["problems"] = problems
        return _render_section(request, context)
    messages.success(request, _("Saved."))
    after = progress.sections[index + 1] if index + 1 < len(progress.sections) else None
    if "save_next" in request.POST:
        if after is None:
            return redirect("response_submit", assessment.pk)
        return redirect("questionnaire_section", assessment.pk, after.section.code)
    return redirect("questionnaire_section", assessment.pk, progress.sections[index].section.code)


@login_required
@require_POST
def answer_autosave(request, pk: int, section_code: str, question_code: str):
    """Save one question (htmx); answers with the status of that question."""
    assessment, response = _respondent_context(request, pk)
    question = section_question(assessment.framework, section_code, question_code)
    if question is None:
        raise Http404
    if not request.headers.get("HX-Request"):
        # Without htmx the whole section form is posted to the section page.
        return redirect("questionnaire_section", assessment.pk, section_code)
    levels = framework_levels(assessment.framework)
    answers = answers_by_question(response, [question])
    block = _blocks([question], levels, answers, request.POST)[0]
    if block.form.is_valid():
        _save_block(block, response, request.user)  # refused there when locked
    progress = response_progress(response)
    section_progress = next(s for s in progress.sections if s.section.code == section_code)
    return render(
        request,
        "assessment/questionnaire_section_status.html",
        {"block": block, "progress": progress, "current": section_progress, "oob": True},
    )


@login_required
@require_POST
def questionnaire_confirm(request, pk: int, section_code: str):
    """Confirm the carried-over answers of a section as they are."""
    assessment, response = _respondent_context(request, pk)
    progress = response_progress(response)
    _index, current = _section_or_404(progress, section_code)
    try:
        count = services.answers_confirm(
            response=response,
            questions=section_questions(assessment.framework, current.section),
            user=request.user,
        )
    except services.ResponseLocked as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "Confirmed %(count)s carried-over answer.",
                "Confirmed %(count)s carried-over answers.",
                count,
            )
            % {"count": count},
        )
    return redirect(reverse("questionnaire_section", args=[assessment.pk, section_code]))
