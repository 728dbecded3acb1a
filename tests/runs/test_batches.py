"""Batches: many programs run one after the other in one child process, each as if alone; a job
that hangs or kills its process is told, and the jobs after it run in a new child."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path
from textwrap import dedent

import pytest

from runs import runner
from runs.requests import Request
from runs.runner import run_program, run_programs
from runs.transcript import FileChange, RequestRun, Transcript

from .conftest import REPO_ROOT, TUTORIAL_JOBS, WriteProgram

GET = Request("GET", "/", None)
OK = RequestRun(GET, 200, '{"ok":true}', "application/json", ())
# Far above what any batch here takes, far below a hang.
BOUND = 60.0

# A program that answers GET / with {"ok": true}: the job that must still run after a bad one.
FINE = """\
    from fastapi import FastAPI

    app = FastAPI()


    @app.get("/")
    def root():
        return {"ok": True}
"""


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """Return the child processes the runner starts, as it starts them."""
    started: list[subprocess.Popen[bytes]] = []
    start_child = runner.start_child

    def start(*args: object) -> subprocess.Popen[bytes]:
        """Start the child as the runner would, and keep it."""
        child = start_child(*args)
        started.append(child)
        return child

    monkeypatch.setattr(runner, "start_child", start)
    return started


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return the folder the runner's temporary folders and files are made in, for this test."""
    folder = tmp_path / "temporary"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_tutorials_in_a_batch_as_alone(
    tutorials_one_by_one: list[Transcript], children: list[subprocess.Popen[bytes]]
):
    """Every tutorial program, with and without a query, in one child: as each run alone."""
    batch = run_programs(TUTORIAL_JOBS, root=REPO_ROOT)
    assert len(children) == 1
    assert batch == tutorials_one_by_one
    assert not any(transcript.failed for transcript in batch)


def test_small_programs_in_a_batch_as_alone(
    write_program: WriteProgram, project: Path, children: list[subprocess.Popen[bytes]]
):
    """Files written before and after the response, failures and prints: as each run alone."""
    (project / "docs_src" / "shared").mkdir()
    (project / "docs_src" / "shared" / "__init__.py").write_text("")
    write_program("shared/words", "WORD = 'hello'\n")
    files = write_program(
        "files",
        """
        import sys

        from fastapi import BackgroundTasks, FastAPI

        from docs_src.shared.words import WORD

        app = FastAPI()


        def later():
            with open("data.txt", "a") as file:
                file.write("after\\n")


        @app.post("/")
        def write(background_tasks: BackgroundTasks):
            print("writing", file=sys.stderr)
            with open("data.txt", "a") as file:
                file.write(WORD + "\\n")
            background_tasks.add_task(later)
            return {"word": WORD}
        """,
    )
    raises = write_program(
        "raises",
        """
        async def app(scope, receive, send):
            raise ValueError("no")
        """,
    )
    broken = write_program("broken", "import not_a_module_anywhere\n")
    no_app = write_program("no_app", "application = None\n")
    post = Request("POST", "/", None)
    jobs = [
        (files, [post, post]),
        (raises, [GET]),
        (broken, [GET]),
        (files, [post]),
        (no_app, [GET]),
    ]
    batch = run_programs(jobs, root=project)
    assert len(children) == 1
    assert batch == [run_program(program, requests, root=project) for program, requests in jobs]
    assert batch[3].runs[0].changes == (
        FileChange("data.txt", "hello\n", False),
        FileChange("data.txt", "hello\nafter\n", True),
    )
    assert batch[3].imports == (
        "docs_src/__init__.py",
        "docs_src/files.py",
        "docs_src/shared/__init__.py",
        "docs_src/shared/words.py",
    )


def test_a_long_transcript_between_others(
    write_program: WriteProgram, project: Path, children: list[subprocess.Popen[bytes]]
):
    """A transcript far longer than one read of the pipe arrives whole, and the next one too."""
    big = write_program(
        "big",
        """
        async def app(scope, receive, send):
            with open("big.txt", "w") as file:
                file.write("ю" * 300_000 + "\\n" + "x" * 300_000)
            await send({"type": "http.response.start", "status": 204})
            await send({"type": "http.response.body"})
        """,
    )
    first, second = run_programs([(big, [GET]), (big, [GET, GET])], root=project)
    assert len(children) == 1
    written = (FileChange("big.txt", "ю" * 300_000 + "\n" + "x" * 300_000, False),)
    assert first.runs[0].changes == second.runs[0].changes == written
    # The same content written again is no change.
    assert second.runs[1].changes == ()


def test_module_state_does_not_leak_between_jobs(
    write_program: WriteProgram, project: Path, children: list[subprocess.Popen[bytes]]
):
    """The same program twice in one child: a fresh import, helper, environment and folder, and
    the folder first on `sys.path`, as in a process of its own."""
    write_program("calls", "CALLS = []\n")
    program = write_program(
        "counter",
        """
        import importlib
        import os
        import sys

        from fastapi import FastAPI

        from docs_src.calls import CALLS

        count = 0
        seen = os.environ.get("DOCS_RUN_SEEN")
        os.environ["DOCS_RUN_SEEN"] = "yes"
        sys.path.append("/nowhere")
        try:
            import made_here

            made = False
        except ImportError:
            with open("made_here.py", "w") as file:
                file.write("VALUE = 1\\n")
            importlib.invalidate_caches()
            import made_here

            made = True
        app = FastAPI()


        @app.get("/")
        def root():
            global count
            count += 1
            CALLS.append(count)
            with open("log.txt", "a") as log:
                log.write(f"{count}\\n")
            paths = sys.path.count("/nowhere")
            return {"count": count, "calls": len(CALLS), "seen": seen, "paths": paths, "made": made}
        """,
    )
    first, second = run_programs([(program, [GET]), (program, [GET])], root=project)
    assert len(children) == 1
    assert first == second == run_program(program, [GET], root=project)
    assert first.runs == (
        RequestRun(
            GET,
            200,
            '{"count":1,"calls":1,"seen":null,"paths":1,"made":true}',
            "application/json",
            (FileChange("log.txt", "1\n", False),),
        ),
    )


@pytest.mark.parametrize(
    ("code", "error", "processes"),
    [
        pytest.param(
            """
            import time

            from fastapi import BackgroundTasks, FastAPI

            app = FastAPI()


            def work():
                time.sleep(3600)


            @app.get("/")
            def start(background_tasks: BackgroundTasks):
                background_tasks.add_task(work)
                return {"ok": True}
            """,
            "the background work did not end within 0.5 s",
            # Its thread still runs: it could write into the next job's folder, or change its
            # state, so the jobs after it go to a new child.
            2,
            id="sync-task",
        ),
        pytest.param(
            """
            import time

            from fastapi import FastAPI

            app = FastAPI()


            @app.get("/")
            def sleep():
                time.sleep(3600)
            """,
            "the app did not complete its response within 0.5 s",
            2,
            id="sync-route",
        ),
        pytest.param(
            """
            import asyncio

            from fastapi import FastAPI

            app = FastAPI()


            @app.get("/")
            async def sleep():
                await asyncio.sleep(3600)
            """,
            "the app did not complete its response within 0.5 s",
            # The harness cancelled it: the child is clean, and goes on.
            1,
            id="async-route",
        ),
    ],
)
def test_a_request_that_never_ends(
    write_program: WriteProgram,
    project: Path,
    children: list[subprocess.Popen[bytes]],
    code: str,
    error: str,
    processes: int,
):
    """The child gives the request up, and the jobs after it run as if alone."""
    hangs, fine = write_program("hangs", code), write_program("fine", FINE)
    started = time.monotonic()
    batch = run_programs([(fine, [GET]), (hangs, [GET]), (fine, [GET])], root=project, timeout=0.5)
    assert time.monotonic() - started < BOUND
    assert [transcript.runs[0].error for transcript in batch] == [None, error, None]
    assert batch[0] == batch[2]
    assert batch[0].runs == (OK,)
    assert len(children) == processes


@pytest.mark.parametrize(
    ("words", "error"),
    [
        pytest.param(
            'print("giving up", file=sys.stderr, flush=True)',
            "the program's process ended with exit code 5 before it reported: giving up",
            id="with-last-words",
        ),
        # The job before it printed: its words are not this job's.
        pytest.param(
            "pass",
            "the program's process ended with exit code 5 before it reported",
            id="without",
        ),
    ],
)
def test_a_program_that_kills_its_process(
    write_program: WriteProgram,
    project: Path,
    children: list[subprocess.Popen[bytes]],
    words: str,
    error: str,
):
    """The job is told with the exit code and its own last words; the jobs after it still run."""
    dies = write_program(
        "dies",
        f"""
        import os
        import sys


        async def app(scope, receive, send):
            {words}
            os._exit(5)
        """,
    )
    talks = write_program(
        "talks",
        """
        import sys

        from fastapi import FastAPI

        print("words of another job", file=sys.stderr)
        app = FastAPI()


        @app.get("/")
        def root():
            print("more words of another job", file=sys.stderr)
            return {"ok": True}
        """,
    )
    batch = run_programs([(talks, [GET]), (dies, [GET]), (talks, [GET])], root=project)
    assert len(children) == 2
    assert batch[1] == Transcript("docs_src.dies", (), error)
    assert batch[1] == run_program(dies, [GET], root=project)
    assert batch[0].runs == batch[2].runs == (OK,)


def test_a_hang_at_import_is_stopped_and_nothing_is_left_behind(
    write_program: WriteProgram,
    project: Path,
    tmp_path: Path,
    temporary: Path,
    children: list[subprocess.Popen[bytes]],
    monkeypatch: pytest.MonkeyPatch,
):
    """A job stuck at import is stopped at its limit, the one a single run has, and the jobs after
    it run; no temporary folder or file, no child, no process a program started outlives them."""
    monkeypatch.setattr(runner, "STARTUP", 1.0)
    spawn = """
        import subprocess
        import sys

        sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"])
        with open({pid_file!r}, "w") as file:
            file.write(str(sleeper.pid))
    """
    pid_files = [tmp_path / f"{name}.pid" for name in ("spawns", "spawns_and_hangs")]
    spawns = write_program("spawns", dedent(spawn.format(pid_file=str(pid_files[0]))) + FINE)
    hangs = write_program(
        "spawns_and_hangs",
        dedent(spawn.format(pid_file=str(pid_files[1]))) + "import time\n\ntime.sleep(3600)\n",
    )
    dies = write_program("dies", "import os\n\nos._exit(1)\n")
    batch = run_programs(
        [(spawns, [GET]), (hangs, [GET]), (dies, [GET]), (spawns, [GET])],
        root=project,
        timeout=0.5,
    )
    assert [transcript.error for transcript in batch] == [
        None,
        # (0.5 s + 1 s of grace) for the request and as much for the start, and 1 s more.
        "the program did not finish within 4 s",
        "the program's process ended with exit code 1 before it reported",
        None,
    ]
    assert batch[0].runs == batch[3].runs == (OK,)
    assert list(temporary.iterdir()) == []
    assert len(children) == 3
    assert all(child.returncode is not None for child in children)
    pids = [int(path.read_text()) for path in pid_files]
    assert [pid for pid in pids if is_running(pid)] == []


def is_running(pid: int, within: float = 5.0) -> bool:
    """Say whether process `pid` runs yet after up to `within` s of waiting (a zombie does not)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            return False
        if stat.rpartition(")")[2].split()[0] == "Z":
            return False
        time.sleep(0.05)
    return True


def test_no_jobs_start_no_child(project: Path, children: list[subprocess.Popen[bytes]]):
    """An empty batch is an empty list, at no cost."""
    assert run_programs([], root=project) == []
    assert children == []


def test_a_program_outside_the_root_is_refused_before_any_runs(
    write_program: WriteProgram,
    project: Path,
    tmp_path: Path,
    children: list[subprocess.Popen[bytes]],
):
    """A caller's mistake anywhere in the batch is an error before any child starts."""
    elsewhere = tmp_path / "elsewhere.py"
    with pytest.raises(ValueError) as error:
        run_programs([(write_program("fine", FINE), [GET]), (elsewhere, [GET])], root=project)
    assert str(error.value) == f"{elsewhere} is not a Python file inside {project}"
    assert children == []
