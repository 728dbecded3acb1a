"""The runner: a program's app run in a child process, each request's response and file changes
marked before or after the response was complete, and every way a program can fail told."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest

from runs import runner
from runs.requests import Request, parse_requests
from runs.runner import run_program
from runs.transcript import FileChange, RequestRun, Transcript

from .conftest import WriteProgram

REPO_ROOT = Path(__file__).resolve().parents[2]
BACKGROUND_TASKS = REPO_ROOT / "docs_src" / "background_tasks"
TUTORIAL002 = BACKGROUND_TASKS / "tutorial002.py"
TUTORIAL002_VARIANTS = sorted(BACKGROUND_TASKS.glob("tutorial002_*.py"))
WITH_QUERY = Request("POST", "/send-notification/foo@example.com?q=some-query", None)
WITHOUT_QUERY = Request("POST", "/send-notification/foo@example.com", None)
MESSAGE_SENT = '{"message":"Message sent"}'
# Far above what any run here takes, far below a hang.
BOUND = 60.0


def test_tutorial001_writes_the_log_after_the_response():
    """The page's first program answers, then writes log.txt, as its page says."""
    transcript = run_program(BACKGROUND_TASKS / "tutorial001.py", [WITHOUT_QUERY], root=REPO_ROOT)
    assert transcript == Transcript(
        module="docs_src.background_tasks.tutorial001",
        runs=(
            RequestRun(
                WITHOUT_QUERY,
                200,
                '{"message":"Notification sent in the background"}',
                "application/json",
                (
                    FileChange(
                        "log.txt", "notification for foo@example.com: some notification", True
                    ),
                ),
            ),
        ),
        imports=(
            "docs_src/__init__.py",
            "docs_src/background_tasks/__init__.py",
            "docs_src/background_tasks/tutorial001.py",
        ),
    )


def test_tutorial002_logs_the_query_and_the_message_after_the_response():
    """With and without a query, in order and in one folder: the log grows after each response."""
    program = BACKGROUND_TASKS / "tutorial002_an_py310.py"
    transcript = run_program(program, [WITH_QUERY, WITHOUT_QUERY], root=REPO_ROOT)
    assert transcript.module == "docs_src.background_tasks.tutorial002_an_py310"
    assert transcript.error is None
    first = "found query: some-query\nmessage to foo@example.com\n"
    assert transcript.runs == (
        RequestRun(
            WITH_QUERY,
            200,
            MESSAGE_SENT,
            "application/json",
            (FileChange("log.txt", first, True),),
        ),
        RequestRun(
            WITHOUT_QUERY,
            200,
            MESSAGE_SENT,
            "application/json",
            (FileChange("log.txt", first + "message to foo@example.com\n", True),),
        ),
    )


def test_tutorial002_without_a_query_logs_the_message_only():
    """No query, no query line: only the message is logged, after the response."""
    program = BACKGROUND_TASKS / "tutorial002_an_py310.py"
    (run,) = run_program(program, [WITHOUT_QUERY], root=REPO_ROOT).runs
    assert run.changes == (FileChange("log.txt", "message to foo@example.com\n", True),)


@pytest.fixture(scope="module")
def tutorial002() -> Transcript:
    """The transcript of tutorial002.py, which its variants are held to (once per worker)."""
    return run_program(TUTORIAL002, [WITH_QUERY, WITHOUT_QUERY], root=REPO_ROOT)


@pytest.mark.parametrize("variant", TUTORIAL002_VARIANTS, ids=lambda path: path.stem)
def test_tutorial002_variants_behave_alike(tutorial002: Transcript, variant: Path):
    """Every variant of tutorial002 answers and logs as tutorial002.py does."""
    other = run_program(variant, [WITH_QUERY, WITHOUT_QUERY], root=REPO_ROOT)
    assert not tutorial002.failed
    assert not other.failed
    assert tutorial002.same_behaviour(other) is None


def test_work_before_the_response_is_marked_before(write_program: WriteProgram, project: Path):
    """A route that writes the log itself changed it before the response was complete."""
    program = write_program(
        "before",
        """
        from fastapi import FastAPI

        app = FastAPI()


        @app.post("/log")
        def log():
            with open("log.txt", "a") as log:
                log.write("written in the route\\n")
            return {"ok": True}
        """,
    )
    request = Request("POST", "/log", None)
    (run,) = run_program(program, [request], root=project).runs
    assert run == RequestRun(
        request,
        200,
        '{"ok":true}',
        "application/json",
        (FileChange("log.txt", "written in the route\n", False),),
    )


def test_files_made_changed_and_removed(write_program: WriteProgram, project: Path):
    """Files in folders, made, changed and removed, before and after the response, by path."""
    program = write_program(
        "files",
        """
        import os

        from fastapi import BackgroundTasks, FastAPI

        app = FastAPI()


        def tidy():
            os.remove("a.txt")
            with open("data/b.txt", "w") as file:
                file.write("after")


        @app.post("/files")
        def files(background_tasks: BackgroundTasks):
            os.makedirs("data", exist_ok=True)
            with open("data/b.txt", "w") as file:
                file.write("before")
            with open("a.txt", "w") as file:
                file.write("")
            background_tasks.add_task(tidy)
            return None
        """,
    )
    (run,) = run_program(program, [Request("POST", "/files", None)], root=project).runs
    assert run.changes == (
        FileChange("a.txt", "", False),
        FileChange("data/b.txt", "before", False),
        FileChange("a.txt", None, True),
        FileChange("data/b.txt", "after", True),
    )
    assert (run.status, run.body, run.error) == (200, "null", None)


def test_a_json_body_is_sent_as_json(write_program: WriteProgram, project: Path):
    """A request's body arrives as JSON, with its content type; prints do not spoil the report."""
    program = write_program(
        "echo",
        """
        from fastapi import FastAPI, Request

        print("imported")
        app = FastAPI()


        @app.put("/items/{item_id}")
        async def put_item(item_id: int, request: Request):
            print("handling", item_id)
            return {
                "id": item_id,
                "type": request.headers["content-type"],
                "item": await request.json(),
            }
        """,
    )
    request = Request("PUT", "/items/3", '{"name": "Фу"}')
    (run,) = run_program(program, [request], root=project).runs
    assert (run.status, run.body) == (
        200,
        '{"id":3,"type":"application/json","item":{"name":"Фу"}}',
    )


def test_a_route_that_raises(write_program: WriteProgram, project: Path):
    """The framework's 500 is the response; the exception is the run's error."""
    program = write_program(
        "raises",
        """
        from fastapi import FastAPI

        app = FastAPI()


        @app.get("/")
        def fail():
            raise ValueError("the route failed")
        """,
    )
    transcript = run_program(program, [Request("GET", "/", None)], root=project)
    assert transcript.error is None
    assert transcript.failed
    (run,) = transcript.runs
    assert (run.status, run.body, run.content_type, run.changes, run.error) == (
        500,
        "Internal Server Error",
        "text/plain; charset=utf-8",
        (),
        "the app raised ValueError: the route failed",
    )


def test_a_background_task_that_raises(write_program: WriteProgram, project: Path):
    """The response was sent, what the task wrote is shown, and its exception is the error."""
    program = write_program(
        "task_raises",
        """
        from fastapi import BackgroundTasks, FastAPI

        app = FastAPI()


        def work():
            with open("log.txt", "w") as log:
                log.write("started")
            raise RuntimeError


        @app.post("/")
        def start(background_tasks: BackgroundTasks):
            background_tasks.add_task(work)
            return {"ok": True}
        """,
    )
    (run,) = run_program(program, [Request("POST", "/", None)], root=project).runs
    assert run == RequestRun(
        Request("POST", "/", None),
        200,
        '{"ok":true}',
        "application/json",
        (FileChange("log.txt", "started", True),),
        "the app raised RuntimeError",
    )


@pytest.mark.parametrize(
    "wait",
    [
        pytest.param("await asyncio.sleep(3600)", id="async-task"),
        # Run in a worker thread that nothing can stop: the child gives the request up.
        pytest.param("time.sleep(3600)", id="sync-task"),
    ],
)
def test_background_work_that_never_ends(write_program: WriteProgram, project: Path, wait: str):
    """The request is given up after its timeout, and the next one is still sent."""
    is_async = wait.startswith("await")
    program = write_program(
        "never_ends",
        f"""
        import asyncio
        import time

        from fastapi import BackgroundTasks, FastAPI

        app = FastAPI()


        {"async " if is_async else ""}def work():
            with open("log.txt", "a") as log:
                log.write("started\\n")
            {wait}


        @app.post("/hang")
        def hang(background_tasks: BackgroundTasks):
            background_tasks.add_task(work)
            return {{"ok": True}}


        @app.get("/")
        def root():
            return {{"ok": True}}
        """,
    )
    hang, root = Request("POST", "/hang", None), Request("GET", "/", None)
    started = time.monotonic()
    transcript = run_program(program, [hang, root], root=project, timeout=0.5)
    assert time.monotonic() - started < BOUND
    assert transcript.runs == (
        RequestRun(
            hang,
            200,
            '{"ok":true}',
            "application/json",
            (FileChange("log.txt", "started\n", True),),
            "the background work did not end within 0.5 s",
        ),
        RequestRun(root, 200, '{"ok":true}', "application/json", ()),
    )


def test_a_response_that_never_comes(write_program: WriteProgram, project: Path):
    """A route that never returns is given up after the timeout, with no status."""
    program = write_program(
        "no_response",
        """
        import asyncio

        from fastapi import FastAPI

        app = FastAPI()


        @app.get("/")
        async def wait():
            await asyncio.sleep(3600)
        """,
    )
    (run,) = run_program(program, [Request("GET", "/", None)], root=project, timeout=0.5).runs
    assert (run.status, run.body, run.error) == (
        None,
        "",
        "the app did not complete its response within 0.5 s",
    )


@pytest.mark.parametrize(
    ("code", "error"),
    [
        pytest.param(
            """
            async def app(scope, receive, send):
                pass
            """,
            "the app returned without completing its response",
            id="returns-without-response",
        ),
        pytest.param(
            """
            async def app(scope, receive, send):
                await send({"type": "http.response.body", "body": b"", "more_body": False})
            """,
            "the app broke the ASGI protocol: "
            "sent http.response.body where http.response.start was due",
            id="breaks-the-protocol",
        ),
        pytest.param(
            """
            import sys

            async def app(scope, receive, send):
                sys.exit(4)
            """,
            "the app raised SystemExit: 4",
            id="exits",
        ),
    ],
)
def test_apps_that_answer_wrong(write_program: WriteProgram, project: Path, code: str, error: str):
    """Bare ASGI apps that break the exchange are told, not trusted."""
    program = write_program("bare", code)
    (run,) = run_program(program, [Request("GET", "/", None)], root=project).runs
    assert (run.status, run.error) == (None, error)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        pytest.param(
            "import not_a_module_anywhere\n",
            "importing docs_src.broken raised ModuleNotFoundError: "
            "No module named 'not_a_module_anywhere'",
            id="import-error",
        ),
        pytest.param(
            "def broken(:\n",
            "importing docs_src.broken raised SyntaxError: invalid syntax (broken.py, line 1)",
            id="syntax-error",
        ),
        pytest.param(
            "raise SystemExit(2)\n",
            "importing docs_src.broken raised SystemExit: 2",
            id="exits",
        ),
        pytest.param(
            "from fastapi import FastAPI\n\napplication = FastAPI()\n",
            "docs_src.broken has no `app`",
            id="no-app",
        ),
    ],
)
def test_programs_that_cannot_run(
    write_program: WriteProgram, project: Path, code: str, error: str
):
    """A program that cannot be imported, or has no app, is the transcript's error, no runs."""
    program = write_program("broken", code)
    transcript = run_program(program, [Request("GET", "/", None)], root=project)
    assert (transcript.module, transcript.runs, transcript.error) == ("docs_src.broken", (), error)
    assert transcript.failed


def test_a_process_that_dies(write_program: WriteProgram, project: Path):
    """A program that ends its process is told with the exit code and its last words."""
    program = write_program(
        "dies",
        """
        import os
        import sys

        print("giving up", file=sys.stderr, flush=True)
        os._exit(3)
        """,
    )
    transcript = run_program(program, [Request("GET", "/", None)], root=project)
    assert transcript == Transcript(
        "docs_src.dies",
        (),
        "the program's process ended with exit code 3 before it reported: giving up",
    )


def test_a_process_that_hangs_is_stopped(
    write_program: WriteProgram, project: Path, monkeypatch: pytest.MonkeyPatch
):
    """A program stuck at import is stopped at the process's time limit."""
    monkeypatch.setattr(runner, "STARTUP", 1.0)
    program = write_program("hangs", "import time\n\ntime.sleep(3600)\n")
    started = time.monotonic()
    transcript = run_program(program, [Request("GET", "/", None)], root=project, timeout=0.5)
    assert time.monotonic() - started < BOUND
    # (0.5 s + 1 s of grace) for the request and as much for the start, and 1 s more.
    assert transcript == Transcript("docs_src.hangs", (), "the program did not finish within 4 s")


def test_imports_list_the_docs_src_files_the_program_used(
    write_program: WriteProgram, project: Path
):
    """Modules of docs_src the program imports are listed, those of other places are not."""
    (project / "docs_src" / "shared").mkdir()
    (project / "docs_src" / "shared" / "__init__.py").write_text("")
    write_program("shared/helpers", "GREETING = 'hello'\n")
    program = write_program(
        "uses_helpers",
        """
        import json

        from fastapi import FastAPI

        from docs_src.shared.helpers import GREETING

        app = FastAPI()


        @app.get("/")
        def greet():
            return {"greeting": GREETING}
        """,
    )
    transcript = run_program(program, [Request("GET", "/", None)], root=project)
    assert transcript.runs[0].body == '{"greeting":"hello"}'
    assert transcript.imports == (
        "docs_src/__init__.py",
        "docs_src/shared/__init__.py",
        "docs_src/shared/helpers.py",
        "docs_src/uses_helpers.py",
    )


def test_the_run_leaves_no_folder_and_no_bytecode(
    write_program: WriteProgram, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The program's folder is removed after the run, and nothing is written into docs_src."""
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    program = write_program(
        "writes",
        """
        from fastapi import FastAPI

        app = FastAPI()


        @app.get("/")
        def write():
            with open("log.txt", "w") as log:
                log.write("x")
        """,
    )
    before = sorted(path.relative_to(project) for path in project.rglob("*"))
    transcript = run_program(program, [Request("GET", "/", None)], root=project)
    assert transcript.runs[0].changes == (FileChange("log.txt", "x", False),)
    assert list(temporary.iterdir()) == []
    assert sorted(path.relative_to(project) for path in project.rglob("*")) == before


def test_requests_from_run_option_reach_the_program(write_program: WriteProgram, project: Path):
    """Requests as `parse_requests` reads them from a page run as written."""
    program = write_program(
        "query",
        """
        from fastapi import FastAPI

        app = FastAPI()


        @app.get("/items/{name}")
        def item(name: str, q: str | None = None):
            return {"name": name, "q": q}
        """,
    )
    requests = parse_requests('"GET /items/a%20b?q=x%26y", "GET /items/c"')
    transcript = run_program(program, requests, root=project)
    assert [run.body for run in transcript.runs] == [
        '{"name":"a b","q":"x&y"}',
        '{"name":"c","q":null}',
    ]


def test_a_program_outside_the_root_is_refused(project: Path, tmp_path: Path):
    """The runner names modules from the root, so a program elsewhere is a caller's mistake."""
    elsewhere = tmp_path / "elsewhere.py"
    with pytest.raises(ValueError) as error:
        run_program(elsewhere, [], root=project)
    assert str(error.value) == f"{elsewhere} is not a Python file inside {project}"
