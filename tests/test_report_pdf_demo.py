"""The demo assessment's PDF report, as a director gets it: a main report of
at most 12 pages that speaks in names, and the annex on request."""

import io
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from pypdf import PdfReader

from assessment.models import Organisation
from capabilities.models import Capability
from reports import pdf
from tests.test_reference_framework import FIRST_VERSION
from tests.test_reference_framework import PATH as REFERENCE

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]
MAIN_REPORT_MAX_PAGES = 12


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # load_demo refuses otherwise (well-known passwords)
    call_command("load_framework", str(FIRST_VERSION), str(REFERENCE), stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    organisation = Organisation.objects.get(name="Statistics Demoland")
    return organisation.assessments.order_by("created_at").last()


def pages_of(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def test_a_short_main_report_in_names_and_the_annex_on_request(demo):
    pages = pages_of(pdf.report_pdf(demo))
    assert len(pages) <= MAIN_REPORT_MAX_PAGES
    text = " ".join(pages)
    for heading in ("Executive summary", "Results", "Capability roadmap", "What to do next"):
        assert heading in text
    assert "Compared with peer offices" in text  # the demo's fictional peers contribute
    summary = next(page for page in pages[1:] if "Executive summary" in page)
    # The summary names the level, the gaps and the first steps...
    assert re.search(r"Level \d of 4: (Initial|Spreading|Widespread|Mature)", summary)
    roadmap = pdf.report_source(demo).context["roadmap"]
    assert roadmap.first_phase[0].name in summary
    # ... and never by a bare capability code.
    codes = set(Capability.objects.filter(framework=demo.framework).values_list("code", flat=True))
    assert codes
    assert not [
        code for code in codes if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", summary)
    ]
    # The answers are in the annex only.
    assert "Every answer" not in text

    # In French too (about 15% longer), and in French throughout.
    with translation.override("fr"):
        french = pages_of(pdf.report_pdf(demo))
    assert len(french) <= MAIN_REPORT_MAX_PAGES
    french_text = " ".join(french)
    for heading in ("Synthèse", "Résultats", "Feuille de route des capacités", "La suite à donner"):
        assert heading in french_text
    for english in ("Executive summary", "What to do next", "Largest gaps", "First steps"):
        assert english not in french_text

    with_annex = pages_of(pdf.report_pdf(demo, annex=True))
    assert len(with_annex) > len(pages)
    text = " ".join(with_annex)
    for heading in ("Annex: the detail", "Question by question", "Every answer"):
        assert heading in text
    # Each question once in "Question by question": its text appears once
    # there, not once per topic, principle and component.
    question = demo.framework.questions.order_by("section__position", "position").first()
    detail = text[text.rindex("Question by question") : text.rindex("The roadmap item by item")]
    assert detail.count(" ".join(question.text.split())[:60]) == 1
