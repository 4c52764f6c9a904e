"""Every page a person meets, checked by axe-core in a real browser.

axe-core (tests/axe/axe.min.js, vendored from npm with its licence; see
tests/axe/README.md) runs the WCAG 2.0, 2.1 and 2.2 A and AA rules over each
page an anonymous visitor, an owner, an editor, a viewer and an administrator
of the framework open, at 1280 px and at 320 px wide (400 % zoom of a
1280 px screen). At 320 px the page must also not scroll sideways: only a
data table may, inside its own scroll container (WCAG 1.4.10 Reflow, which
axe does not check). Any violation fails the test with the list of pages,
rules and elements.

One browser serves the whole module; each role signs in through a session
cookie made by Django's test client (the login page itself is checked as
the anonymous visitor).
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.browser import ARGS, CHROMIUM, playwright_or_skip

sync_api = playwright_or_skip()

from assessment import services  # noqa: E402
from assessment.models import Invitation, Membership  # noqa: E402
from capabilities.models import Capability, Question  # noqa: E402
from tests.benchmark_factories import make_contributors  # noqa: E402
from tests.factories import (  # noqa: E402
    add_member,
    answer,
    make_assessment,
    make_framework,
    make_organisation,
    make_solution,
    make_user,
)

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "axe" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (1280, 320)
TIMEOUT_MS = 30_000  # a shared machine can be slow to answer the first page

RUN_AXE = """
tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  .then(result => result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + " :: " + (n.failureSummary || "")
      .replace(/\\s+/g, " ").slice(0, 240)),
  })))
"""

# Elements wider than the viewport, other than those inside a scroll
# container of their own (a data table's wrapper).
SIDEWAYS = """
() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) { return []; }
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (["auto", "scroll"].includes(style.overflowX) && p !== document.documentElement
          && p !== document.body) { return true; }
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0 && !scrolls(el)) {
      const classes = typeof el.className === "string" ? el.className.trim() : "";
      wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (classes ? "." + classes.replace(/\\s+/g, ".") : "")
        + " right=" + Math.round(box.right));
    }
  }
  return wide.slice(0, 5);
}
"""


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread for the whole
    # module; Django would otherwise refuse database access from it, also
    # when the transactional tests empty the tables at their end.
    with pytest.MonkeyPatch.context() as patch, sync_api.sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db, browser):
    """An organisation with an open assessment (the owner submitted, the
    editor is half way), an earlier closed one, and a pending invitation;
    committed so the live server's thread sees them."""
    framework = make_framework()
    owner, editor, viewer = make_user("owner"), make_user("editor"), make_user("viewer")
    admin = make_user("admin", superuser=True)
    organisation = make_organisation(owner)
    add_member(organisation, editor, Membership.Role.EDITOR)
    add_member(organisation, viewer, Membership.Role.VIEWER)
    closed = make_assessment(organisation, framework, [owner], title="ML maturity 2025")
    answer(closed.responses.get(), "DEV-01", current=1, target=3, comment="Manual builds.")
    answer(closed.responses.get(), "DEV-02", current=2, target=3)
    services.response_submit(response=closed.responses.get())
    services.assessment_close(assessment=closed)
    # Five other offices contribute, so the benchmark shows its figures.
    make_contributors(framework, 5)
    assessment = make_assessment(organisation, framework, [owner, editor])
    mine = assessment.responses.get(respondent=owner)
    services.response_set_perspective(response=mine, perspective="it")
    answer(mine, "DEV-01", current=2, target=4, comment="Builds run in CI.")
    answer(mine, "DEV-02", not_applicable=True, comment="No code of our own.")
    # What the office has, so the results show the GSBPM map and the list.
    make_solution(assessment)
    services.response_submit(response=mine)
    answer(assessment.responses.get(respondent=editor), "DEV-01", current=1, dont_know=False)
    # Nothing submitted yet: the results' empty state.
    empty = make_assessment(organisation, framework, [owner], title="ML maturity 2027")
    invitation = Invitation.objects.create(
        organisation=organisation,
        email="newcomer@example.org",
        role="editor",
        token="token-1",
        invited_by=owner,
        expires_at=timezone.now() + timezone.timedelta(days=14),
    )
    return SimpleNamespace(
        framework=framework,
        organisation=organisation,
        assessment=assessment,
        closed=closed,
        empty=empty,
        invitation=invitation,
        users={"owner": owner, "editor": editor, "viewer": viewer, "admin": admin},
    )


def pages_for(role: str, site) -> list[str]:
    a, c, o = site.assessment.pk, site.closed.pk, site.organisation.pk
    f = site.framework
    question = Question.objects.get(framework=f, code="DEV-01").pk
    capability = Capability.objects.get(framework=f, code="CICD").pk
    framework_pages = ["/frameworks/", f"/frameworks/{f.slug}/{f.version}/"]
    if role == "anonymous":
        owner = site.users["owner"]
        uid = urlsafe_base64_encode(force_bytes(owner.pk))
        token = default_token_generator.make_token(owner)
        return [
            "/accounts/login/",
            "/accounts/password_reset/",
            "/accounts/password_reset/done/",
            # The link in the email redirects to a URL without the token.
            f"/accounts/reset/{uid}/{token}/",
            "/accounts/reset/done/",
            "/accounts/signup/",
            "/accounts/signup/sent/",
            f"/accounts/signup/{uid}/{token}/",
            f"/invitations/{site.invitation.token}/",
            *framework_pages,
        ]
    if role == "owner":
        return [
            "/",
            f"/organisations/{o}/",
            f"/organisations/{o}/edit/",
            f"/organisations/{o}/invite/",
            "/organisations/new/",
            f"/organisations/{o}/assessments/new/",
            f"/assessments/{a}/",
            f"/assessments/{a}/questionnaire/DEV/",
            f"/assessments/{a}/submitted/",
            f"/assessments/{a}/close/",
            f"/assessments/{a}/results/",
            f"/assessments/{a}/roadmap/",
            f"/assessments/{a}/roadmap/items/CICD/",
            f"/assessments/{a}/roadmap/settings/",
            f"/assessments/{c}/roadmap/?open=CICD",  # an item's detail shown
            f"/assessments/{a}/history/",
            f"/assessments/{a}/inventory/",
            f"/assessments/{a}/inventory/solutions/new/",
            f"/assessments/{a}/inventory/import/",
            f"/assessments/{c}/",
            f"/assessments/{c}/results/",
            f"/assessments/{site.empty.pk}/results/",
            f"/assessments/{c}/roadmap/",
            f"/assessments/{c}/benchmark/",
            f"/assessments/{a}/benchmark/?region=oceania",  # too small: the notice
            "/accounts/api-token/",
            "/accounts/settings/",
            "/accounts/password_change/",
            "/accounts/password_change/done/",
            "/api/docs/",
            *framework_pages,
        ]
    if role == "editor":
        return [
            "/",
            f"/assessments/{a}/",
            f"/assessments/{a}/questionnaire/DEV/",
            f"/assessments/{a}/submit/",
        ]
    if role == "viewer":
        return [
            "/",
            f"/organisations/{o}/",
            f"/assessments/{a}/",
            f"/assessments/{a}/results/",
            f"/assessments/{c}/roadmap/",
            f"/assessments/{c}/benchmark/",
            f"/assessments/{a}/history/",
            f"/assessments/{a}/inventory/",
        ]
    assert role == "admin"
    return [
        "/admin/",
        "/admin/capabilities/framework/",
        f"/admin/capabilities/framework/{f.pk}/change/",
        "/admin/capabilities/question/",
        f"/admin/capabilities/question/{question}/change/",
        "/admin/capabilities/capability/",
        f"/admin/capabilities/capability/{capability}/change/",
        "/admin/capabilities/section/",
        "/admin/assessment/organisation/",
        "/admin/benchmark/contribution/",
        *framework_pages,
    ]


def open_as(browser, live_server, user, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(path=str(AXE))
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return context, page


def check(page, url: str, width: int) -> list[str]:
    response = page.goto(url)
    found = []
    if response is None or response.status >= 400:
        return [f"HTTP {response.status if response else 'no answer'}"]
    page.wait_for_load_state("networkidle")
    if page.locator("[data-figure]").count():
        page.wait_for_function(
            "n => document.querySelectorAll('[data-figure] .main-svg').length >= n",
            arg=page.locator("[data-figure]").count(),
        )
    if "/api/docs/" in url:
        # Checked with an operation open for trying out: its form and examples.
        page.wait_for_selector(".swagger-ui .opblock")
        page.locator(".opblock-post .opblock-summary-control").first.click()
        page.get_by_role("button", name="Try it out").click()
        page.wait_for_selector(".swagger-ui .execute")
    for violation in page.evaluate(RUN_AXE, TAGS):
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        found.extend(f"    {node}" for node in violation["nodes"][:4])
        if len(violation["nodes"]) > 4:
            found.append(f"    … and {len(violation['nodes']) - 4} more")
    if width <= 320:
        wide = page.evaluate(SIDEWAYS)
        if wide:
            found.append("reflow: the page scrolls sideways at 320 px: " + "; ".join(wide))
    return found


@pytest.mark.parametrize("role", ["anonymous", "owner", "editor", "viewer", "admin"])
def test_every_page_passes_axe_at_1280_and_320_px(role, site, live_server, browser):
    user = site.users.get(role)
    problems: dict[str, list[str]] = {}
    checked = 0
    for width in WIDTHS:
        context, page = open_as(browser, live_server, user, width)
        try:
            for path in pages_for(role, site):
                found = check(page, live_server.url + path, width)
                checked += 1
                if found:
                    problems[f"{path} at {width} px"] = found
        finally:
            context.close()
    if os.environ.get("AXE_REPORT"):
        with open(os.environ["AXE_REPORT"], "a") as report:
            for where, found in problems.items():
                rules = [line for line in found if not line.startswith("    ")]
                report.write(f"{role} {where}: {len(rules)} {rules}\n")
    listing = "\n".join(
        f"{where}:\n" + "\n".join(f"  {line}" for line in found)
        for where, found in problems.items()
    )
    assert not problems, f"{len(problems)} of {checked} pages fail for {role}:\n{listing}"


# The text of read-only answers: axe leaves disabled controls out of its
# contrast rule, so this measures their labels itself.
READ_ONLY_CONTRAST = """
() => {
  const rgb = (css) => css.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const background = (el) => {
    for (let p = el; p; p = p.parentElement) {
      const colour = rgb(getComputedStyle(p).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) { return colour; }
    }
    return [255, 255, 255];
  };
  const faded = (el) => {
    let opacity = 1;
    for (let p = el; p; p = p.parentElement) { opacity *= Number(getComputedStyle(p).opacity); }
    return opacity;
  };
  const worst = [];
  const texts = "fieldset[disabled] label, fieldset[disabled] legend";
  for (const el of document.querySelectorAll(texts)) {
    const fg = luminance(rgb(getComputedStyle(el).color));
    const bg = luminance(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5 || faded(el) < 1) {
      const text = el.textContent.trim().slice(0, 40);
      worst.push(text + " " + ratio.toFixed(2) + ":1, opacity " + faded(el));
    }
  }
  return [document.querySelectorAll("fieldset[disabled] label").length, worst];
}
"""


def test_read_only_answers_keep_their_contrast(site, live_server, browser):
    context, page = open_as(browser, live_server, site.users["owner"], 1280)
    try:
        page.goto(f"{live_server.url}/assessments/{site.assessment.pk}/questionnaire/DEV/")
        labels, worst = page.evaluate(READ_ONLY_CONTRAST)
    finally:
        context.close()
    assert labels > 0  # the owner's response is submitted: the page is read-only
    assert worst == []
