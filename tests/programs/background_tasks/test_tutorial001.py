"""tutorial001: the notification is written to log.txt after the response has been sent."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from operator import attrgetter
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from ..asgi_harness import check_after_response, exchange, read_file
from ..tested_programs import find_programs, program_params
from ..uvicorn_server import Server, poll
from .refused_requests import REFUSED_REQUESTS, RefusedRequest

TESTED_PROGRAMS = find_programs("background_tasks/tutorial001.py")

TARGET = "/send-notification/foo@example.com"
RESPONSE = {"message": "Notification sent in the background"}
NOTIFICATION = "notification for foo@example.com: some notification"
# Long enough that the client has its whole response before the slowed task writes anything.
TASK_DELAY = 1.0
TIMEOUT = 15.0


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
    result = exchange(
        program.app, refused.method, refused.target, effect=partial(read_file, tmp_path / "log.txt")
    )
    assert result.status == refused.status
    assert result.json() == {"detail": refused.detail}
    check_after_response(result, None)


def test_failing_task_leaves_the_response_alone(
    program: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A task that raises fails after the client has its 200 and JSON, and writes nothing."""

    def fail(*args: object, **kwargs: object) -> None:
        """Stand in for the task, and fail."""
        raise RuntimeError("the task failed on purpose")

    monkeypatch.setattr(program, "write_notification", fail)
    result = exchange(program.app, "POST", TARGET, effect=partial(read_file, tmp_path / "log.txt"))
    assert result.complete
    assert result.status == 200
    assert result.json() == RESPONSE
    assert repr(result.error) == "RuntimeError('the task failed on purpose')"
    assert result.effect_at_return is None


def test_served_response_arrives_before_the_task_runs(
    program_path: Path, serve: Callable[..., Server]
) -> None:
    """Under uvicorn the client has the whole response while the slowed task still sleeps."""
    server = serve(program_path, task="write_notification", delay=TASK_DELAY)
    log = server.cwd / "log.txt"
    with httpx.Client(base_url=server.url, timeout=TIMEOUT) as client:
        response = client.post(TARGET)
        log_on_arrival = read_file(log)
    assert response.status_code == 200
    assert response.json() == RESPONSE
    assert log_on_arrival is None
    assert poll(partial(read_file, log), lambda text: text == NOTIFICATION, TIMEOUT) == NOTIFICATION


def test_served_failing_task_leaves_the_response_alone(
    program_path: Path, serve: Callable[..., Server]
) -> None:
    """Under uvicorn a task that raises leaves the client's 200 and JSON, and the server up."""
    server = serve(program_path, task="write_notification", raises="failed on purpose")
    with httpx.Client(base_url=server.url, timeout=TIMEOUT) as client:
        response = client.post(TARGET)
        output = poll(server.read_output, lambda text: "failed on purpose" in text, TIMEOUT)
        again = client.post(TARGET)
    assert (response.status_code, response.json()) == (200, RESPONSE)
    assert "RuntimeError: failed on purpose" in output
    assert (again.status_code, again.json()) == (200, RESPONSE)
    assert read_file(server.cwd / "log.txt") is None


def test_served_refused_requests_run_no_task(server: Server) -> None:
    """Under uvicorn each refused request gets the framework's error, and no task runs."""
    with httpx.Client(base_url=server.url, timeout=TIMEOUT) as client:
        answers = [client.request(refused.method, refused.target) for refused in REFUSED_REQUESTS]
    # A graceful stop waits for running tasks, so any task these requests started is done.
    server.stop()
    assert [(answer.status_code, answer.json()) for answer in answers] == [
        (refused.status, {"detail": refused.detail}) for refused in REFUSED_REQUESTS
    ]
    assert read_file(server.cwd / "log.txt") is None
