"""manage.py flush still empties the database, published versions included.

On SQLite flush deletes row by row, which the publishing freeze refuses for
published versions unless the command suspends it (PostgreSQL truncates).
"""

import pytest
from django.core.management import call_command
from django.db import transaction

from capabilities.guards import PublishedFrameworkError
from capabilities.models import Framework, Level
from tests.factories import make_framework


# Transactional, as in the tests that flush between tests: on PostgreSQL a
# flush inside the test's transaction would meet pending constraint checks.
@pytest.mark.django_db(transaction=True)
def test_flush_empties_published_versions_and_the_freeze_stays():
    make_framework()
    call_command("flush", interactive=False, verbosity=0)
    assert not Framework.objects.exists()

    framework = make_framework()
    with pytest.raises(PublishedFrameworkError), transaction.atomic():
        Level.objects.filter(framework=framework).delete()
    assert Level.objects.filter(framework=framework).count() == 4
