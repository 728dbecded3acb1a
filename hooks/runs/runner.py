"""Run `docs_src` programs' ASGI apps in child processes and return their `Transcript`s.

`run_programs` runs a batch of jobs in one child process (`runs.child`), one after the other,
each in a fresh temporary folder of its own and with its program imported afresh; `run_program`
is a batch of one. No bytecode is written (a `.pyc` in `docs_src/` would set `mkdocs serve`
rebuilding), and each job has a hard time limit. Whatever a program does, even hang or kill its
process, its result is a transcript that says so, never an exception, and the jobs after it
run in a new child.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from runs.requests import Request
from runs.transcript import Transcript

# The folder that holds this package: the child imports `runs.child` from it.
HOOKS = Path(__file__).resolve().parent.parent

# How long past its timeout the child waits for a request before giving it up: the harness
# stops an async task at the timeout, but a sync task in a worker thread cannot be stopped
# (anyio waits for the thread), so the child leaves that thread behind and goes on.
GRACE = 1.0

# Time for the child to start and import FastAPI and the program, on top of the requests'.
STARTUP = 10.0


def module_name(program: Path, root: Path) -> str:
    """Return the module `uvicorn` would name: docs_src/a/b.py below `root` is `docs_src.a.b`."""
    program, root = program.resolve(), root.resolve()
    if not program.is_relative_to(root) or program.suffix != ".py":
        raise ValueError(f"{program} is not a Python file inside {root}")
    return ".".join(program.relative_to(root).with_suffix("").parts)


Job = tuple[Path, Sequence[Request]]


def run_program(
    program: Path, requests: Sequence[Request], *, root: Path, timeout: float = 10.0
) -> Transcript:
    """Run `program` (a file below `root`) in a child process and send it `requests` in order.

    `timeout` bounds each request, background work included; the child as a whole is stopped
    when it takes longer than every request's share and its start together.
    """
    return run_programs([(program, requests)], root=root, timeout=timeout)[0]


def run_programs(jobs: Sequence[Job], *, root: Path, timeout: float = 10.0) -> list[Transcript]:
    """Run each job's program (a file below `root`) and send it the job's requests, in order.

    The jobs share child processes: one runs them one after the other, and when it dies, or a
    job passes its time limit (the one a single run has), that job's transcript says so and
    the jobs after it go on in a new child. Return a transcript per job, in the jobs' order.
    """
    modules = [module_name(program, root) for program, _ in jobs]
    specs = [
        {
            "module": module,
            "requests": [
                {"method": request.method, "target": request.target, "body": request.body}
                for request in requests
            ],
        }
        for module, (_, requests) in zip(modules, jobs, strict=True)
    ]
    limits = [(timeout + GRACE) * (len(requests) + 1) + STARTUP for _, requests in jobs]
    transcripts: list[Transcript] = []
    while len(transcripts) < len(jobs):  # each child reports on one job at least
        done = len(transcripts)
        batch = {
            "root": str(root.resolve()),
            "timeout": timeout,
            "grace": GRACE,
            "jobs": specs[done:],
        }
        transcripts += run_child(batch, modules[done:], limits[done:], root)
    return transcripts


def run_child(
    batch: dict, modules: Sequence[str], limits: Sequence[float], root: Path
) -> list[Transcript]:
    """Run `runs.child` on `batch` and return the transcripts of its jobs up to where it ended.

    The child runs in a temporary folder, with the batch in a file there and each job in a
    folder below it; the folder is removed, and the child's process group killed, at the end.
    """
    folder = Path(tempfile.mkdtemp(prefix="docs-run-"))
    try:
        jobs_file = folder / "jobs.json"
        jobs_file.write_text(json.dumps(batch), encoding="utf-8")
        # A file, not a pipe: nothing has to drain it, and each job's part of it can be read.
        with tempfile.TemporaryFile() as errors:
            child = start_child(jobs_file, folder, errors, root)
            try:
                return read_reports(child, errors, modules, limits)
            finally:
                if child.returncode is None:  # not reaped yet, so its id is still its own
                    # What the programs started in the child's session ends with it.
                    stop_session(child)
                    child.wait()
                child.stdout.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def start_child(
    jobs_file: Path, folder: Path, errors: IO[bytes], root: Path
) -> subprocess.Popen[bytes]:
    """Start `runs.child` on the batch in `jobs_file`, in `folder`, its stderr into `errors`."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(HOOKS), str(root.resolve())]),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-B", "-m", "runs.child", str(jobs_file)],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=errors,
        # A session of its own, so that stopping the child stops whatever the program started.
        start_new_session=True,
    )


def read_reports(
    child: subprocess.Popen[bytes],
    errors: IO[bytes],
    modules: Sequence[str],
    limits: Sequence[float],
) -> list[Transcript]:
    """Read the child's line for each job as it comes, each within the job's limit.

    Stop at the first job that passes its limit or gets no line (the child died), with a
    transcript that says so, or after a job whose line says the child stops there.
    """
    transcripts: list[Transcript] = []
    pending = bytearray()
    # Where this job's part of the child's stderr begins: the child says where each one ended.
    start = 0
    for module, limit in zip(modules, limits, strict=True):
        line = read_line(child.stdout.fileno(), pending, time.monotonic() + limit)
        if line is None:
            stop_session(child)
            transcripts.append(
                Transcript(module, (), error=f"the program did not finish within {limit:g} s")
            )
            break
        try:
            report = json.loads(line)
            transcript = Transcript.from_json(json.dumps(report["transcript"]))
            end, stopping = report["stderr_size"], report["stopping"]
        except (ValueError, KeyError, TypeError):  # no line, or one cut short: the child died
            stop_session(child)
            child.wait()
            transcripts.append(Transcript(module, (), error=describe_death(child, errors, start)))
            break
        transcripts.append(transcript)
        start = end
        if stopping:
            break
    return transcripts


def read_line(fd: int, pending: bytearray, deadline: float) -> bytes | None:
    """Return the next line from `fd` (what is left at its end), or None once `deadline` passed.

    `pending` keeps what was read past the line, for the next call.
    """
    searched = 0  # a long transcript comes in many reads: look for the end in the new ones only
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while (end := pending.find(b"\n", searched)) < 0:
            searched = len(pending)
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                end = len(pending)
                break
            pending += chunk
    line = bytes(pending[:end])
    del pending[: end + 1]
    return line


def describe_death(child: subprocess.Popen[bytes], errors: IO[bytes], start: int) -> str:
    """Say how the child ended, with the last line the job wrote on stderr if it wrote any."""
    errors.seek(start)
    last_line = next(
        (
            line
            for line in reversed(errors.read().decode(errors="replace").splitlines())
            if line.strip()
        ),
        None,
    )
    error = f"the program's process ended with exit code {child.returncode} before it reported"
    return f"{error}: {last_line}" if last_line else error


def stop_session(child: subprocess.Popen[bytes]) -> None:
    """Kill the child and every process it started in its session."""
    with contextlib.suppress(ProcessLookupError):  # it ended, and its session, meanwhile
        os.killpg(child.pid, signal.SIGKILL)
