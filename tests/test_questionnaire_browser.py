"""The questionnaire in a real browser, with the keyboard only.

A respondent signs in, answers both questions of the section DEV using Tab,
Shift+Tab, the arrow keys, Space and typing (never the mouse), waits for the
autosave, reloads the page and finds every answer kept, on the page and in
the database. Focus must stay visible on the way.

Runs against pytest-django's live server with the system Chromium; skipped
when /usr/bin/chromium is not there.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.browser import chromium_context, playwright_or_skip  # noqa: E402

playwright_or_skip()

from assessment.models import Answer, Membership  # noqa: E402
from tests.factories import (  # noqa: E402
    add_member,
    make_assessment,
    make_framework,
    make_organisation,
    make_user,
)

PASSWORD = "correct horse battery staple"
COMMENT = "Builds run in CI; deploys are still manual."
EVIDENCE = "https://example.org/dev-02/repository"
TIMEOUT_MS = 10_000

pytestmark = pytest.mark.browser


@pytest.fixture
def keyboard_world(transactional_db, monkeypatch):
    """The `world` of conftest (owner and editor answering an open assessment
    of the tiny framework), committed so the live server's thread sees it."""
    # Playwright's sync API runs an event loop in this thread; Django would
    # otherwise refuse database access from it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    framework = make_framework()
    owner, editor = make_user("owner"), make_user("editor")
    organisation = make_organisation(owner)
    add_member(organisation, editor, Membership.Role.EDITOR)
    assessment = make_assessment(organisation, framework, [owner, editor])
    return SimpleNamespace(
        assessment=assessment,
        editor=editor,
        editor_response=assessment.responses.get(respondent=editor),
    )


@pytest.fixture
def page(keyboard_world):
    with chromium_context() as context:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        yield page


def focused(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement?.matches(s)", selector)


def tab_to(page, selector: str, *, key: str = "Tab", limit: int = 40) -> int:
    """Press Tab (or Shift+Tab) until the focused element matches selector;
    returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if focused(page, selector):
            return presses
    active = page.evaluate("document.activeElement?.outerHTML.slice(0, 200)")
    raise AssertionError(f"{key} x{limit} never reached {selector}; focus is on {active}")


def press(page, key: str, times: int = 1) -> None:
    for _ in range(times):
        page.keyboard.press(key)


def assert_focus_visible(page) -> None:
    style = page.evaluate(
        """() => {
            const el = document.activeElement;
            const css = getComputedStyle(el);
            return {
                tag: el.tagName, name: el.name, focusVisible: el.matches(':focus-visible'),
                outlineStyle: css.outlineStyle, outlineWidth: parseFloat(css.outlineWidth),
            };
        }"""
    )
    assert style["focusVisible"], style
    assert style["outlineStyle"] != "none", style
    assert style["outlineWidth"] >= 2, style


def wait_saved(page, code: str) -> None:
    """Wait until no autosave of the question is running or queued and its
    status says Saved."""
    page.wait_for_function(
        """code => {
            const q = document.getElementById('q-' + code);
            const status = document.getElementById('status-' + code);
            return !q.classList.contains('htmx-request')
                && status.textContent.trim().startsWith('Saved at');
        }""",
        arg=code,
    )


def checked(page, name: str) -> str | None:
    return page.evaluate(
        "n => document.querySelector(`input[type=radio][name='${n}']:checked`)?.value ?? null",
        name,
    )


def test_answer_a_section_with_the_keyboard_only(keyboard_world, live_server, page):
    assessment = keyboard_world.assessment
    section_url = f"{live_server.url}/assessments/{assessment.pk}/questionnaire/DEV/"

    # Sign in through the real form.
    page.goto(f"{live_server.url}/accounts/login/?next=/assessments/{assessment.pk}/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/assessments/{assessment.pk}/")

    page.goto(section_url)
    page.wait_for_function("() => window.htmx !== undefined")

    # The skip link is the first stop and visible when focused.
    page.keyboard.press("Tab")
    assert focused(page, "a.skip-link")
    assert_focus_visible(page)

    # DEV-01: current level Spreading (Space checks the first radio, the
    # down arrow moves to the next), target Mature, then a comment.
    tab_to(page, "input[name='DEV-01-current'][value='1']")
    assert_focus_visible(page)
    page.keyboard.press("Space")
    assert checked(page, "DEV-01-current") == "1"
    page.keyboard.press("ArrowDown")
    assert checked(page, "DEV-01-current") == "2"
    assert focused(page, "input[name='DEV-01-current'][value='2']")
    assert_focus_visible(page)

    page.keyboard.press("Tab")
    assert focused(page, "input[name='DEV-01-target'][value='1']")
    press(page, "ArrowDown", 3)
    assert checked(page, "DEV-01-target") == "4"
    assert_focus_visible(page)

    page.keyboard.press("Tab")
    assert focused(page, "#id_DEV-01-comment")
    assert_focus_visible(page)
    page.keyboard.type(COMMENT)
    page.keyboard.press("Tab")  # leaving the field saves it at once
    assert focused(page, "#id_DEV-01-evidence_url")
    wait_saved(page, "DEV-01")

    # DEV-02: current Widespread, target Widespread (passing Spreading on the
    # way, which is below the current level), no comment, an evidence link.
    page.keyboard.press("Tab")
    assert focused(page, "input[name='DEV-02-current'][value='1']")
    press(page, "ArrowDown", 2)
    assert checked(page, "DEV-02-current") == "3"
    page.keyboard.press("Tab")
    assert focused(page, "input[name='DEV-02-target'][value='1']")
    press(page, "ArrowDown", 2)
    assert checked(page, "DEV-02-target") == "3"
    tab_to(page, "#id_DEV-02-evidence_url", limit=2)
    page.keyboard.type(EVIDENCE)
    # Back with Shift+Tab: the target group is entered on its checked radio.
    tab_to(page, "input[name='DEV-02-target']", key="Shift+Tab", limit=2)
    assert focused(page, "input[name='DEV-02-target'][value='3']")
    assert_focus_visible(page)
    wait_saved(page, "DEV-02")
    assert page.locator("#errors-DEV-02-target").inner_text().strip() == ""

    # No keyboard trap: Tab leads on out of the form to the pager.
    tab_to(page, "nav.pager a")
    assert_focus_visible(page)

    # Everything is kept after a reload ...
    page.reload()
    assert checked(page, "DEV-01-current") == "2"
    assert checked(page, "DEV-01-target") == "4"
    assert page.input_value("#id_DEV-01-comment") == COMMENT
    assert page.input_value("#id_DEV-01-evidence_url") == ""
    assert checked(page, "DEV-02-current") == "3"
    assert checked(page, "DEV-02-target") == "3"
    assert page.input_value("#id_DEV-02-comment") == ""
    assert page.input_value("#id_DEV-02-evidence_url") == EVIDENCE
    assert "2 of 2 questions answered" in page.inner_text("#progress-overall")

    # ... and stored.
    answers = {
        answer.question.code: answer
        for answer in Answer.objects.filter(response=keyboard_world.editor_response).select_related(
            "question", "updated_by"
        )
    }
    assert sorted(answers) == ["DEV-01", "DEV-02"]
    first, second = answers["DEV-01"], answers["DEV-02"]
    assert (first.current, first.target, first.comment, first.evidence_url) == (
        2,
        4,
        COMMENT,
        "",
    )
    assert (second.current, second.target, second.comment, second.evidence_url) == (
        3,
        3,
        "",
        EVIDENCE,
    )
    for answer in (first, second):
        assert not answer.not_applicable and not answer.dont_know and not answer.carried_over
        assert answer.updated_by == keyboard_world.editor


def test_autosave_retries_when_the_server_is_busy(keyboard_world, live_server, page):
    """A save answered 503 (the database was busy) says so, then goes again."""
    assessment = keyboard_world.assessment
    page.goto(f"{live_server.url}/accounts/login/?next=/assessments/{assessment.pk}/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/assessments/{assessment.pk}/")

    busy_once = []

    def busy_the_first_time(route):
        if not busy_once:
            busy_once.append(route.request.url)
            route.fulfill(status=503, headers={"Retry-After": "1"}, body="busy")
        else:
            route.continue_()

    page.route("**/questionnaire/DEV/DEV-01/", busy_the_first_time)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/questionnaire/DEV/")
    page.wait_for_function("() => window.htmx !== undefined")

    page.check("input[name='DEV-01-current'][value='2']")
    page.wait_for_function(
        "() => document.getElementById('alert-DEV-01').textContent.includes('Not saved, retrying')"
    )
    wait_saved(page, "DEV-01")
    assert len(busy_once) == 1
    saved = Answer.objects.get(response=keyboard_world.editor_response)
    assert (saved.question.code, saved.current) == ("DEV-01", 2)


def sign_in_as_editor(page, live_server, assessment) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next=/assessments/{assessment.pk}/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/assessments/{assessment.pk}/")


def test_complete_a_section_and_submit_with_the_keyboard_only(keyboard_world, live_server, page):
    assessment = keyboard_world.assessment
    sign_in_as_editor(page, live_server, assessment)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/questionnaire/DEV/")
    page.wait_for_function("() => window.htmx !== undefined")

    # DEV-01: Spreading now, Mature as the target.
    tab_to(page, "input[name='DEV-01-current'][value='1']")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    press(page, "ArrowDown", 3)
    assert checked(page, "DEV-01-target") == "4"
    wait_saved(page, "DEV-01")
    # DEV-02: "Don't know", the last choice of its group (Up from the first wraps).
    tab_to(page, "input[name='DEV-02-current'][value='1']")
    page.keyboard.press("ArrowUp")
    assert checked(page, "DEV-02-current") == "dk"
    wait_saved(page, "DEV-02")

    # The last section offers "Save and review"; Enter on it leads to the review.
    tab_to(page, "button[name='save_next']")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/assessments/{assessment.pk}/submit/")
    tab_to(page, "form button[type='submit'].button")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/assessments/{assessment.pk}/submitted/")
    assert "What happens next" in page.inner_text("main")
    tab_to(page, "main a[href$='/results/']")
    assert_focus_visible(page)

    keyboard_world.editor_response.refresh_from_db()
    assert keyboard_world.editor_response.is_submitted


def test_a_refused_save_marks_the_fields_invalid_and_says_so_once(
    keyboard_world, live_server, page
):
    assessment = keyboard_world.assessment
    sign_in_as_editor(page, live_server, assessment)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/questionnaire/DEV/")
    page.wait_for_function("() => window.htmx !== undefined")

    # A target below the current level is refused.
    page.check("input[name='DEV-01-current'][value='3']")
    wait_saved(page, "DEV-01")
    page.check("input[name='DEV-01-target'][value='1']")
    page.wait_for_function(
        "() => document.getElementById('errors-DEV-01-target').textContent.trim() !== ''"
    )
    targets = page.locator("input[name='DEV-01-target']")
    page.wait_for_function(
        "() => document.querySelector(\"input[name='DEV-01-target']\")"
        ".getAttribute('aria-invalid') === 'true'"
    )
    for index in range(targets.count()):
        assert targets.nth(index).get_attribute("aria-invalid") == "true"
    assert page.locator("input[name='DEV-01-current'][aria-invalid]").count() == 0
    # "Not saved" is in the alert region, not inside the status region.
    assert "Not saved" in page.inner_text("#alert-DEV-01")
    assert page.inner_text("#status-DEV-01").strip() == ""
    assert page.locator("[role=status] [role=alert], [aria-live] [role=alert]").count() == 0

    # An evidence link that is not a link: the field is marked too.
    page.fill("#id_DEV-02-evidence_url", "not a link at all")
    page.locator("#id_DEV-02-evidence_url").blur()
    page.wait_for_function(
        "() => document.getElementById('id_DEV-02-evidence_url')"
        ".getAttribute('aria-invalid') === 'true'"
    )

    # Put right, the marks go.
    page.check("input[name='DEV-01-target'][value='4']")
    wait_saved(page, "DEV-01")
    page.wait_for_function(
        "() => !document.querySelector(\"input[name='DEV-01-target'][aria-invalid]\")"
    )
    assert page.inner_text("#alert-DEV-01").strip() == ""


def test_a_long_comment_is_counted_and_refused_not_cut(keyboard_world, live_server, page):
    assessment = keyboard_world.assessment
    sign_in_as_editor(page, live_server, assessment)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/questionnaire/DEV/")
    page.wait_for_function("() => window.htmx !== undefined")
    counter = page.locator("#id_DEV-01-comment-counter")
    assert counter.inner_text() == "0 of 5,000 characters"
    assert "id_DEV-01-comment-counter" in page.get_attribute(
        "#id_DEV-01-comment", "aria-describedby"
    )

    page.fill("#id_DEV-01-comment", "x" * 10_000)
    assert page.input_value("#id_DEV-01-comment") == "x" * 10_000  # nothing cut
    assert counter.inner_text() == "10,000 of 5,000 characters: too long to save"
    page.wait_for_function(
        "() => document.getElementById('alert-DEV-01').textContent.includes('Not saved')"
    )
    assert "at most 5000 characters" in page.inner_text("#errors-DEV-01-comment")
    assert not Answer.objects.filter(response=keyboard_world.editor_response).exists()
