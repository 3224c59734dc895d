"""Briefings through a running `python app.py`: POST /api/brief (JSON, .docx, Markdown) and the Briefing tab in a
real browser (Debian chromium through Playwright), under the page's strict Content-Security-Policy."""
from __future__ import annotations

import io
import time

import httpx
import pytest
from docx import Document

from app_process import running_app
from test_e2e_chat import ARGS, ARTIFACTS, CHROMIUM, watched_page

import playwright.sync_api as playwright_api

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BUILD_TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    assert CHROMIUM.exists(), "Debian chromium is missing: apt-get install chromium (see README.md)"
    with running_app(tmp_path_factory.mktemp("e2e-brief")) as app:
        yield app


def _post(server, body: dict, accept: str = "application/json") -> httpx.Response:
    return httpx.post(server.url + "/api/brief", json=body, headers={"Accept": accept}, timeout=60)


def test_api_gives_the_briefing_as_json(server):
    response = _post(server, {"topic": "Turkey", "since": "2021"})
    assert response.status_code == 200 and "default-src 'none'" in response.headers["content-security-policy"]
    b = response.json()
    assert {"2021-02", "2021-10-26"} <= {e["date"] for e in b["timeline"]}
    quotes = {c["number"]: c["quote"] for c in b["citations"]}
    for release_id in {c["release_id"] for c in b["citations"]}:
        text = httpx.get(f"{server.url}/api/releases/{release_id}", timeout=30).json()["text"]
        assert all(text[c["start"]:c["end"]] == quotes[c["number"]] for c in b["citations"]
                   if c["release_id"] == release_id)


def test_api_gives_the_docx_and_the_markdown_the_accept_header_asks_for(server):
    response = _post(server, {"topic": "Turkey"}, accept=DOCX)
    assert response.status_code == 200 and response.headers["content-type"] == DOCX
    assert 'filename="briefing-turkey.docx"' in response.headers["content-disposition"]
    doc = Document(io.BytesIO(response.content))
    assert doc.tables[0].rows[0].cells[0].text == "Date" and len(doc.inline_shapes) == 1
    markdown = _post(server, {"topic": "Turkey"}, accept="text/markdown")
    assert markdown.headers["content-type"].startswith("text/markdown") and "## Timeline" in markdown.text


def test_api_refuses_bad_requests_and_scopes_nothing_published(server):
    b = _post(server, {"topic": "Atlantis", "until": "2023"}).json()
    assert b["empty"] and b["scope"].startswith("Nothing published on Atlantis between ")
    assert _post(server, {"topic": ""}).status_code == 422
    assert _post(server, {"topic": "Turkey", "since": "2021-13"}).status_code == 400
    assert _post(server, {"topic": "Turkey", "extra": 1}).status_code == 422


@pytest.fixture
def page(server):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        with watched_page(browser, server.url, viewport={"width": 1280, "height": 1000}, accept_downloads=True) as page:
            yield page
        browser.close()


def _build(page, topic: str, pick: bool = True) -> float:
    page.get_by_role("tab", name="Briefing").click()
    box = page.locator("#bxl-brief-topic input")
    box.fill(topic[:4] if pick else topic)
    if pick:  # a partner ingestion found, picked from the list
        page.get_by_role("option", name=topic, exact=True).click()
    else:
        page.keyboard.press("Tab")
    started = time.monotonic()
    page.click("#bxl-brief-build")
    page.wait_for_function("t => document.querySelector('#bxl-brief-preview').innerText.includes(t)",
                           arg=f"Briefing: {topic}", timeout=BUILD_TIMEOUT_MS)
    return time.monotonic() - started


def test_briefing_tab_previews_charts_and_downloads(page):
    seconds = _build(page, "Turkey")
    preview = page.locator("#bxl-brief-preview")
    assert "26 October 2021" in preview.inner_text() and "February 2021" in preview.inner_text()
    page.locator("#bxl-brief-chart img").wait_for()
    assert page.locator("#bxl-brief-chart img").evaluate("img => img.naturalWidth") > 500
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "briefing.png"), full_page=True)
    (ARTIFACTS / "timings.txt").open("a").write(f"browser briefing latency: {seconds:.2f} s\n")
    with page.expect_download() as download:
        page.click("#bxl-brief-docx")
    assert download.value.suggested_filename == "briefing-turkey.docx"
    doc = Document(download.value.path())
    assert any(r.cells[0].text == "26 October 2021" for r in doc.tables[0].rows)
    preview.locator("a[href*='/view/source/']").first.click()  # a citation opens its source in the dialog
    page.locator("#bxl-dialog mark.bxl-quote").wait_for()
    assert "000_d436b39325961c28.txt" in page.locator("#bxl-dialog .bxl-meta").inner_text()


def test_briefing_tab_on_a_theme_and_on_nothing(page):
    _build(page, "Atlantis", pick=False)
    assert "Nothing published on Atlantis between" in page.locator("#bxl-brief-preview").inner_text()
    assert not page.locator("#bxl-brief-chart img").count()
