"""tutorial002 and its variants: the dependency's and the route's tasks log after the response."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from operator import attrgetter
from pathlib import Path
from types import ModuleType

import anyio
import httpx
import pytest

from runs.harness import check_after_response, exchange, read_file

from ..tested_programs import find_programs, program_params
from ..uvicorn_server import Server, poll
from .route_checks import (
    FAILURE,
    REFUSED_REQUESTS,
    TASK_DELAY,
    TIMEOUT,
    RefusedRequest,
    check_failing_task,
    check_refused,
    check_served_failing_task,
    check_served_late_task,
    check_served_refusals,
    fail,
)

TESTED_PROGRAMS = find_programs("background_tasks/tutorial002.py")

TARGET = "/send-notification/foo@example.com"
QUERY = "?q=some-query"
RESPONSE = {"message": "Message sent"}
# The page: with a query the dependency logs it first, then the route logs the message.
LOGS = {
    QUERY: "found query: some-query\nmessage to foo@example.com\n",
    "": "message to foo@example.com\n",
    # An empty q is falsy, so the dependency adds no task for it.
    "?q=": "message to foo@example.com\n",
}
LOAD = 300
LOAD_TIMEOUT = 60.0


@pytest.fixture(params=program_params(TESTED_PROGRAMS))
def program_path(request: pytest.FixtureRequest) -> Path:
    """Each tutorial002 variant on disk."""
    return request.param


@pytest.mark.parametrize("query", LOGS, ids=["with-q", "without-q", "empty-q"])
def test_log_is_written_after_the_response(program: ModuleType, tmp_path: Path, query: str) -> None:
    """The response is complete before log.txt exists; it holds the page's lines at return."""
    result = exchange(
        program.app, "POST", TARGET + query, effect=partial(read_file, tmp_path / "log.txt")
    )
    assert result.status == 200
    assert result.json() == RESPONSE
    check_after_response(result, LOGS[query])


@pytest.mark.parametrize("refused", REFUSED_REQUESTS, ids=attrgetter("name"))
def test_refused_request_runs_no_task(
    program: ModuleType, tmp_path: Path, refused: RefusedRequest
) -> None:
    """A request the route refuses gets the framework's error, and nothing is logged."""
    # With a query, even the dependency's task would show if the route ran.
    check_refused(program, tmp_path / "log.txt", refused, query=QUERY)


def test_failing_task_leaves_the_response_alone(
    program: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A task that raises fails after the client has its 200 and JSON, and logs nothing."""
    monkeypatch.setattr(program, "write_log", fail)
    check_failing_task(program, tmp_path / "log.txt", TARGET + QUERY, RESPONSE)


def test_served_response_arrives_before_the_tasks_run(
    program_path: Path, serve: Callable[..., Server]
) -> None:
    """Under uvicorn the client has the whole response while the slowed tasks still sleep."""
    server = serve(program_path, task="write_log", delay=TASK_DELAY)
    check_served_late_task(server, TARGET + QUERY, RESPONSE, LOGS[QUERY])


def test_served_failing_task_leaves_the_response_alone(
    program_path: Path, serve: Callable[..., Server]
) -> None:
    """Under uvicorn a task that raises leaves the client's 200 and JSON, and the server up."""
    server = serve(program_path, task="write_log", raises=FAILURE)
    check_served_failing_task(server, TARGET + QUERY, RESPONSE)


def test_served_refused_requests_run_no_task(server: Server) -> None:
    """Under uvicorn each refused request gets the framework's error, and no task runs."""
    check_served_refusals(server, query=QUERY)


@pytest.mark.anyio
async def test_served_load_loses_no_task(server: Server) -> None:
    """300 concurrent requests are all answered, and every one's two lines are logged in order."""
    statuses: dict[int, tuple[int, object]] = {}

    async def send(client: httpx.AsyncClient, number: int) -> None:
        """Send request `number`, with its own email and query, and keep its answer."""
        response = await client.post(
            f"/send-notification/user{number}@example.com", params={"q": f"query-{number}"}
        )
        statuses[number] = (response.status_code, response.json())

    limits = httpx.Limits(max_connections=LOAD, max_keepalive_connections=LOAD)
    with anyio.fail_after(LOAD_TIMEOUT):
        async with (
            httpx.AsyncClient(base_url=server.url, limits=limits, timeout=TIMEOUT) as client,
            anyio.create_task_group() as requests,
        ):
            for number in range(LOAD):
                requests.start_soon(send, client, number)
    assert statuses == {number: (200, RESPONSE) for number in range(LOAD)}

    log = server.cwd / "log.txt"
    lines = poll(
        lambda: (read_file(log) or "").splitlines(),
        lambda lines: len(lines) >= 2 * LOAD,
        TIMEOUT,
    )
    # Nothing more may come: a graceful stop waits for tasks still running.
    server.stop()
    assert read_file(log).splitlines() == lines
    pairs = [
        (f"found query: query-{number}", f"message to user{number}@example.com")
        for number in range(LOAD)
    ]
    assert sorted(lines) == sorted(line for pair in pairs for line in pair)
    position = {line: index for index, line in enumerate(lines)}
    assert [(found, sent) for found, sent in pairs if position[found] > position[sent]] == []
