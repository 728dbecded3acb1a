"""Checks both tutorials share: they serve the same `POST /send-notification/{email}` route.

Each check sends a request and asserts what the page describes; the test modules say which
program, which task and which answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import ModuleType

import httpx

from runs.harness import check_after_response, exchange, read_file

from ..uvicorn_server import Server, poll

# Long enough that the client has its whole response before a slowed task writes anything.
TASK_DELAY = 1.0
TIMEOUT = 15.0
FAILURE = "the task failed on purpose"


@dataclass(frozen=True)
class RefusedRequest:
    """A request the route refuses, and the framework's answer to it."""

    name: str
    method: str
    target: str
    status: int
    detail: str


REFUSED_REQUESTS = (
    RefusedRequest("get-on-post-route", "GET", "/send-notification/foo@example.com", 405,
                   "Method Not Allowed"),
    RefusedRequest("missing-email", "POST", "/send-notification/", 404, "Not Found"),
    # uvicorn decodes %2F into a real slash, so the path has one segment too many.
    RefusedRequest("encoded-slash-in-email", "POST", "/send-notification/a%2Fb", 404, "Not Found"),
)  # fmt: skip


def fail(*args: object, **kwargs: object) -> None:
    """Stand in for a program's task, and fail."""
    raise RuntimeError(FAILURE)


def check_refused(program: ModuleType, log: Path, refused: RefusedRequest, query: str) -> None:
    """In process: a refused request gets the framework's error, and no task ever runs."""
    result = exchange(
        program.app, refused.method, refused.target + query, effect=partial(read_file, log)
    )
    assert result.status == refused.status
    assert result.json() == {"detail": refused.detail}
    check_after_response(result, None)


def check_failing_task(program: ModuleType, log: Path, target: str, response: object) -> None:
    """In process: a task made to `fail` raises only after the complete 200 response."""
    result = exchange(program.app, "POST", target, effect=partial(read_file, log))
    assert result.complete
    assert result.status == 200
    assert result.json() == response
    assert repr(result.error) == f"RuntimeError({FAILURE!r})"
    assert result.effect_at_return is None


def check_served_late_task(server: Server, target: str, response: object, logged: str) -> None:
    """Over TCP: the response has fully arrived while the slowed task sleeps; then it logs."""
    log = server.cwd / "log.txt"
    with httpx.Client(base_url=server.url, timeout=TIMEOUT) as client:
        answer = client.post(target)
        log_on_arrival = read_file(log)
    assert answer.status_code == 200
    assert answer.json() == response
    assert log_on_arrival is None
    assert poll(partial(read_file, log), lambda text: text == logged, TIMEOUT) == logged


def check_served_failing_task(server: Server, target: str, response: object) -> None:
    """Over TCP: a task that raises leaves the client's 200 and JSON, and the server up."""
    with httpx.Client(base_url=server.url, timeout=TIMEOUT) as client:
        answer = client.post(target)
        output = poll(server.read_output, lambda text: FAILURE in text, TIMEOUT)
    # uvicorn closes the connection whose app raised, just after logging it; a
    # client that reused it could race that close, so "still up" is a new one.
    with httpx.Client(base_url=server.url, timeout=TIMEOUT) as client:
        again = client.post(target)
    assert (answer.status_code, answer.json()) == (200, response)
    assert f"RuntimeError: {FAILURE}" in output
    assert (again.status_code, again.json()) == (200, response)
    assert read_file(server.cwd / "log.txt") is None


def check_served_refusals(server: Server, query: str) -> None:
    """Over TCP: each refused request gets the framework's error, and no task runs."""
    with httpx.Client(base_url=server.url, timeout=TIMEOUT) as client:
        answers = [
            client.request(refused.method, refused.target + query) for refused in REFUSED_REQUESTS
        ]
    # A graceful stop waits for running tasks, so any task these requests started is done.
    server.stop()
    assert [(answer.status_code, answer.json()) for answer in answers] == [
        (refused.status, {"detail": refused.detail}) for refused in REFUSED_REQUESTS
    ]
    assert read_file(server.cwd / "log.txt") is None
