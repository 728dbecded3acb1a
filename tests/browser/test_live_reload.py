"""`mkdocs serve` reloads an open page by itself when a program or a page changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .servers import RELOAD_TIMEOUT_MS, Server, assert_reloaded, mark_document

pytestmark = pytest.mark.browser


def replace_text(path: Path, old: str, new: str) -> None:
    """Replace `old`, which must be there, by `new` in the file at `path`."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "pt"])
def test_program_edit_reloads_page(serve: Server, page: Page, lang: str) -> None:
    """Editing an included program reloads the open page, which shows the new code."""
    page.goto(serve.page_url(lang))
    # The first code block is tutorial001.py (the English prose quotes the same call inline).
    code = page.locator("article .highlight code").first
    expect(code).to_contain_text('message="some notification"')
    mark_document(page)

    program = serve.project / "docs_src/background_tasks/tutorial001.py"
    replace_text(program, 'message="some notification"', 'message="edited notification"')

    expect(code).to_contain_text('message="edited notification"', timeout=RELOAD_TIMEOUT_MS)
    assert_reloaded(page)


def test_page_edit_reloads_page(serve: Server, page: Page) -> None:
    """Editing a page's Markdown reloads that page open in the browser, which shows the edit."""
    page.goto(serve.page_url("ru"))
    article = page.locator("article")
    old = "Вы можете создавать фоновые задачи"
    new = "Здесь можно создавать фоновые задачи"
    expect(article).to_contain_text(old)
    mark_document(page)

    replace_text(serve.project / "docs/ru/tutorial/background-tasks.md", old, new)

    expect(article).to_contain_text(new, timeout=RELOAD_TIMEOUT_MS)
    expect(article).not_to_contain_text(old)
    assert_reloaded(page)


def test_hook_edit_reloads_page(serve: Server, page: Page) -> None:
    """Editing the directive's own code takes effect on the next reload, without a restart."""
    page.goto(serve.page_url("en"))
    summary = page.locator("article details summary")
    old, new = "🤓 Other versions and variants", "🤓 Every other variant"
    expect(summary).to_have_text(old)
    mark_document(page)

    replace_text(serve.project / "hooks/variant_includes/labels.py", old, new)

    expect(summary).to_have_text(new, timeout=RELOAD_TIMEOUT_MS)
    assert_reloaded(page)
