"""Search per language and the language switch, as a reader meets them in Chromium."""

from __future__ import annotations

import time
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, Response, Route, expect

from .servers import PREFIXES, Server

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "pt", "ru"]
# Material fetches a sitemap.xml beside each language root linked in the head.
SITEMAPS = {"/sitemap.xml", "/pt/sitemap.xml", "/ru/sitemap.xml"}
TUTORIAL_TITLES = {
    "en": "Background Tasks",
    "pt": "Tarefas em segundo plano",
    "ru": "Фоновые задачи",
}
# What a reader of each language might type. Every language's pages say "background-tasks", so
# only an index of the English pages alone keeps the others out of the English results.
SEARCHES = [("en", "tasks"), ("pt", "tarefa"), ("ru", "задача")]
RESULT_LINKS = ".md-search-result a.md-search-result__link"
SEARCH_TIMEOUT_MS = 15_000
ANSWER_TIMEOUT = 15.0


class Trouble:
    """Everything of a page that went wrong: failed requests, error answers, console errors."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.found: list[str] = []
        self.requested: set[str] = set()
        self.answered: set[str] = set()
        page.on("request", self.note_request)
        page.on("requestfailed", self.note_failure)
        page.on("response", self.note_response)
        page.on("console", self.note_console)
        page.on("pageerror", lambda error: self.found.append(f"page error: {error}"))

    def note_request(self, request: Request) -> None:
        """Keep the path of every request, to tell that the page asked for what it should."""
        self.requested.add(httpx.URL(request.url).path)

    def note_failure(self, request: Request) -> None:
        """Note a request that got no answer."""
        self.found.append(f"failed: {request.url}: {request.failure}")

    def note_response(self, response: Response) -> None:
        """Note an answer, and whether it has an error status."""
        self.answered.add(httpx.URL(response.url).path)
        if response.status >= 400:
            self.found.append(f"{response.status}: {response.url}")

    def note_console(self, message: ConsoleMessage) -> None:
        """Note an error logged to the console."""
        if message.type == "error":
            self.found.append(f"console: {message.text}")

    def wait_for_answers(self, paths: set[str]) -> None:
        """Wait until the server has answered a request for each of `paths`."""
        deadline = time.monotonic() + ANSWER_TIMEOUT
        while not paths <= self.answered:
            assert time.monotonic() < deadline, f"never answered: {paths - self.answered}"
            self.page.wait_for_timeout(100)


def search(page: Page, query: str) -> list[str]:
    """Type `query` into the header's search box; return the page of every result, sections too.

    A result links its page with the query to highlight (`?h=`) and its section (`#`): dropped.
    """
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    # Playwright types letters its US keyboard lacks (Cyrillic) as text, with no key events, and
    # Material reads the box on keyup: a key press of no effect lets it see the query.
    page.keyboard.press("End")
    results = page.locator(RESULT_LINKS)
    expect(results.first).to_be_attached(timeout=SEARCH_TIMEOUT_MS)
    links = results.evaluate_all("links => links.map(link => link.href)")
    return [urlunsplit(urlsplit(link)._replace(query="", fragment="")) for link in links]


def language_of(server: Server, url: str) -> str:
    """Return the language of a URL of the site, by the root it is under."""
    roots = {lang: f"{server.url}/{PREFIXES[lang]}" for lang in LANGUAGES if PREFIXES[lang]}
    return next((lang for lang, root in roots.items() if url.startswith(root)), "en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_view_makes_no_failed_request(site: Server, page: Page, lang: str) -> None:
    """The tutorial loads its sitemaps, search index and lunr files without a single error."""
    trouble = Trouble(page)
    page.goto(site.page_url(lang))
    page.wait_for_load_state("networkidle")
    assert trouble.found == []
    # The checks above count only if the page did ask for what can fail.
    assert trouble.requested >= {*SITEMAPS, f"/{PREFIXES[lang]}search/search_index.json"}


@pytest.mark.parametrize(("lang", "query"), SEARCHES)
def test_search_finds_its_language_only(site: Server, page: Page, lang: str, query: str) -> None:
    """From a language's home page, search lists that language's pages and no other's."""
    trouble = Trouble(page)
    page.goto(f"{site.url}/{PREFIXES[lang]}")
    found = search(page, query)
    assert {language_of(site, url) for url in found} == {lang}, found
    assert site.page_url(lang) in found
    titles = page.locator(".md-search-result__article h1").all_text_contents()
    assert TUTORIAL_TITLES[lang] in titles
    assert trouble.found == []


def test_selector_switches_to_the_same_page(site: Server, page: Page) -> None:
    """Português to Русский on the tutorial lands on the Russian tutorial, not on its home page.

    Material's JavaScript maps a click under a language root through that root's sitemap, whose
    URLs carry site_url's port, not this server's: it would land on /ru/. The root sitemap comes
    last here, so Material meets the roots of /pt/ and /ru/ first, as it may in any page view.
    """

    def late(route: Route) -> None:
        """Answer the root sitemap after the others (holding Playwright's loop, which is fine)."""
        time.sleep(0.5)
        route.continue_()

    page.route(f"{site.url}/sitemap.xml", late)
    trouble = Trouble(page)
    page.goto(site.page_url("pt"))
    page.wait_for_load_state("networkidle")
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="Русский").click()
    expect(page).to_have_url(site.page_url("ru"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    assert trouble.found == []


def test_languages_under_mkdocs_serve(serve: Server, page: Page) -> None:
    """Under `mkdocs serve` too: Portuguese index and sitemap, search, and the selector."""
    answer = httpx.get(f"{serve.url}/pt/search/search_index.json")
    assert answer.status_code == 200
    assert answer.json()["config"]["lang"] == ["pt"]
    trouble = Trouble(page)
    page.goto(f"{serve.url}/pt/")
    # Live reload keeps a request open, so the network is never idle: wait for what can fail.
    trouble.wait_for_answers({*SITEMAPS, "/pt/search/search_index.json"})
    found = search(page, "tarefa")
    assert serve.page_url("pt") in found
    assert {language_of(serve, url) for url in found} == {"pt"}, found
    assert trouble.found == []

    page.goto(serve.page_url("pt"))
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="Русский").click()
    expect(page).to_have_url(serve.page_url("ru"))
