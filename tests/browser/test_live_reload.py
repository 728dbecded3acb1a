"""`mkdocs serve` reloads an open page by itself when a program, a page or a hook changes."""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx
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
    """Editing the directive's own code restarts the server, at the same address, and the open
    page reloads by itself with the new code."""
    page.goto(serve.page_url("en"))
    summary = page.locator("article details:not(.example) summary")
    old, new = "🤓 Other versions and variants", "🤓 Every other variant"
    expect(summary).to_have_text(old)
    mark_document(page)

    replace_text(serve.project / "hooks/variant_includes/labels.py", old, new)

    expect(summary).to_have_text(new, timeout=RELOAD_TIMEOUT_MS)
    assert_reloaded(page)


BROKEN_LABELS = re.compile(
    r"ERROR   -  restarts: hooks/translations/labels\.py:(\d+): SyntaxError: .*; "
    r"serving the last good site until it is fixed"
)


def wait_for_log(serve: Server, pattern: re.Pattern[str], count: int = 1) -> str:
    """Wait until the server's log matches `pattern` `count` times; return the log."""
    deadline = time.monotonic() + RELOAD_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        log = serve.log()
        if len(pattern.findall(log)) >= count:
            return log
        time.sleep(0.2)
    pytest.fail(f"the log never showed {pattern.pattern}:\n{serve.log()}", pytrace=False)


def test_broken_hook_is_one_error_and_the_last_site_is_served(serve: Server, page: Page) -> None:
    """A syntax error saved in a hook is one error line naming its file and line, no traceback;
    the last good site is served meanwhile, at once; the fix restarts the server."""
    labels = serve.project / "hooks/translations/labels.py"
    good = labels.read_text(encoding="utf-8")
    labels.write_text(good + "\nif True\n", encoding="utf-8")
    log = wait_for_log(serve, BROKEN_LABELS)
    assert BROKEN_LABELS.search(log)[1] == str(good.count("\n") + 2)
    assert len(BROKEN_LABELS.findall(log)) == 1
    assert "Traceback" not in log and "appear stuck" not in log
    status_page = f"{serve.url}/pt/translation-status/"
    answer = httpx.get(status_page, timeout=5)
    assert answer.status_code == 200 and "traduzida" in answer.text
    page.goto(status_page)
    table = page.locator("article table").last  # every page, under the totals
    expect(table).to_contain_text("traduzida")
    mark_document(page)

    labels.write_text(good.replace('"pt": "traduzida",', '"pt": "traduzida e revista",'))
    wait_for_log(serve, re.compile(r"translations/labels\.py changed: restarting the server"))
    expect(table).to_contain_text("traduzida e revista", timeout=RELOAD_TIMEOUT_MS)
    assert_reloaded(page)
    assert "Traceback" not in serve.log()
