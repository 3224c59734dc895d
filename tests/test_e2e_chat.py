"""The chat page in a real browser (Debian chromium through Playwright) against a running `python app.py`."""
from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app_process import REPO, running_app

import playwright.sync_api as playwright_api

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = REPO / "test-artifacts"
ANKARA = "When was the memorandum of understanding with Ankara signed?"
ANSWER_TIMEOUT_MS = 180_000
# Collects every Content-Security-Policy violation the page reports (the app's own scripts must cause none).
WATCH_CSP = """document.addEventListener('securitypolicyviolation', e =>
    (window.__csp = window.__csp || []).push(e.effectiveDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '')));"""


@pytest.fixture(scope="module", autouse=True)
def chromium_installed():
    # A missing browser is a failure, not a skip: the README's test command installs it.
    assert CHROMIUM.exists(), "Debian chromium is missing: apt-get install chromium (see README.md)"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("e2e")) as app:
        yield app


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@contextmanager
def watched_page(browser, url: str, **options):
    """The app's page in a new browser context, with every Content-Security-Policy violation and every dialog a
    script opens recorded; on leaving, asserts that the page caused no CSP violation."""
    context = browser.new_context(**options)
    page = context.new_page()
    page.js_dialogs = []  # any alert/confirm a script opens lands here
    page.on("dialog", lambda d: (page.js_dialogs.append(d.message), d.dismiss()))
    page.csp_console = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_console.append(m.text))
    page.add_init_script(WATCH_CSP)
    page.goto(url)
    page.wait_for_selector("#bxl-question textarea")
    yield page
    assert page.evaluate("window.__csp || []") == [] and page.csp_console == []
    context.close()


@pytest.fixture
def page(browser, server):
    with watched_page(browser, server.url, viewport={"width": 1280, "height": 900}, accept_downloads=True,
                      permissions=["clipboard-read", "clipboard-write"]) as page:
        yield page


def ask(page, question: str) -> float:
    """Types a question, sends it and waits for the final answer (its source links); returns the seconds it took."""
    answers = page.locator("#bxl-chat [data-testid='bot']")
    before = answers.count()
    page.fill("#bxl-question textarea", question)
    started = time.monotonic()
    page.click("#bxl-ask")
    page.wait_for_function(
        "n => { const m = document.querySelectorAll(\"#bxl-chat [data-testid='bot']\");"
        " return m.length > n && !m[m.length - 1].innerText.includes('▍')"
        " && !m[m.length - 1].innerText.includes('Searching the press releases'); }",
        arg=before, timeout=ANSWER_TIMEOUT_MS)
    return time.monotonic() - started


def last_answer(page):
    return page.locator("#bxl-chat [data-testid='bot']").last


def test_answer_with_clickable_citation_and_source_card(page):
    seconds = ask(page, ANKARA)
    answer = last_answer(page)
    assert "26 October 2021" in answer.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "answer.png"))
    (ARTIFACTS / "timings.txt").open("a").write(f"browser answer latency: {seconds:.2f} s\n")
    print(f"browser-seen answer latency: {seconds:.2f} s")
    answer.locator("a[href*='/view/source/']").first.click()
    quote = page.locator("#bxl-dialog mark.bxl-quote")
    quote.wait_for()
    assert "26 October 2021" in quote.inner_text()
    assert "The Brussels-Capital Region visits Istanbul and Ankara" in page.locator("#bxl-dialog h2").inner_text()
    assert "000_d436b39325961c28.txt" in page.locator("#bxl-dialog .bxl-meta").inner_text()
    page.click("#bxl-dialog a.bxl-read")  # the whole release, the quote still highlighted
    page.locator("#bxl-dialog .bxl-release mark#quote").wait_for()
    assert "Quito" not in page.locator("#bxl-dialog .bxl-text").inner_text()
    assert len(page.locator("#bxl-dialog .bxl-text").inner_text()) > 3000


def test_follow_up_question_uses_the_conversation(page):
    ask(page, "Who signed the memorandum of understanding with Quito?")
    ask(page, "Which themes will they work on together?")  # "they" only makes sense with the first question
    assert page.locator("#bxl-chat [data-testid='bot']").count() == 2
    links = last_answer(page).locator("a[href*='/view/source/003-cfea4ba6f28da855']")
    assert links.count() > 0, last_answer(page).inner_text()


def test_date_filter_narrows_the_search(page):
    page.fill("#bxl-since input, #bxl-since textarea", "2030")
    ask(page, ANKARA)
    text = last_answer(page).inner_text()
    assert "No answer found in the press releases" in text and "26 October 2021" not in text
    assert "2030" in page.locator("#bxl-filter-status").inner_text()
    page.fill("#bxl-since input, #bxl-since textarea", "")
    ask(page, ANKARA)
    assert "26 October 2021" in last_answer(page).inner_text()


def test_copy_and_export_carry_the_full_citations(page):
    ask(page, ANKARA)
    page.click("#bxl-copy")
    page.wait_for_function("async () => (await navigator.clipboard.readText()).includes('Sources:')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "26 October 2021" in copied and "[1]" in copied and "000_d436b39325961c28.txt" in copied
    with page.expect_download() as download:
        page.click("#bxl-export")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename.endswith(".md")
    assert f"## 1. {ANKARA}" in exported and "Sources:" in exported and "characters" in exported


def test_feedback_with_comment_is_stored_in_sqlite(page, server):
    ask(page, ANKARA)
    page.locator("#bxl-chat button[aria-label='Dislike']").last.click()
    page.locator("#bxl-comment textarea").wait_for()
    page.fill("#bxl-comment textarea", "Missing the name of the mayor")
    page.click("#bxl-save-comment")
    page.wait_for_function("() => document.querySelector('#bxl-feedback-note').innerText.includes('Comment saved')")
    with sqlite3.connect(server.feedback_path) as db:
        rows = db.execute("SELECT rating, comment, question, answer, citations FROM feedback "
                          "WHERE comment = 'Missing the name of the mayor'").fetchall()
    assert len(rows) == 1
    rating, _, question, answer, citations = rows[0]
    assert (rating, question) == ("wrong", ANKARA) and "26 October 2021" in answer and "26 October 2021" in citations


def test_releases_view_lists_and_searches(page):
    page.get_by_role("tab", name="Releases").click()
    rows = page.locator("#bxl-release-table tbody tr")
    rows.first.wait_for()
    assert rows.count() == 3
    page.fill("#bxl-release-search input, #bxl-release-search textarea", "quito")
    page.wait_for_function("() => document.querySelectorAll('#bxl-release-table tbody tr').length === 1")
    assert "Quito" in rows.first.inner_text()


def test_release_with_script_and_onerror_runs_nothing(page):
    ask(page, "What did Brussels and Lille sign?")
    assert "Lille" in last_answer(page).inner_text()
    last_answer(page).locator("a[href*='/view/source/']").first.click()
    page.locator("#bxl-dialog mark").wait_for()
    page.click("#bxl-dialog .bxl-close")
    page.get_by_role("tab", name="Releases").click()
    page.fill("#bxl-release-search input, #bxl-release-search textarea", "lille")
    page.wait_for_function("() => document.querySelectorAll('#bxl-release-table tbody tr').length === 1")
    assert "<img src=x" in page.locator("#bxl-release-table").inner_text()  # shown as text
    page.locator("#bxl-release-table a").first.click()
    page.locator("#bxl-dialog .bxl-text").wait_for()
    assert "<script>window.__pwned=1</script>" in page.locator("#bxl-dialog .bxl-text").inner_text()
    page.wait_for_timeout(500)  # give an onerror handler time to fire, were there one
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.js_dialogs == []
    assert page.locator("img[src='x']").count() == 0


def test_phone_sized_screen(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server.url)
    page.wait_for_selector("#bxl-question textarea")
    ask(page, ANKARA)
    assert "26 October 2021" in last_answer(page).inner_text()
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner  # nothing forces sideways scrolling
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "answer-phone.png"))
    last_answer(page).locator("a[href*='/view/source/']").first.tap()
    page.locator("#bxl-dialog mark").wait_for()
    assert page.locator("#bxl-dialog mark").is_visible()
    context.close()


class _Hostile(BaseHTTPRequestHandler):
    """Another origin that answers any /view/source/ path with a script, readable from anywhere (CORS *)."""

    def do_GET(self):
        body = b'<img src=x onerror="window.__pwned=2"><b id="foreign">foreign content</b>'
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def other_origin():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _click_planted_link(page, href: str) -> None:
    """A link as a release's bare URL becomes one in the chat's Markdown, clicked."""
    page.evaluate("""href => { const a = document.createElement('a'); a.href = href; a.target = '_blank';
        a.id = 'planted'; a.textContent = 'planted link'; document.querySelector('#bxl-chat').appendChild(a); }""", href)
    page.click("#planted")
    page.wait_for_timeout(1000)  # time for a fetch and an onerror handler, were there any


def test_only_the_apps_own_view_links_open_in_the_dialog(page, server, other_origin):
    lille = next(r for r in page.request.get(server.url + "/api/releases?q=lille").json())
    for href in (f"{other_origin}/view/source/x?start=0&end=1",  # another origin
                 f"/api/releases/{lille['id']}?from=/view/source/",  # own origin, JSON holding the raw <img onerror>
                 f"/api/releases/{lille['id']}#/view/release/x"):
        _click_planted_link(page, href)
        assert page.evaluate("typeof window.__pwned") == "undefined", href
        assert page.locator("#bxl-dialog[open]").count() == 0, href
        assert page.locator("#foreign").count() == 0 and page.locator("img[src='x']").count() == 0, href
        page.evaluate("document.querySelector('#planted').remove()")
    for other in page.context.pages[1:]:  # the foreign link opened as an ordinary new tab
        other.close()
    assert page.js_dialogs == []


def test_api_docs_render_from_local_assets_without_csp_violations(browser, server):
    context = browser.new_context()
    page = context.new_page()
    violations, requests = [], []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.on("request", lambda r: requests.append(r.url))
    page.add_init_script(WATCH_CSP)
    page.goto(server.url + "/docs")
    page.locator(".opblock-summary-path", has_text="/api/ask").first.wait_for(timeout=30_000)
    assert page.evaluate("window.__csp || []") == [] and violations == []
    assert all(url.startswith(server.url) or url.startswith("data:") for url in requests), requests
    context.close()
