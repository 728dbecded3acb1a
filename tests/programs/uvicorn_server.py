"""A real uvicorn process on 127.0.0.1 serving one program, for tests that go over TCP."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

HERE = Path(__file__).resolve().parent
T = TypeVar("T")

# Port 0 lets the kernel pick a free port, with no race; uvicorn then logs the one it got.
STARTED_RE = re.compile(r"Uvicorn running on (?P<url>http://127\.0\.0\.1:\d+)")
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
POLL_INTERVAL = 0.05


class ServerError(RuntimeError):
    """uvicorn did not start, or exited early; the message holds its output."""


class Server:
    """A running uvicorn: where to reach it, its working directory, and its log."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, cwd: Path, output: Path) -> None:
        self.process = process
        self.url = url
        self.cwd = cwd
        self.output = output

    def read_output(self) -> str:
        """Return what uvicorn has logged so far."""
        return self.output.read_text(errors="replace")

    def stop(self) -> None:
        """Stop uvicorn now; it finishes the tasks already running before it exits."""
        stop(self.process)


def poll(read: Callable[[], T], done: Callable[[T], bool], timeout: float) -> T:
    """Read until `done(value)` or `timeout` seconds pass; return the last value read.

    Work that happens after the response is only ever observed by polling: the caller asserts
    on the returned value, so a failure shows what was there when the time ran out.
    """
    deadline = time.monotonic() + timeout
    value = read()
    while not done(value) and time.monotonic() < deadline:
        time.sleep(POLL_INTERVAL)
        value = read()
    return value


@contextmanager
def run_uvicorn(
    program: Path,
    folder: Path,
    *,
    task: str | None = None,
    delay: float = 0.0,
    raises: str | None = None,
) -> Iterator[Server]:
    """Serve `program` with uvicorn, working in `folder / "cwd"`, until the block ends.

    With `task` (the name of the program's task function) `served_app` wraps the task: it sleeps
    `delay` seconds first, and with `raises` it raises RuntimeError(raises) instead of working.
    """
    served = {
        "SERVED_PROGRAM": str(program),
        "SERVED_TASK": task or "",
        "SERVED_TASK_DELAY": str(delay),
        "SERVED_TASK_RAISES": raises or "",
    }
    with run_app("served_app:app", HERE, folder, served) as server:
        yield server


@contextmanager
def run_app(
    app: str, app_dir: Path, folder: Path, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Run `uvicorn app --app-dir app_dir` in `folder / "cwd"` until the block ends."""
    cwd = folder / "cwd"
    cwd.mkdir()
    output = folder / "uvicorn.log"
    # The server imports programs from the repository: it must not write bytecode there.
    env = {**os.environ, **(env or {}), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [
        sys.executable, "-m", "uvicorn", app,
        "--app-dir", str(app_dir),
        "--host", "127.0.0.1",
        "--port", "0",
        "--no-access-log",
        "--timeout-graceful-shutdown", str(int(STOP_TIMEOUT / 2)),
    ]  # fmt: skip
    with output.open("wb") as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = wait_until_started(process, output)
        yield Server(process, url, cwd, output)
    finally:
        stop(process)


def wait_until_started(process: subprocess.Popen[bytes], output: Path) -> str:
    """Poll uvicorn's log for its "running on" line and return the URL; fail if it exits first."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        text = output.read_text(errors="replace")
        started = STARTED_RE.search(text)
        if started:
            return started["url"]
        if process.poll() is not None:
            raise ServerError(f"uvicorn exited with {process.returncode}:\n{text}")
        time.sleep(POLL_INTERVAL)
    raise ServerError(f"uvicorn did not start in {START_TIMEOUT} s:\n{output.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop uvicorn gracefully (SIGTERM lets it finish running tasks), or kill it if it hangs."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
