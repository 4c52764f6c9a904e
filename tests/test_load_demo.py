from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from assessment.models import Answer, Assessment, Organisation
from tests.test_reference_framework import FIRST_VERSION
from tests.test_reference_framework import PATH as REFERENCE

pytestmark = pytest.mark.django_db


def sign_in(username, password):
    # As the sign-in page does: the lockout check needs the request.
    return authenticate(
        RequestFactory().post("/accounts/login/"), username=username, password=password
    )


@pytest.fixture
def reference_framework():
    call_command("load_framework", str(FIRST_VERSION), str(REFERENCE), stdout=StringIO())


def test_creates_a_demo_organisation_once(settings, reference_framework):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Demo data: present." in out.getvalue()
    assert sign_in("demo", "demo").is_superuser is False
    assert sign_in("admin", "admin").is_superuser is True
    organisation = Organisation.objects.get(name="Statistics Demoland")
    assert organisation.memberships.count() == 2
    older, newer = organisation.assessments.order_by("created_at")
    assert older.status == newer.status == Assessment.Status.COMPLETE
    assert newer.previous == older and older.created_at.year < newer.created_at.year
    # Last year's with the first version, this year's with the current one.
    assert (older.framework.version, newer.framework.version) == (1, 3)
    assert newer.responses.filter(submitted_at__isnull=False).count() == 2
    answers = Answer.objects.filter(response__assessment=newer)
    assert answers.count() == 2 * 56  # version 3 has 56 questions
    assert len(set(answers.values_list("current", flat=True))) >= 3  # varied
    assert answers.exclude(comment="").count() >= 10
    assert answers.filter(not_applicable=True).exists()
    assert answers.filter(dont_know=True).exists()


def test_without_a_framework_creates_accounts_only(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    assert sign_in("maria", "maria") is not None
    assert not Organisation.objects.exists()


def test_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="for local use only"):
        call_command("load_demo", stdout=StringIO())
    assert not Organisation.objects.exists()
