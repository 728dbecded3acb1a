"""`mkdocs serve` restarts itself when a hook's Python file changes, and survives a broken one."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.project import REPO_ROOT

from .conftest import serve_project
from .servers import Server, assert_reloaded, mark_document

# Starting again takes a few seconds, and an open page polls a stopped server every 3 s.
RESTART_TIMEOUT = 60.0

SERVE_HOOK = """\
from pathlib import Path

import words
from builds.restarts import restart_on_hook_edits


def on_page_markdown(markdown, **kwargs):
    return f"{markdown}\\n\\nThe word is {words.WORD}.\\n"


def on_serve(server, config, builder):
    hooks = Path(config.config_file_path).parent / "hooks"
    return restart_on_hook_edits(server, config.config_file_path, hooks)
"""
CONFIG = "site_name: Restarts\ntheme: mkdocs\nhooks: [hooks/serve_hook.py]\nwatch: [hooks]\n"
ERROR_RE = re.compile(r"^ERROR .*", re.MULTILINE)


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """Serve a one-page project whose hook prints the word of `hooks/words.py` in the page."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (project / "hooks").mkdir()
    (project / "hooks/serve_hook.py").write_text(SERVE_HOOK, encoding="utf-8")
    (project / "hooks/words.py").write_text('WORD = "first"\n', encoding="utf-8")
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    # The hook imports `builds.restarts` from the repository's hooks/, as the site's hooks do.
    pythonpath = [str(REPO_ROOT / "hooks"), *filter(None, [os.environ.get("PYTHONPATH")])]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(pythonpath))
    with serve_project(project, tmp_path) as server:
        yield server


def wait_for(condition: Callable[[], bool], what: str, timeout: float = RESTART_TIMEOUT) -> None:
    """Wait until `condition()` holds, or fail saying `what` did not happen."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {timeout:.0f} s", pytrace=False)
        time.sleep(0.2)


def page_text(server: Server) -> str:
    """Return the home page's HTML, or "" while the server is restarting."""
    try:
        return httpx.get(f"{server.url}/", timeout=5).text
    except httpx.TransportError:
        return ""


def serving_lines(server: Server) -> list[str]:
    """Return the server's "Serving on" lines: one per start, the restarts included."""
    return re.findall(r"Serving on http://\S+", server.log())


def temporary_sites(server: Server) -> list[Path]:
    """Return the temporary site folders of `mkdocs serve` (TMPDIR is the log's folder)."""
    return sorted(server.log_path.parent.glob("mkdocs_*"))


def write_words(server: Server, text: str) -> None:
    """Save `hooks/words.py` with `text`, as an author's editor would."""
    (server.project / "hooks/words.py").write_text(text, encoding="utf-8")


@pytest.mark.browser
def test_hook_edit_restarts_and_reloads_the_open_page(served: Server, page: Page) -> None:
    """The open page reloads by itself with the new word, served by the same process and port."""
    page.goto(f"{served.url}/")
    body = page.locator("body")
    expect(body).to_contain_text("The word is first.")
    mark_document(page)
    first_site = temporary_sites(served)
    assert serving_lines(served) == [f"Serving on {served.url}/"]

    write_words(served, 'WORD = "second"\n')

    expect(body).to_contain_text("The word is second.", timeout=RESTART_TIMEOUT * 1000)
    assert_reloaded(page)
    assert served.process.poll() is None, "mkdocs serve stopped"
    # The same process (exec keeps its pid) started serving again, on the same address.
    assert serving_lines(served) == [f"Serving on {served.url}/"] * 2
    log = served.log()
    assert "INFO    -  restarts: hooks/words.py changed: restarting the server" in log
    assert ERROR_RE.findall(log) == []
    assert "Traceback" not in log
    # The first process's temporary site is gone; the second's is the only one.
    assert len(first_site) == 1
    assert first_site[0] not in temporary_sites(served)
    assert len(temporary_sites(served)) == 1


def test_broken_hook_keeps_the_last_good_site_until_fixed(served: Server) -> None:
    """A syntax error logs one line naming file and line; the old site answers; a fix restarts."""
    assert "The word is first." in page_text(served)

    write_words(served, 'WORD = "second"\nif True\n')

    wait_for(lambda: ERROR_RE.search(served.log()), "no error was logged")
    broken = "hooks/words.py:2: SyntaxError: expected ':'"
    message = f"ERROR   -  restarts: {broken}; serving the last good site until it is fixed"
    assert ERROR_RE.findall(served.log()) == [message]
    started = time.monotonic()
    response = httpx.get(f"{served.url}/", timeout=10)
    assert response.status_code == 200
    assert "The word is first." in response.text
    assert time.monotonic() - started < 5

    # Each save is checked again.
    write_words(served, 'WORD = "second"\n\nWORD = = "third"\n')
    wait_for(lambda: len(ERROR_RE.findall(served.log())) == 2, "the second save was not checked")
    assert ERROR_RE.findall(served.log())[1].startswith("ERROR   -  restarts: hooks/words.py:3: ")
    assert "The word is first." in page_text(served)

    write_words(served, 'WORD = "fixed"\n')

    wait_for(lambda: "The word is fixed." in page_text(served), "the fix was not served")
    assert served.process.poll() is None, "mkdocs serve stopped"
    assert serving_lines(served) == [f"Serving on {served.url}/"] * 2
    log = served.log()
    assert len(ERROR_RE.findall(log)) == 2
    assert "restarts: hooks/words.py changed: restarting the server" in log
    assert "Traceback" not in log
    assert "appear stuck" not in log
