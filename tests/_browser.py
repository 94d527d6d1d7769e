"""Headless Chromium for the browser tests: network blocked, a fresh profile, or a skip (a failure under CI)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile

import pytest

CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
    # No name resolves and every connection goes to a closed local port.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    "--window-size=1600,1000",
)


def _find(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def require_browser() -> tuple[str, str]:
    """Chromium and chromedriver, or a skip; with ``CI`` set a missing browser fails."""
    chromium = _find("chromium", "chromium-browser", "google-chrome")
    driver_path = _find("chromedriver")
    if not chromium or not driver_path:
        message = ("headless Chromium and chromedriver are needed for the browser tests: "
                   "apt-get install -y chromium chromium-driver")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return chromium, driver_path


@contextlib.contextmanager
def chromium_driver(capabilities: dict | None = None):
    """A headless Chromium WebDriver with :data:`CHROMIUM_FLAGS` and its own profile, quit and removed after."""
    chromium, driver_path = require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="partnet-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS + (f"--user-data-dir={profile}",):
        options.add_argument(flag)
    for name, value in (capabilities or {}).items():
        options.set_capability(name, value)
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
