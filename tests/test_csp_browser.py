"""The pages under the Content-Security-Policy, in a real browser.

The results and roadmap pages draw their plotly charts, the questionnaire
loads htmx and the API reference draws Swagger UI, and the browser reports
no violation of the policy. Names and titles full of markup show as text in
the charts, and nothing in them makes the browser fetch anything.

Runs against pytest-django's live server with the system Chromium; skipped
when /usr/bin/chromium is not there.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.browser import chromium_context, playwright_or_skip  # noqa: E402

playwright_or_skip()

from assessment import services  # noqa: E402
from capabilities.document import document_parse  # noqa: E402
from capabilities.services import framework_load  # noqa: E402
from tests.factories import (  # noqa: E402
    answer,
    hostile_document,
    make_assessment,
    make_organisation,
    make_user,
)

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
TIMEOUT_MS = 15_000

# Collects what the browser says about the policy: the securitypolicyviolation
# event of each page, kept across navigations in sessionStorage.
WATCH_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  const seen = JSON.parse(sessionStorage.getItem("csp") || "[]");
  seen.push(event.violatedDirective + " " + event.blockedURI);
  sessionStorage.setItem("csp", JSON.stringify(seen));
});
"""


@pytest.fixture
def charted(transactional_db, monkeypatch, listener):
    """An earlier and a later assessment of a framework whose every name holds
    markup, titled with a style that points at the listener; committed so the
    live server's thread sees them."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    bait = f'<span style="background:url(http://127.0.0.1:{listener.port}/x)">2026</span>'
    framework = framework_load(document=document_parse(hostile_document())).framework
    owner = make_user("owner")
    organisation = make_organisation(owner, name=bait)
    earlier = make_assessment(organisation, framework, [owner], title=bait)
    later = None
    for assessment in (earlier, None):
        if assessment is None:
            assessment = later = services.assessment_copy(
                assessment=earlier, title="2027 " + bait, created_by=owner
            )
        response = assessment.responses.get()
        services.response_set_perspective(response=response, perspective="it")
        answer(response, "DEV-01", current=1 if later is None else 2, target=3)
        answer(response, "DEV-02", current=2, target=3)
        services.response_submit(response=response)
    return SimpleNamespace(earlier=earlier, later=later, owner=owner)


@pytest.fixture
def page(live_server):
    with chromium_context() as context:
        context.add_init_script(WATCH_VIOLATIONS)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.console_messages_seen = []
        page.on("console", lambda message: page.console_messages_seen.append(message.text))
        yield page


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")


def assert_no_violation(page) -> None:
    reported = page.evaluate("JSON.parse(sessionStorage.getItem('csp') || '[]')")
    console = [m for m in page.console_messages_seen if "Content Security Policy" in m]
    assert reported == [] and console == [], (reported, console)


def assert_charts_drawn(page) -> int:
    charts = page.locator("[data-figure]").count()
    assert charts > 0
    page.wait_for_function(
        "n => document.querySelectorAll('[data-figure] .main-svg').length >= n", arg=charts
    )
    return charts


def test_results_and_roadmap_draw_their_charts_under_the_policy(
    charted, live_server, page, listener
):
    sign_in(page, live_server, "owner")
    page.goto(f"{live_server.url}/assessments/{charted.later.pk}/results/")
    # radar, component gaps, components by level, topic gaps, change
    assert assert_charts_drawn(page) == 5
    # No plotly toolbar: its buttons would be dozens of tab stops inside the
    # charts' role="img" (and one sends the data to plotly's cloud).
    assert page.locator(".modebar-btn").count() == 0
    focusable = "[data-figure] a, [data-figure] button, [data-figure] [tabindex]"
    assert page.locator(focusable).count() == 0
    # Markup in names is shown as typed: no link, no style, just the text.
    change = page.locator("[data-figure='figure-change']")
    assert '<span style="background:url(' in change.inner_text()
    assert page.locator("[data-figure] svg a").count() == 0
    # plotly's own style rules went into the page's stylesheet, not inline.
    rules = "document.getElementById('plotly.js-style-global').sheet.cssRules.length"
    assert page.evaluate(rules) > 10
    assert_no_violation(page)

    page.goto(f"{live_server.url}/assessments/{charted.later.pk}/roadmap/")
    assert assert_charts_drawn(page) == 1
    assert "<a href=" in page.locator("[data-figure='figure-roadmap']").inner_text()
    assert page.locator("[data-figure] svg a").count() == 0
    assert_no_violation(page)
    assert listener.made() == []


def test_questionnaire_loads_htmx_under_the_policy(charted, live_server, page):
    assessment = make_assessment(
        charted.later.organisation, charted.later.framework, [charted.owner], title="Open"
    )
    sign_in(page, live_server, "owner")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/questionnaire/DEV/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.locator("input[name='DEV-01-current'][value='2']").check()
    page.wait_for_function(
        "() => document.getElementById('status-DEV-01').textContent.trim().startsWith('Saved')"
    )
    assert_no_violation(page)


def test_api_reference_draws_under_the_policy(charted, live_server, page):
    sign_in(page, live_server, "owner")
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock")
    assert_no_violation(page)
