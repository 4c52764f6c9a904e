"""Demo data for local use: accounts with well-known passwords.

Never for production: the command that calls this refuses when DEBUG is off.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

DEMO_USERS = (
    # username, password, is_superuser, what it is for
    ("demo", "demo", False, "a manager who answers questionnaires"),
    ("admin", "admin", True, "an administrator who edits the framework"),
)


@transaction.atomic
def demo_load() -> list[str]:
    """Create the demo accounts if missing; return what was created."""
    created = []
    user_model = get_user_model()
    for username, password, superuser, _purpose in DEMO_USERS:
        user, was_created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if was_created:
            user.set_password(password)
            user.save(update_fields=["password"])
            created.append(username)
    return created
