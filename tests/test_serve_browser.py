"""The checking page in a real browser: Debian's headless Chromium, driven by Selenium.

`make test` installs chromium and chromium-driver (see the Makefile's `browser` target);
without them this test fails and says how to get them, it is not skipped.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from serve_support import SAMPLE_TEXT, running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def browser(width: int = 1280, height: int = 900, *, phone: bool = False) -> WebDriver:
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        pytest.fail("the browser test needs Debian's chromium and chromium-driver: make browser")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={width},{height}",
        "--lang=vi",
    ):
        options.add_argument(argument)
    if phone:  # a window is never narrower than 500 px: a phone's screen is emulated
        metrics = {"width": width, "height": height, "pixelRatio": 2}
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
    # The driver named: Selenium must not look for (or download) one of its own.
    return webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with running_server() as url:
        yield url


def test_the_page_checks_the_dropped_sample_and_offers_a_pdf(base: str, tmp_path: Path) -> None:
    driver = browser()
    try:
        wait = WebDriverWait(driver, 60)
        driver.get(base + "/")
        # The sample's file, given to the page's file input as a drop gives it.
        driver.find_element(By.ID, "file").send_keys(str(SAMPLE_TEXT))
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#list li")))
        codes = {
            li.get_attribute("data-code")
            for li in driver.find_elements(By.CSS_SELECTOR, "#list li")
        }
        assert {"BC502", "BC504"} <= codes
        status = driver.find_element(By.ID, "status").text
        assert "cảnh báo" in status
        # Lines of findings are highlighted in the numbered text beside them.
        line = driver.find_element(By.CSS_SELECTOR, "#list li[data-code=BC502]").get_attribute(
            "data-line"
        )
        row = driver.find_element(By.ID, f"L{line}")
        assert "info" in (row.get_attribute("class") or "")
        assert row.find_element(By.CSS_SELECTOR, ".t").text.strip()
        # English, with the same findings.
        driver.find_element(By.ID, "lang-en").click()
        assert "warning" in driver.find_element(By.ID, "status").text
        # The PDF: a button that fetches it, then a link to the file made.
        driver.find_element(By.ID, "download-pdf").click()
        link = wait.until(
            ec.presence_of_element_located((By.CSS_SELECTOR, "a.file-link[data-format=pdf]"))
        )
        assert (link.get_attribute("href") or "").startswith("blob:")
        assert link.get_attribute("download") == "bao-cao-ttdn-tuy-phuoc-2022.pdf"
        assert int(link.get_attribute("data-size") or 0) > 10_000
        for fmt in ("edxml", "xml"):
            assert driver.find_element(By.ID, f"download-{fmt}").is_displayed()
        assert not [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        driver.quit()


def test_the_page_fits_a_phone_and_shows_a_problem_plainly(base: str) -> None:
    driver = browser(390, 844, phone=True)
    try:
        driver.get(base + "/?lang=en")
        text = driver.find_element(By.ID, "text")
        text.send_keys("title: [unclosed")
        driver.find_element(By.ID, "check").click()
        WebDriverWait(driver, 30).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, "#status .problem"))
        )
        # Nothing wider than the screen: no sideways scrolling on a phone.
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390
        assert "not an administrative document" in driver.find_element(By.ID, "status").text
        # The place the reader gave up is shown as a finding on its line.
        problem = driver.find_element(By.CSS_SELECTOR, "#list li.error")
        assert problem.get_attribute("data-line") == "1"
        assert "error" in (driver.find_element(By.ID, "L1").get_attribute("class") or "")
    finally:
        driver.quit()
