"""Debian's Chromium through Playwright, for the browser tests.

A module that needs it calls ``playwright_or_skip()`` at import: without
/usr/bin/chromium or Playwright the module is skipped, not failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def playwright_or_skip():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)
    return pytest.importorskip("playwright.sync_api")


@contextmanager
def chromium_context(width: int = 1280, height: int = 900) -> Iterator:
    """A fresh browser context; everything is closed afterwards."""
    sync_api = playwright_or_skip()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            yield browser.new_context(viewport={"width": width, "height": height})
        finally:
            browser.close()
            # Database work done while Playwright's loop ran opened its own
            # connection; left open, PostgreSQL could not drop the test database.
            connections.close_all()
