"""The PDF report renders every character a user types, and is tagged
(PDF/UA-1) for screen readers."""

import io

import pytest
from pypdf import PdfReader

from assessment import services
from reports import pdf
from tests.factories import answer

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

# Greek, Cyrillic, Arabic, Chinese and an emoji: DejaVu Sans covers the first
# three, Noto the rest (bin/system-packages installs both).
NAME = "Στατιστική Статистика إحصاء 统计局 📊"


@pytest.fixture
def report(world):
    world.organisation.name = NAME
    world.organisation.save()
    answer(world.owner_response, "DEV-01", current=1, target=3)
    answer(world.owner_response, "DEV-02", current=2, target=3)
    services.response_submit(response=world.owner_response)
    return PdfReader(io.BytesIO(pdf.report_pdf(world.assessment)))


def test_every_character_of_a_name_in_any_script_renders(report):
    # A character no font has is drawn as the .notdef box, which maps back to
    # no text: so every character comes back out of the PDF only if a font
    # drew it (checked against a private-use character, which does not).
    text = report.pages[0].extract_text()
    missing = [c for c in NAME if not c.isspace() and c not in text]
    assert missing == []


def test_the_report_is_a_tagged_pdf_with_language_and_title(report):
    catalog = report.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])  # pdfinfo: "Tagged: yes"
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en"
    assert report.metadata.title.startswith("ML maturity 2026")
