"""The built tutorial as a reader sees it in Chromium, in each of its three languages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from .servers import Server

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "pt", "ru"]
LANGUAGE_NAMES = ["English", "Português", "Русский"]
VARIANTS_TITLES = {
    "en": "🤓 Other versions and variants",
    "pt": "🤓 Outras versões e variantes",
    "ru": "🤓 Другие версии и варианты",
}
NON_ANNOTATED = {"en": "non-Annotated", "pt": "sem Annotated", "ru": "без Annotated"}
# The other variants of tutorial002_an_py310.py, in tab order, with their tab labels.
VARIANT_TABS = [
    ("Python 3.9+", "tutorial002_an_py39.py"),
    ("Python 3.8+", "tutorial002_an.py"),
    ("Python 3.10+ - {non}", "tutorial002_py310.py"),
    ("Python 3.8+ - {non}", "tutorial002.py"),
]
# The page highlights lines 13, 16, 22 and 25 of the named file; each variant, their match.
HIGHLIGHTED_LINES = 4


def record_outside_requests(page: Page) -> list[str]:
    """Collect the URL of every request the page makes to a host other than 127.0.0.1."""
    outside: list[str] = []

    def check(request: Request) -> None:
        """Note `request` if it leaves this machine's test server (data: URLs stay here)."""
        url = urlsplit(request.url)
        if url.scheme in {"http", "https", "ws", "wss"} and url.hostname != "127.0.0.1":
            outside.append(request.url)

    page.on("request", check)
    return outside


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tutorial_reads_well(site: Server, page: Page, lang: str, tmp_path: Path) -> None:
    """Variants open on click with their own highlighted code; the language switch stays put."""
    outside = record_outside_requests(page)
    page.goto(site.page_url(lang))
    expect(page.locator("html")).to_have_attribute("lang", lang)

    variants = page.locator("#dependency-injection ~ details:not(.example)")
    expect(variants).to_have_count(1)
    expect(variants.locator("summary")).to_have_text(VARIANTS_TITLES[lang])
    tabs = variants.locator(".tabbed-set")
    expect(tabs).to_be_hidden()
    variants.locator("summary").click()
    expect(tabs).to_be_visible()

    labels = variants.locator(".tabbed-labels > label")
    names = [label.format(non=NON_ANNOTATED[lang]) for label, _ in VARIANT_TABS]
    expect(labels).to_have_text(names)
    for index, (_, name) in enumerate(VARIANT_TABS):
        labels.nth(index).click()
        shown = variants.locator(".tabbed-block:visible")
        expect(shown).to_have_count(1)
        code = shown.locator(".highlight code")
        program = site.project / "docs_src/background_tasks" / name
        assert code.text_content().rstrip() == program.read_text(encoding="utf-8").rstrip(), name
        expect(code.locator(".hll")).to_have_count(HIGHLIGHTED_LINES)

    if lang == "pt":
        # For a human look at the theme, fonts and layout: the opened variants under the header.
        variants.evaluate("details => details.scrollIntoView()")
        page.screenshot(path=tmp_path / "pt-tutorial.png")

    expect(page.locator(".md-select__link")).to_have_text(LANGUAGE_NAMES)
    other = LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]
    # The language list opens on hover, like a reader's mouse does it.
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name=LANGUAGE_NAMES[LANGUAGES.index(other)]).click()
    expect(page).to_have_url(site.page_url(other))
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator("#dependency-injection ~ details:not(.example) summary")).to_have_text(
        VARIANTS_TITLES[other]
    )

    # The theme uses system fonts: no Google Fonts, nor any other request off this machine.
    assert outside == []


# What the transcript under tutorial002 says in each language: its title, and the line over the
# log written after the response.
RUN_TITLES = {
    "en": "What happens when it runs",
    "pt": "O que acontece ao executá-lo",
    "ru": "Что происходит при запуске",
}
WRITTEN_AFTER = {
    "en": "After the response was sent, the program wrote to log.txt, which holds:",
    "pt": "Depois de a resposta ser enviada, o programa escreveu em log.txt, que tem:",
    "ru": "После отправки ответа программа записала в log.txt, и теперь там:",
}
CURL_WITH_QUERY = (
    "curl -X POST 'http://127.0.0.1:8000/send-notification/foo@example.com?q=some-query'"
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_transcript_reads_well_and_its_request_copies(
    site: Server, browser: Browser, lang: str
) -> None:
    """Under tutorial002, open, in the page's language: the command that starts it, each request
    as a command the copy button gives as it is, and the log written after the response."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(site.page_url(lang))
        transcript = page.locator("#dependency-injection ~ details.example")
        expect(transcript).to_have_count(1)
        expect(transcript).to_have_attribute("open", "open")
        expect(transcript.locator("summary")).to_contain_text(RUN_TITLES[lang])
        blocks = transcript.locator(".highlight")
        expect(blocks.nth(0)).to_have_text(
            "uvicorn docs_src.background_tasks.tutorial002_an_py310:app"
        )
        expect(transcript).to_contain_text(WRITTEN_AFTER[lang])
        expect(blocks.nth(3)).to_have_text("found query: some-query\nmessage to foo@example.com")

        request = blocks.nth(1)
        expect(request).to_have_text(CURL_WITH_QUERY)
        request.hover()
        request.locator("button[data-md-type=copy]").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.strip() == CURL_WITH_QUERY
    finally:
        context.close()
