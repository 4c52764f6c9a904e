"""Contributions in admin: counted per framework version, excluded by an administrator."""

import pytest

from benchmark.models import Contribution
from tests import benchmark_factories as peers

pytestmark = pytest.mark.django_db

LIST = "/admin/benchmark/contribution/"


def test_the_list_counts_contributions_per_framework_version(admin_client, framework):
    contributions = peers.make_contributors(framework, 3)
    Contribution.objects.filter(pk=contributions[0].pk).update(excluded=True)
    page = admin_client.get(LIST).content.decode()
    assert "Contributions per framework version" in page
    assert "<td>Tiny framework 1</td><td>2</td><td>1</td>" in page


def test_an_administrator_excludes_and_includes_a_contribution(admin_client, framework):
    contribution, other = peers.make_contributors(framework, 2)
    response = admin_client.post(
        LIST,
        {"action": "exclude_from_benchmark", "_selected_action": [contribution.pk]},
        follow=True,
    )
    assert "1 contribution excluded." in response.content.decode()
    assert list(Contribution.objects.filter(excluded=True)) == [contribution]
    admin_client.post(
        LIST, {"action": "include_in_benchmark", "_selected_action": [contribution.pk]}
    )
    assert not Contribution.objects.filter(excluded=True).exists()


def test_contributions_are_not_added_in_admin(admin_client):
    assert admin_client.get(LIST + "add/").status_code == 403
