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
# A word of each language's tutorial, in a form that the others' pages do not have.
SEARCHES = [("en", "tasks"), ("pt", "tarefa"), ("ru", "задача")]
RESULT_LINKS = ".md-search-result a.md-search-result__link"
SEARCH_TIMEOUT_MS = 15_000


class Trouble:
    """Everything of a page that went wrong: failed requests, error answers, console errors."""

    def __init__(self, page: Page) -> None:
        self.found: list[str] = []
        self.paths: list[str] = []
        page.on("request", self.note_request)
        page.on("requestfailed", self.note_failure)
        page.on("response", self.note_response)
        page.on("console", self.note_console)
        page.on("pageerror", lambda error: self.found.append(f"page error: {error}"))

    def note_request(self, request: Request) -> None:
        """Keep the path of every request, to tell that the page asked for what it should."""
        self.paths.append(httpx.URL(request.url).path)

    def note_failure(self, request: Request) -> None:
        """Note a request that got no answer."""
        self.found.append(f"failed: {request.url}: {request.failure}")

    def note_response(self, response: Response) -> None:
        """Note an answer with an error status."""
        if response.status >= 400:
            self.found.append(f"{response.status}: {response.url}")

    def note_console(self, message: ConsoleMessage) -> None:
        """Note an error logged to the console."""
        if message.type == "error":
            self.found.append(f"console: {message.text}")


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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_view_makes_no_failed_request(site: Server, page: Page, lang: str) -> None:
    """The tutorial loads its sitemaps, index and stemmer without one error, in every language."""
    trouble = Trouble(page)
    page.goto(site.page_url(lang))
    page.wait_for_load_state("networkidle")
    assert trouble.found == []
    # The checks above count only if the page did ask for what can fail.
    assert set(trouble.paths) >= {*SITEMAPS, f"/{PREFIXES[lang]}search/search_index.json"}


def language_of(server: Server, url: str) -> str:
    """Return the language of a URL of the site, by the root it is under."""
    roots = {lang: f"{server.url}/{PREFIXES[lang]}" for lang in LANGUAGES if PREFIXES[lang]}
    return next((lang for lang, root in roots.items() if url.startswith(root)), "en")


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
    """Português to Русский on the tutorial lands on the Russian tutorial, however Material reads
    the sitemaps: the root's comes last here, so its JavaScript meets the language roots first."""

    def late(route: Route) -> None:
        """Answer the root sitemap after the others."""
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


def test_search_under_mkdocs_serve(serve: Server, page: Page) -> None:
    """`mkdocs serve` answers the Portuguese index, and the Portuguese search finds the tutorial."""
    answer = httpx.get(f"{serve.url}/pt/search/search_index.json")
    assert answer.status_code == 200
    assert answer.json()["config"]["lang"] == ["pt"]
    page.goto(f"{serve.url}/pt/")
    found = search(page, "tarefa")
    assert serve.page_url("pt") in found
    assert {language_of(serve, url) for url in found} == {"pt"}, found
