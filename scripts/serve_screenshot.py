"""docs/serve-page.png: the checking page after it checked the sample, in headless
Chromium (needs chromium and chromium-driver: make browser). Run from the repo root:

    .venv/bin/python scripts/serve_screenshot.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from serve_support import SAMPLE_TEXT, running_server  # noqa: E402
from test_serve_browser import browser  # noqa: E402


def main() -> None:
    with running_server() as base:
        driver = browser(1280, 860)
        try:
            driver.get(base + "/")
            driver.find_element(By.ID, "file").send_keys(str(SAMPLE_TEXT))
            wait = WebDriverWait(driver, 60)
            wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#list li")))
            driver.find_element(By.CSS_SELECTOR, "#list li[data-code=BC502]").click()
            driver.find_element(By.ID, "download-pdf").click()
            wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "a.file-link")))
            driver.save_screenshot(str(ROOT / "docs" / "serve-page.png"))
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
