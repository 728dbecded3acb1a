"""A wrong include under `mkdocs serve`: shown in the page and the log, and serving goes on."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from .servers import RELOAD_TIMEOUT_MS, Server, assert_reloaded, mark_document

pytestmark = pytest.mark.browser

DIRECTIVE = "<* ../../docs_src/background_tasks/missing.py *>"
# The title of the error block in each language (hooks/variant_includes/labels.py).
ERROR_TITLES = {"en": "Include error", "pt": "Erro de inclusão", "ru": "Ошибка включения"}
# Every translation keeps this heading anchor, so the wrong line goes to the same place in each.
ANCHOR = "{ #dependency-injection }"


# The server logs a failed request as a WARNING too; those are the browser's, not the build's.
REQUEST_LOG_RE = re.compile(r'WARNING -  \[\d\d:\d\d:\d\d\] "')


def warnings(log: str, source: str = "") -> list[str]:
    """Return the build's WARNING lines of a server log (of one logger, e.g. `includes`)."""
    return [
        line
        for line in log.splitlines()
        if line.startswith(f"WARNING -  {source}") and not REQUEST_LOG_RE.match(line)
    ]


@pytest.mark.parametrize("lang", ["en", "pt", "ru"])
def test_wrong_include_is_shown_then_fixed(serve: Server, page: Page, lang: str) -> None:
    """A wrong include reloads into an error block naming page and line; fixing it clears it."""
    page.goto(serve.page_url(lang))
    # The include's error block, not the banner of a translation that now differs from English.
    errors = page.locator("article .admonition.danger:not(.translation-banner)")
    expect(errors).to_have_count(0)
    assert warnings(serve.log()) == []
    mark_document(page)

    markdown = f"docs/{lang}/tutorial/background-tasks.md"
    page_file = serve.project / markdown
    original = page_file.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    heading = next(i for i, line in enumerate(lines) if line.rstrip().endswith(ANCHOR))
    # The heading follows a blank line; one more blank line keeps the directive on its own.
    broken = [*lines[:heading], f"{DIRECTIVE}\n\n", *lines[heading:]]
    page_file.write_text("".join(broken), encoding="utf-8")
    where = f"{markdown}:{heading + 1}: {DIRECTIVE}: "

    expect(errors).to_have_count(1, timeout=RELOAD_TIMEOUT_MS)
    assert_reloaded(page)
    expect(errors.locator(".admonition-title")).to_have_text(ERROR_TITLES[lang])
    message = errors.locator("code").inner_text().strip()
    assert message.startswith(where)
    assert "does not exist" in message
    # The block sits where the directive was: right before the section's heading.
    expect(page.locator("article .admonition.danger:not(.translation-banner) + h2")).to_have_id(
        "dependency-injection"
    )

    assert serve.process.poll() is None, "mkdocs serve stopped"
    assert httpx.get(serve.page_url(lang)).status_code == 200
    log = serve.log()
    assert warnings(log, "includes") == [f"WARNING -  includes: {message}"]
    assert "Traceback" not in log

    mark_document(page)
    page_file.write_text(original, encoding="utf-8")

    expect(errors).to_have_count(0, timeout=RELOAD_TIMEOUT_MS)
    assert_reloaded(page)
    expect(page.locator("#dependency-injection ~ .tabbed-set code").first).to_contain_text(
        "def get_query(background_tasks: BackgroundTasks"
    )
    # The fixed page builds silently: no new warning since the wrong one.
    assert warnings(serve.log()) == warnings(log)
