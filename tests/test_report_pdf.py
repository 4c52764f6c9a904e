"""The PDF report: /assessments/<id>/report.pdf (WeasyPrint, charts through kaleido)."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from assessment import services
from reports import chart_images, pdf
from reports.models import StoredReport
from tests.factories import answer
from tests.permissions import assert_login_required, assert_status

pytestmark = pytest.mark.django_db
HAS_CHROMIUM = shutil.which("chromium") is not None


@pytest.fixture
def submitted(world):
    world.organisation.name = "Ελληνική Στατιστική Αρχή / Росстат / Statistik Österreich"
    world.organisation.save()
    answer(
        world.owner_response,
        "DEV-01",
        current=1,
        target=3,
        comment="Мы используем Git; ο κώδικας είναι σε GitLab; déjà vu",
        evidence_url="https://git.example.org/ml",
    )
    answer(
        world.owner_response,
        "DEV-02",
        current=2,
        target=3,
        comment='<b>bold</b> <img src="http://example.org/tracker.png"> '
        '<img src="file:///etc/passwd">',
    )
    services.response_submit(response=world.owner_response)
    services.assessment_close(assessment=world.assessment)
    return world


def text_of(content: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def url(world):
    return reverse("report_pdf", args=[world.assessment.pk])


@pytest.mark.pdf
def test_renders_a_real_pdf_with_the_content(client, submitted):
    client.force_login(submitted.viewer)
    response = client.get(url(submitted))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text, pages = text_of(response.content)
    flat = " ".join(text.split())
    assert "Ελληνική Στατιστική Αρχή / Росстат / Statistik Österreich" in flat
    for heading in (
        "Contents",
        "Executive summary",
        "Results",
        "Capability roadmap",
        "What to do next",
    ):
        assert heading in flat
    # The main report holds no answers: they are in the annex.
    assert "Annex: the detail" not in flat
    assert "Мы используем Git" not in flat
    # cover, summary, principles, components, topics, roadmap (timeline, table), next steps
    assert pages == 7


@pytest.mark.pdf
def test_the_annex_adds_the_criteria_each_question_and_every_answer(client, submitted):
    client.force_login(submitted.viewer)
    response = client.get(url(submitted) + "?annex=1")
    assert response.status_code == 200
    assert "annex" in response["Content-Disposition"]
    text, pages = text_of(response.content)
    flat = " ".join(text.split())
    for heading in (
        "Annex: the detail",
        "The level’s criteria",
        "How the level is worked out",
        "Question by question",
        "Every answer",
    ):
        assert heading in flat
    assert "Мы используем Git; ο κώδικας είναι σε GitLab; déjà vu" in flat
    assert "https://git.example.org/ml" in flat
    main_pages = text_of(client.get(url(submitted)).content)[1]
    assert pages > main_pages
    # Two reports stored, each under its own key.
    assert StoredReport.objects.filter(annex=True).count() == 1
    assert StoredReport.objects.filter(annex=False).count() == 1


def test_only_annex_1_asks_for_the_annex(submitted):
    assert pdf.report_source(submitted.assessment).context["annex"] is False
    main_key = pdf.report_source(submitted.assessment).key
    assert pdf.report_source(submitted.assessment, annex=True).key != main_key


@pytest.mark.pdf
def test_typed_html_is_text_and_nothing_is_fetched(submitted):
    fetcher = pdf.AppOnlyURLFetcher()
    text, _pages = text_of(pdf.report_pdf(submitted.assessment, url_fetcher=fetcher, annex=True))
    # Narrow columns may wrap anywhere: compare without whitespace.
    squeezed = "".join(text.split())
    assert '<b>bold</b><imgsrc="http://example.org/tracker.png">' in squeezed  # shown as typed
    assert '<imgsrc="file:///etc/passwd">' in squeezed
    assert fetcher.refused == []  # escaped text: never even asked


@pytest.mark.parametrize("src", ["http://example.org/tracker.png", "file:///etc/passwd"])
def test_the_fetcher_refuses_anything_outside_the_app(src):
    fetcher = pdf.AppOnlyURLFetcher()
    content = pdf.html_to_pdf(f'<p>x</p><img src="{src}">', url_fetcher=fetcher)
    assert content.startswith(b"%PDF")
    assert fetcher.refused == [src]


def test_the_fetcher_serves_the_apps_static_files():
    fetcher = pdf.AppOnlyURLFetcher()
    pdf.html_to_pdf('<link rel="stylesheet" href="/static/css/app.css"><p>x</p>', fetcher)
    assert fetcher.refused == []


@pytest.mark.pdf
@pytest.mark.skipif(not HAS_CHROMIUM, reason="charts need Chromium")
def test_charts_are_vector_svg(submitted):
    html = pdf.report_html(submitted.assessment)
    assert html.count('src="data:image/svg+xml;base64,') >= 3  # radar, gaps, components, roadmap
    assert "shown as tables" not in html


@pytest.mark.pdf
def test_without_chromium_tables_take_the_place_of_charts(client, submitted, monkeypatch):
    monkeypatch.setattr(chart_images, "chromium_path", lambda: None)
    client.force_login(submitted.owner)
    response = client.get(url(submitted))
    text, _pages = text_of(response.content)
    assert response.status_code == 200
    assert "Chromium is not installed on the server" in " ".join(text.split())
    assert "CI/CD automation" in text  # the principles table is there


def test_check_warns_without_chromium(monkeypatch, capsys):
    monkeypatch.setattr("reports.checks.chromium_path", lambda: None)
    call_command("check")
    assert "reports.W001" in capsys.readouterr().err


def test_a_failure_is_a_page_not_a_500_and_the_next_request_tries_again(
    client, submitted, monkeypatch
):
    def broken(html, url_fetcher=None):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(pdf, "html_to_pdf", broken)
    monkeypatch.setattr(chart_images, "chromium_path", lambda: None)  # no Chromium needed
    client.force_login(submitted.owner)
    response = client.get(url(submitted))
    assert response.status_code == 503
    assert "could not be produced" in response.content.decode()
    assert not StoredReport.objects.exists()  # forgotten: the next request tries again


@pytest.mark.pdf
def test_same_data_reuses_the_stored_pdf_and_changed_data_does_not(client, submitted, monkeypatch):
    client.force_login(submitted.owner)
    first = client.get(url(submitted)).content
    laid_out = []
    real_html = pdf.HTML
    monkeypatch.setattr(pdf, "HTML", lambda **kwargs: laid_out.append(1) or real_html(**kwargs))
    assert client.get(url(submitted)).content == first
    assert laid_out == []  # nothing laid out again
    submitted.organisation.name = "Renamed office"
    submitted.organisation.save()
    assert "Renamed office" in text_of(client.get(url(submitted)).content)[0]
    assert laid_out == [1]
    assert StoredReport.objects.filter(status="ready").count() == 2


def test_the_key_follows_the_content(submitted, monkeypatch):
    monkeypatch.setattr(chart_images, "chromium_path", lambda: None)
    first = pdf.report_source(submitted.assessment).key
    assert pdf.report_source(submitted.assessment).key == first
    submitted.organisation.name = "Renamed office"
    submitted.organisation.save()
    submitted.assessment.organisation.refresh_from_db()
    assert pdf.report_source(submitted.assessment).key != first


def test_permissions(client, submitted):
    assert_login_required(client, url(submitted))
    assert_status(client, submitted.outsider, url(submitted), 404)
    assert_status(client, submitted.owner, url(submitted), 405, method="post")


@pytest.mark.pdf
def test_running_header_and_page_numbers_on_every_page_but_the_cover(submitted):
    reader = PdfReader(io.BytesIO(pdf.report_pdf(submitted.assessment)))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert "1 /" not in pages[0]  # the cover has no footer
    for number, text in enumerate(pages[1:], start=2):
        assert f"{number} / {len(pages)}" in text
        assert "ML maturity 2026" in text  # running header


def test_a_report_with_nothing_answered_never_says_no_gaps(world):
    html = pdf.report_html(world.assessment)
    assert "Nothing answered yet" in html
    assert "No gaps" not in html
    assert "there are no gaps" not in html
