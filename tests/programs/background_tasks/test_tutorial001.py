"""tutorial001: the notification is written to log.txt after the response has been sent."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from operator import attrgetter
from pathlib import Path
from types import ModuleType

import pytest

from runs.harness import check_after_response, exchange, read_file

from ..tested_programs import find_programs, program_params
from ..uvicorn_server import Server
from .route_checks import (
    FAILURE,
    REFUSED_REQUESTS,
    TASK_DELAY,
    RefusedRequest,
    check_failing_task,
    check_refused,
    check_served_failing_task,
    check_served_late_task,
    check_served_refusals,
    fail,
)

TESTED_PROGRAMS = find_programs("background_tasks/tutorial001.py")

TARGET = "/send-notification/foo@example.com"
RESPONSE = {"message": "Notification sent in the background"}
NOTIFICATION = "notification for foo@example.com: some notification"


@pytest.fixture(params=program_params(TESTED_PROGRAMS))
def program_path(request: pytest.FixtureRequest) -> Path:
    """Each tutorial001 program on disk."""
    return request.param


def test_notification_is_written_after_the_response(program: ModuleType, tmp_path: Path) -> None:
    """The response is complete before log.txt exists; it holds the notification at return."""
    result = exchange(program.app, "POST", TARGET, effect=partial(read_file, tmp_path / "log.txt"))
    assert result.status == 200
    assert result.json() == RESPONSE
    check_after_response(result, NOTIFICATION)


@pytest.mark.parametrize("refused", REFUSED_REQUESTS, ids=attrgetter("name"))
def test_refused_request_runs_no_task(
    program: ModuleType, tmp_path: Path, refused: RefusedRequest
) -> None:
    """A request the route refuses gets the framework's error, and no notification is written."""
    check_refused(program, tmp_path / "log.txt", refused, query="")


def test_failing_task_leaves_the_response_alone(
    program: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A task that raises fails after the client has its 200 and JSON, and writes nothing."""
    monkeypatch.setattr(program, "write_notification", fail)
    check_failing_task(program, tmp_path / "log.txt", TARGET, RESPONSE)


def test_served_response_arrives_before_the_task_runs(
    program_path: Path, serve: Callable[..., Server]
) -> None:
    """Under uvicorn the client has the whole response while the slowed task still sleeps."""
    server = serve(program_path, task="write_notification", delay=TASK_DELAY)
    check_served_late_task(server, TARGET, RESPONSE, NOTIFICATION)


def test_served_failing_task_leaves_the_response_alone(
    program_path: Path, serve: Callable[..., Server]
) -> None:
    """Under uvicorn a task that raises leaves the client's 200 and JSON, and the server up."""
    server = serve(program_path, task="write_notification", raises=FAILURE)
    check_served_failing_task(server, TARGET, RESPONSE)


def test_served_refused_requests_run_no_task(server: Server) -> None:
    """Under uvicorn each refused request gets the framework's error, and no task runs."""
    check_served_refusals(server, query="")
