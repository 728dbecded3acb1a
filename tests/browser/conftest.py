"""Fixtures of the browser tests: a served copy of the project, and Chromium."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.project import REPO_ROOT, build_site, copy_project

from .servers import Server, free_port, start_server, stop

# Root here, no network: no sandbox, no GPU, and nothing that phones home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Server]:
    """Run the README's `mkdocs serve --livereload --dirty` on a copy of the project, on a port
    of its own."""
    with serve_project(copy_project(tmp_path / "project"), tmp_path, "--dirty") as server:
        yield server


@contextmanager
def serve_project(project: Path, tmp_path: Path, *options: str) -> Iterator[Server]:
    """Run `mkdocs serve --livereload` with `options` on `project`, on a port of its own."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", *options]
    command += ["-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    process = start_server(command, project, f"{url}/", log_path)
    server = Server(url, project, process, log_path)
    try:
        yield server
    finally:
        stop(process)
        # pytest shows this only when the test fails.
        print(f"--- {log_path} ---\n{server.log()}")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Build the site with `mkdocs build --strict` and serve the result as static files."""
    tmp = tmp_path_factory.mktemp("site")
    # A build only reads its sources, so it reads the repository's own.
    project = REPO_ROOT
    build = build_site(project / "mkdocs.yml", tmp / "site")
    assert build.returncode == 0, build.log
    built = build.site
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp / "http.log"
    command = [sys.executable, "-m", "http.server", str(port), "-b", "127.0.0.1", "-d", str(built)]
    process = start_server(command, tmp, f"{url}/", log_path)
    try:
        yield Server(url, project, process, log_path)
    finally:
        stop(process)


def chromium_path() -> str:
    """Return the system Chromium to drive: Playwright must never download a browser."""
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        pytest.fail(
            "No Chromium found for the browser tests: run `bash tests/install-chromium.sh`, "
            "or set CHROMIUM_PATH to a Chromium executable.",
            pytrace=False,
        )
    return path


# Per test, not per session: Playwright's sync API keeps an event loop running in the main
# thread while it is open, and any asyncio test run by the same worker meanwhile would fail.
@pytest.fixture
def browser() -> Iterator[Browser]:
    """Launch a headless Chromium for one test."""
    yield from launch_chromium()


def launch_chromium() -> Iterator[Browser]:
    """Yield a headless Chromium, closed when the caller's fixture ends."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """Open a page in a fresh browser context, so no test sees another's storage."""
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()
