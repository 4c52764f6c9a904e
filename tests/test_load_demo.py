from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_creates_demo_accounts_once(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Demo data: present." in out.getvalue()
    assert get_user_model().objects.count() == 2
    assert authenticate(username="demo", password="demo").is_superuser is False
    assert authenticate(username="admin", password="admin").is_superuser is True


def test_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="for local use only"):
        call_command("load_demo", stdout=StringIO())
    assert not get_user_model().objects.exists()
