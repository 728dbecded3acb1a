"""Servers of a copy of the project for the browser tests, and telling that a page reloaded."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page

from tests.project import mkdocs_env

TUTORIAL = "tutorial/background-tasks/"
# The URL prefix of each language: English at the root.
PREFIXES = {"en": "", "pt": "pt/", "ru": "ru/"}
READY_TIMEOUT = 60.0
# A rebuild of the three languages takes a few seconds; a missed reload must still fail soon.
RELOAD_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class Server:
    """A running server of a project copy: its base URL, the copy, and the server's log."""

    url: str
    project: Path
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        """Return everything the server has printed so far."""
        return self.log_path.read_text(encoding="utf-8")

    def page_url(self, lang: str) -> str:
        """Return the URL of the tutorial page in `lang`."""
        return f"{self.url}/{PREFIXES[lang]}{TUTORIAL}"


def free_port() -> int:
    """Return a port nobody listens on now, so parallel workers each get their own."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Stop a server: Ctrl-C first so `mkdocs serve` removes its build folder, then kill."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_server(command: list[str], cwd: Path, url: str, log_path: Path) -> subprocess.Popen:
    """Start `command` with its output in `log_path`; return once `url` answers 200."""
    env = mkdocs_env(log_path.parent)
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    stop(process)
    log_text = log_path.read_text(encoding="utf-8")
    pytest.fail(f"{' '.join(command)} did not serve {url}:\n{log_text}", pytrace=False)


def mark_document(page: Page) -> None:
    """Tag the current document, so a reload is told from the same document changed in place."""
    page.evaluate("window.__marker = 1")


def assert_reloaded(page: Page) -> None:
    """Assert the page holds a new document: the tag set by `mark_document` is gone."""
    assert page.evaluate("window.__marker") is None
