"""The ordering harness passes an app that works after its response, and fails every other one.

The wrong apps are built here, with FastAPI as the tutorials use it or as bare ASGI callables,
so that a green behaviour test means the harness looked, not that it cannot fail.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from fastapi import BackgroundTasks, FastAPI

from runs.harness import (
    HarnessError,
    Message,
    OrderingError,
    Receive,
    Scope,
    Send,
    build_scope,
    check_after_response,
    exchange,
    read_file,
)

START = {"type": "http.response.start", "status": 200, "headers": []}
LAST_BODY = {"type": "http.response.body", "body": b"done", "more_body": False}


def make_app(log: Path, *, before: str = "", task: str | None = None) -> FastAPI:
    """Build a FastAPI app that writes `before` to `log` in its route, and `task` as a task."""
    app = FastAPI()

    def write(text: str) -> None:
        """Append `text` to the log."""
        with log.open("a") as file:
            file.write(text)

    @app.post("/work")
    async def work(background_tasks: BackgroundTasks) -> dict[str, str]:
        """Do the work the test asks for, before or after the response."""
        if before:
            write(before)
        if task is not None:
            background_tasks.add_task(write, task)
        return {"message": "done"}

    return app


def run(app: object, log: Path) -> None:
    """Send one POST /work to the app and check the log is written after the response."""
    check_after_response(exchange(app, "POST", "/work", effect=partial(read_file, log)), "done\n")


def test_work_after_the_response_passes(tmp_path: Path) -> None:
    """An app whose task writes the log after responding passes the check."""
    run(make_app(tmp_path / "log.txt", task="done\n"), tmp_path / "log.txt")


@pytest.mark.parametrize(
    ("before", "task", "message"),
    [
        pytest.param(
            "done\n",
            None,
            "the effect was already there when the response was complete ('done\\n'); "
            "the work must run after the response",
            id="work-before-the-response",
        ),
        pytest.param(
            "", None, "when the app returned the effect was None, expected 'done\\n'", id="no-work"
        ),
        pytest.param(
            "",
            "other\n",
            "when the app returned the effect was 'other\\n', expected 'done\\n'",
            id="wrong-work",
        ),
    ],
)
def test_wrong_work_is_reported(
    tmp_path: Path, before: str, task: str | None, message: str
) -> None:
    """Work done before the response, no work, or other work fails, saying what it saw."""
    log = tmp_path / "log.txt"
    with pytest.raises(OrderingError) as failure:
        run(make_app(log, before=before, task=task), log)
    assert str(failure.value) == message


def test_app_error_is_reported(tmp_path: Path) -> None:
    """An app that raises fails the check, with its error as the cause."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        """Fail before answering."""
        raise ValueError("broken")

    with pytest.raises(OrderingError, match=r"^the app raised ValueError\('broken'\)$") as failure:
        run(app, tmp_path / "log.txt")
    assert isinstance(failure.value.__cause__, ValueError)


def test_unfinished_response_is_reported(tmp_path: Path) -> None:
    """An app that returns with its body still open fails: the response was never complete."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        """Start a body and never end it."""
        await send(START)
        await send({"type": "http.response.body", "body": b"part", "more_body": True})

    with pytest.raises(OrderingError) as failure:
        run(app, tmp_path / "log.txt")
    assert str(failure.value) == "the app returned without sending its last body message"


@pytest.mark.parametrize(
    "messages",
    [
        pytest.param([LAST_BODY], id="body-before-start"),
        pytest.param([START, START, LAST_BODY], id="start-twice"),
        pytest.param([START, LAST_BODY, LAST_BODY], id="body-after-the-end"),
    ],
)
def test_protocol_violation_is_reported(tmp_path: Path, messages: list[Message]) -> None:
    """An app that sends its messages out of order is refused before any check is made."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        """Send the given messages, in the given order."""
        for message in messages:
            await send(message)

    with pytest.raises(HarnessError, match=r"^sent http\.response\.\w+ (where|after)"):
        exchange(app, "POST", "/work", effect=partial(read_file, tmp_path / "log.txt"))


def test_app_that_never_answers_times_out(tmp_path: Path) -> None:
    """An app waiting for more request than there is fails in bounded time instead of hanging."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        """Read past the request: the harness answers only once the response is complete."""
        await receive()
        await receive()

    with pytest.raises(TimeoutError):
        exchange(app, "POST", "/work", effect=partial(read_file, tmp_path / "log.txt"), timeout=0.2)


def test_bare_asgi_app_is_judged_too(tmp_path: Path) -> None:
    """The harness needs no framework: a bare ASGI app that logs after its response passes."""
    log = tmp_path / "log.txt"

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        """Answer, then log, then wait for the client to go."""
        assert (await receive())["type"] == "http.request"
        await send(START)
        await send(LAST_BODY)
        log.write_text("done\n")
        assert (await receive())["type"] == "http.disconnect"

    run(app, log)


def test_scope_decodes_the_path_as_uvicorn_does() -> None:
    """The path is percent-decoded (so %2F is a slash); raw path and query stay as sent."""
    scope = build_scope("POST", "/send-notification/a%2Fb?q=x%20y", [])
    assert (scope["path"], scope["raw_path"], scope["query_string"]) == (
        "/send-notification/a/b",
        b"/send-notification/a%2Fb",
        b"q=x%20y",
    )
