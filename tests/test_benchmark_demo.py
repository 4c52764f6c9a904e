"""benchmark/demo.py through load_demo: fictional peers that the demo manager
is compared with."""

from io import StringIO

import pytest
from django.core.management import call_command

from assessment.models import Assessment, Organisation
from benchmark.demo import PREFIX, profiles
from benchmark.models import Contribution
from benchmark.selectors import benchmark_build
from tests.test_reference_framework import FIRST_VERSION
from tests.test_reference_framework import PATH as REFERENCE

pytestmark = pytest.mark.django_db


def test_load_demo_adds_fictional_contributing_offices_once(settings):
    settings.DEBUG = True
    call_command("load_framework", str(FIRST_VERSION), str(REFERENCE), stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    fictional = Organisation.objects.filter(name__startswith=PREFIX)
    assert fictional.count() == len(profiles()) >= 40
    assert len(set(fictional.values_list("kind", flat=True))) == len(Organisation.Kind)
    assert len(set(fictional.values_list("region", flat=True))) == len(Organisation.Region)
    assert not any(u.has_usable_password() for u in _owners(fictional))
    # Every fictional office and the demo office's 2026 assessment contribute.
    assert Contribution.objects.count() == fictional.count() + 1
    demo = Assessment.objects.get(
        organisation__name="Statistics Demoland", title="ML maturity 2026"
    )
    report = benchmark_build(demo)
    assert report.shown and report.counted
    assert report.benchmark.size == fictional.count() + 1
    assert len(set(Contribution.objects.values_list("level", flat=True))) >= 3  # varied


def _owners(organisations):
    return [m.user for o in organisations for m in o.memberships.select_related("user")]
