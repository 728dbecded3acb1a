"""Translations under `mkdocs serve`: an outdated or drifted page says so, and serving goes on."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from .servers import RELOAD_TIMEOUT_MS, Server, assert_reloaded, mark_document
from .test_live_reload import replace_text
from .test_serve_errors import warnings

pytestmark = pytest.mark.browser

EN_PAGE = "docs/en/tutorial/background-tasks.md"
RU_PAGE = "docs/ru/tutorial/background-tasks.md"


def test_english_edit_marks_the_open_translation_outdated(serve: Server, page: Page) -> None:
    """Reading the ru page while English changes: it reloads under the outdated banner."""
    page.goto(serve.page_url("ru"))
    banner = page.locator("article .translation-outdated")
    expect(banner).to_have_count(0)
    mark_document(page)

    replace_text(serve.project / EN_PAGE, "## Recap { #recap }\n", "## Recap { #recap }\n\nSo:\n")

    expect(banner).to_have_count(1, timeout=RELOAD_TIMEOUT_MS)
    assert_reloaded(page)
    expect(banner.locator(".admonition-title")).to_have_text("Перевод устарел")
    banner.locator("a").click()
    expect(page).to_have_url(serve.page_url("en"))


def test_drift_is_shown_then_fixed(serve: Server, page: Page) -> None:
    """A changed highlight in ru: a banner naming page and line, a warning; fixing clears both."""
    page.goto(serve.page_url("ru"))
    banner = page.locator("article .translation-drifted")
    expect(banner).to_have_count(0)
    mark_document(page)

    replace_text(serve.project / RU_PAGE, "hl[13,16,22,25]", "hl[13,17,22,25]")

    expect(banner).to_have_count(1, timeout=RELOAD_TIMEOUT_MS)
    assert_reloaded(page)
    message = banner.locator("code").inner_text()
    assert message.startswith(f"{RU_PAGE}:58: ")
    assert message.endswith("hl[13,16,22,25] in en, hl[13,17,22,25] here")
    assert warnings(serve.log(), "translations") == [f"WARNING -  translations: {message}"]
    assert serve.process.poll() is None, "mkdocs serve stopped"

    mark_document(page)
    replace_text(serve.project / RU_PAGE, "hl[13,17,22,25]", "hl[13,16,22,25]")
    expect(banner).to_have_count(0, timeout=RELOAD_TIMEOUT_MS)
    assert_reloaded(page)


def test_page_that_stays_english_under_serve(serve: Server, page: Page) -> None:
    """A page marked `translate: false` is served in pt in English with one quiet line in
    Portuguese; unmarked, it is a page to translate, under the "not translated yet" banner.
    The log says each once, in one line per language."""
    notes = serve.project / "docs/en/notes.md"
    notes.write_text("---\ntranslate: false\n---\n\n# Notes\n\nText.\n", encoding="utf-8")
    url = f"{serve.url}/pt/notes/"
    deadline = time.monotonic() + RELOAD_TIMEOUT_MS / 1000
    while not page.goto(url).ok:  # the page is served once the save is built
        assert time.monotonic() < deadline, f"{url} was never served"
        time.sleep(0.2)
    quiet = page.locator("article .translation-english-only")
    expect(quiet).to_have_text("Esta página existe apenas em inglês.")
    expect(page.locator("article .translation-banner")).to_have_count(0)
    assert "translations: pt: 1 English-only (notes.md)" in serve.log()
    mark_document(page)

    replace_text(notes, "translate: false\n", "title: Notes\n")

    missing = page.locator("article .translation-missing")
    expect(missing).to_have_count(1, timeout=RELOAD_TIMEOUT_MS)
    assert_reloaded(page)
    expect(quiet).to_have_count(0)
    assert "translations: pt: 1 not translated yet (notes.md)" in serve.log()
