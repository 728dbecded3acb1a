"""Drive any ASGI app by hand, and catch the moment its response is complete.

`exchange` calls `await app(scope, receive, send)` itself and records every message the app
sends. When the app sends its last body message (`more_body` false) the response is complete,
and the harness takes a snapshot of the effect under test, before the app goes on; it takes a
second one when the app returns. `check_after_response` then says whether the work was done
after the response: absent at the first snapshot, exactly as expected at the second.

One oracle for two users: the behaviour tests of `docs_src` check with it, and the build's
runner (`runs.runner`) measures with it the transcripts the pages show.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import anyio

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# An app that waits forever (say, on a receive that never comes) fails instead of hanging.
TIMEOUT = 10.0


class HarnessError(AssertionError):
    """The app broke the ASGI HTTP protocol, so its exchange cannot be judged."""


class OrderingError(AssertionError):
    """The effect was there before the response was complete, or is wrong when the app returned."""


@dataclass(frozen=True)
class Exchange:
    """What an app did with one request: what it sent, and the effect at two moments."""

    messages: tuple[Message, ...]
    complete: bool
    effect_at_response: object
    effect_at_return: object
    error: Exception | None

    @property
    def status(self) -> int:
        """Return the response's status code."""
        return self.messages[0]["status"]

    @property
    def headers(self) -> dict[str, str]:
        """Return the response's headers, names in lower case."""
        return {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in self.messages[0].get("headers", [])
        }

    @property
    def body(self) -> bytes:
        """Return the response body, all its parts joined."""
        return b"".join(message.get("body", b"") for message in self.messages[1:])

    def json(self) -> Any:
        """Return the response body parsed as JSON."""
        return json.loads(self.body)


def read_file(path: Path) -> str | None:
    """Return a file's text, or None when it does not exist: the snapshot of a file effect."""
    try:
        return path.read_text()
    except FileNotFoundError:
        return None


def build_scope(method: str, target: str, headers: Iterable[tuple[bytes, bytes]]) -> Scope:
    """Build an HTTP scope for `target` (path and query, percent-encoded) as uvicorn does.

    The path is decoded with `unquote`, like uvicorn's, so `%2F` becomes a real slash there.
    """
    raw_path, _, query = target.partition("?")
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": unquote(raw_path),
        "raw_path": raw_path.encode("ascii"),
        "query_string": query.encode("ascii"),
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }


async def drive(
    app: ASGIApp,
    scope: Scope,
    body: bytes,
    effect: Callable[[], object],
    timeout: float,
) -> Exchange:
    """Run the app on one request and record its messages and the two effect snapshots."""
    messages: list[Message] = []
    snapshots: list[object] = []
    violations: list[str] = []
    response_complete = anyio.Event()
    request_given = False

    async def receive() -> Message:
        """Give the whole request body once; then wait, like a client, until the response ends."""
        nonlocal request_given
        if not request_given:
            request_given = True
            return {"type": "http.request", "body": body, "more_body": False}
        await response_complete.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        """Record a message; on the last body message, snapshot the effect before returning."""
        expected = "http.response.start" if not messages else "http.response.body"
        if response_complete.is_set():
            violations.append(f"sent {message['type']} after the response was complete")
        elif message["type"] != expected:
            violations.append(f"sent {message['type']} where {expected} was due")
        messages.append(dict(message))
        if message["type"] == "http.response.body" and not message.get("more_body", False):
            # The app is suspended in this await: nothing it does after sending has run yet.
            snapshots.append(effect())
            response_complete.set()

    error: Exception | None = None
    with anyio.fail_after(timeout):
        try:
            await app(scope, receive, send)
        except Exception as raised:  # the app's own failure is part of what it did
            error = raised
    if violations:
        raise HarnessError("; ".join(violations)) from error
    return Exchange(
        messages=tuple(messages),
        complete=response_complete.is_set(),
        effect_at_response=snapshots[0] if snapshots else None,
        effect_at_return=effect(),
        error=error,
    )


def exchange(
    app: ASGIApp,
    method: str,
    target: str,
    *,
    effect: Callable[[], object],
    body: bytes = b"",
    headers: Iterable[tuple[bytes, bytes]] = (),
    timeout: float = TIMEOUT,
) -> Exchange:
    """Send one request to the app in a fresh event loop and return what happened."""
    scope = build_scope(method, target, headers)
    return anyio.run(functools.partial(drive, app, scope, body, effect, timeout))


def check_after_response(exchange: Exchange, expected: object) -> None:
    """Check the effect was absent when the response was complete, and is `expected` at return.

    `expected=None` checks that no effect happened at all, as for a refused request.
    """
    if exchange.error is not None:
        raise OrderingError(f"the app raised {exchange.error!r}") from exchange.error
    if not exchange.complete:
        raise OrderingError("the app returned without sending its last body message")
    if exchange.effect_at_response is not None:
        raise OrderingError(
            "the effect was already there when the response was complete "
            f"({exchange.effect_at_response!r}); the work must run after the response"
        )
    if exchange.effect_at_return != expected:
        raise OrderingError(
            f"when the app returned the effect was {exchange.effect_at_return!r}, "
            f"expected {expected!r}"
        )
