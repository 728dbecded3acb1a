"""The child process `runs.runner` starts: import programs, send them requests, report on stdout.

The parent names a JSON file holding the batch: the project root, how long each request may
take and how long past that to wait before giving one up, and the jobs, each a module to import
and its requests. The jobs run one after the other, each in a fresh folder of its own below the
current directory, where every file is watched; after each, the modules the job imported from
`docs_src` are forgotten, so that the next job imports its program afresh. Each job's transcript
is one JSON line on stdout, written as soon as the job is done; nothing else is written there
(the programs' prints go to stderr).
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from runs.harness import (
    ASGIApp,
    Exchange,
    HarnessError,
    Message,
    Receive,
    Scope,
    Send,
    exchange,
)
from runs.requests import Request
from runs.transcript import FileChange, RequestRun, Transcript

Snapshot = dict[str, str]


@dataclass
class Recording:
    """What the app sent and the snapshots the harness took, kept even if it never returns."""

    messages: list[Message] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)
    # How the exchange ended: what the harness returned, what escaped it, or None if it is
    # still running.
    outcome: Exchange | BaseException | None = None

    @property
    def complete(self) -> bool:
        """Say whether the app sent its last body message, as the harness judges it."""
        return any(
            message["type"] == "http.response.body" and not message.get("more_body", False)
            for message in self.messages
        )

    @property
    def start(self) -> Message | None:
        """Return the response's start message, or None if the app sent none."""
        return next((m for m in self.messages if m["type"] == "http.response.start"), None)


def take_snapshot(folder: Path) -> Snapshot:
    """Return the text of every file below `folder`, by its posix path relative to it."""
    files = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            path = Path(directory, name)
            if not path.is_file():  # a FIFO or socket would block the read
                continue
            try:
                content = path.read_bytes()
            except OSError:  # removed, or made unreadable, while the folder was walked
                continue
            files[path.relative_to(folder).as_posix()] = content.decode("utf-8", errors="replace")
    return files


def diff_snapshots(before: Snapshot, after: Snapshot, *, after_response: bool) -> list[FileChange]:
    """Return the files that differ between two snapshots, in path order."""
    return [
        FileChange(path, after.get(path), after_response)
        for path in sorted(before.keys() | after.keys())
        if before.get(path) != after.get(path)
    ]


def record_messages(app: ASGIApp, recording: Recording) -> ASGIApp:
    """Wrap `app` so that every message it sends is kept in `recording` too."""

    async def recorded(scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app with a `send` that keeps each message once the harness has it."""

        async def record(message: Message) -> None:
            """Send the message to the harness, then keep it."""
            # After, not before: once the last body message is kept, so is the harness's
            # snapshot of that moment, even for a reader in another thread.
            await send(message)
            recording.messages.append(dict(message))

        await app(scope, receive, record)

    return recorded


def record_exchange(
    app: ASGIApp, request: Request, folder: Path, timeout: float, grace: float
) -> Recording:
    """Send one request through the harness, giving it up `grace` seconds after the timeout."""
    recording = Recording()

    def snapshot() -> Snapshot:
        """The harness's effect: the folder's files, kept as the harness takes them."""
        taken = take_snapshot(folder)
        recording.snapshots.append(taken)
        return taken

    def run_exchange() -> None:
        """Run the exchange, keeping how it ended."""
        body = b"" if request.body is None else request.body.encode()
        headers = [] if request.body is None else [(b"content-type", b"application/json")]
        try:
            recording.outcome = exchange(
                record_messages(app, recording),
                request.method,
                request.target,
                body=body,
                headers=headers,
                effect=snapshot,
                timeout=timeout,
            )
        except BaseException as escaped:  # the thread must report how it ended, not die quietly
            recording.outcome = escaped

    # A thread of its own, so that a task stuck in a worker thread holds up that thread only.
    thread = threading.Thread(target=run_exchange, daemon=True)
    thread.start()
    thread.join(timeout + grace)
    return recording


def judge_exchange(recording: Recording, timeout: float) -> str | None:
    """Return what went wrong in an exchange, or None if the app answered and returned."""
    outcome = recording.outcome
    # The harness's own TimeoutError escapes it; the app's would be the Exchange's error.
    if outcome is None or isinstance(outcome, TimeoutError):
        if recording.complete:
            return f"the background work did not end within {timeout:g} s"
        return f"the app did not complete its response within {timeout:g} s"
    if isinstance(outcome, HarnessError):
        return f"the app broke the ASGI protocol: {outcome}"
    if isinstance(outcome, BaseException):
        return describe_error("the app raised", outcome)
    if outcome.error is not None:
        return describe_error("the app raised", outcome.error)
    if not outcome.complete:
        return "the app returned without completing its response"
    return None


def send_request(
    app: ASGIApp, request: Request, folder: Path, timeout: float, grace: float
) -> RequestRun:
    """Send one request and say what the app answered, which files changed, and when."""
    before = take_snapshot(folder)
    recording = record_exchange(app, request, folder, timeout, grace)
    error = judge_exchange(recording, timeout)
    # The harness took one snapshot when the response was complete and one when the app
    # returned; an app that did not return is judged by the folder as it is now.
    returned = isinstance(recording.outcome, Exchange)
    at_return = recording.snapshots[-1] if returned else take_snapshot(folder)
    if recording.complete:
        at_response = recording.snapshots[0]
        changes = [
            *diff_snapshots(before, at_response, after_response=False),
            *diff_snapshots(at_response, at_return, after_response=True),
        ]
    else:  # no moment of completion: whatever changed, changed before any response
        changes = diff_snapshots(before, at_return, after_response=False)
    start = recording.start
    headers = {name.lower(): value for name, value in start.get("headers", [])} if start else {}
    content_type = headers.get(b"content-type")
    body = b"".join(
        message.get("body", b"")
        for message in recording.messages
        if message["type"] == "http.response.body"
    )
    return RequestRun(
        request=request,
        status=start["status"] if start else None,
        body=body.decode("utf-8", errors="replace"),
        content_type=None if content_type is None else content_type.decode("latin-1"),
        changes=tuple(changes),
        error=error,
    )


def describe_error(what: str, error: BaseException) -> str:
    """Return `the app raised ValueError: message`, without the colon when there is no message."""
    name = type(error).__name__
    return f"{what} {name}: {error}" if str(error) else f"{what} {name}"


def find_modules(*folders: Path) -> dict[str, Path]:
    """Return the modules this process imported from below `folders`, by name, with their file."""
    folders = tuple(folder.resolve() for folder in folders)
    modules = {}
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if not file:  # built-in modules and namespace packages have no file
            continue
        path = Path(file).resolve()
        if any(path.is_relative_to(folder) for folder in folders):
            modules[name] = path
    return modules


def find_imports(root: Path) -> tuple[str, ...]:
    """Return the files below `root/docs_src` this process imported, relative to `root`."""
    paths = find_modules(root / "docs_src").values()
    return tuple(sorted({path.relative_to(root.resolve()).as_posix() for path in paths}))


def forget_modules(module_name: str, root: Path, folder: Path) -> None:
    """Drop the job's modules from `sys.modules`, so that the next import runs them afresh.

    Those are the modules from `docs_src` and from the job's folder (a program may write one
    and import it), and every module of the program's top package, namespace packages too,
    which have no file to tell where they came from.
    """
    package = module_name.partition(".")[0]
    names = find_modules(root / "docs_src", folder).keys() | {
        name for name in sys.modules if name == package or name.startswith(f"{package}.")
    }
    for name in names:
        sys.modules.pop(name, None)


def run_requests(
    module_name: str,
    requests: list[Request],
    root: Path,
    timeout: float,
    grace: float,
    folder: Path,
) -> Transcript:
    """Import the program and send it each request in order, watching `folder`."""
    try:
        module = importlib.import_module(module_name)
    except BaseException as error:  # SystemExit too: the program must not end the report
        return Transcript(
            module_name,
            (),
            error=describe_error(f"importing {module_name} raised", error),
            imports=find_imports(root),
        )
    app = getattr(module, "app", None)
    if app is None:
        return Transcript(
            module_name, (), error=f"{module_name} has no `app`", imports=find_imports(root)
        )
    runs = tuple(send_request(app, request, folder, timeout, grace) for request in requests)
    return Transcript(module_name, runs, imports=find_imports(root))


def run_job(
    job: dict, folder: Path, root: Path, timeout: float, grace: float
) -> tuple[Transcript, bool]:
    """Run one job in `folder`, made for it and removed after; say whether the process is clean.

    The process is clean when every thread the job started has ended within `grace`: a thread
    left running (a sync task given up, or one the program started) could still write files or
    change state, so the parent runs the next job in a new process.
    """
    home = Path.cwd()
    threads = set(threading.enumerate())
    path, environ = list(sys.path), dict(os.environ)
    folder.mkdir()
    os.chdir(folder)
    # Where the folder a single run's process starts in would be: first on sys.path.
    sys.path[:] = [str(folder) if entry == str(home) else entry for entry in sys.path]
    try:
        transcript = run_requests(
            job["module"],
            [Request(**request) for request in job["requests"]],
            root,
            timeout,
            grace,
            folder,
        )
    finally:
        os.chdir(home)
        clean = join_threads(set(threading.enumerate()) - threads, grace)
        forget_modules(job["module"], root, folder)
        sys.path[:] = path
        if os.environ != environ:
            os.environ.clear()
            os.environ.update(environ)
        shutil.rmtree(folder, ignore_errors=True)
    return transcript, clean


def join_threads(threads: set[threading.Thread], within: float) -> bool:
    """Wait up to `within` seconds in all for `threads` to end; say whether they all did.

    anyio stops its worker threads when its event loop's main task ends, a moment after
    `anyio.run` returns, so the threads of a finished job end here at once.
    """
    deadline = time.monotonic() + within
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return not any(thread.is_alive() for thread in threads)


def main() -> None:
    """Run the batch the file named on the command line holds, a line on stdout for each job.

    A line is `{"transcript": ..., "stopping": ..., "stderr_size": ...}`: `stopping` says that a
    thread of the job is still running, so this process ends after the line and the parent runs
    the rest elsewhere; `stderr_size` is how much stderr (a file) holds after the job.
    """
    batch = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    root = Path(batch["root"])
    # The programs' prints go to stderr, so that stdout carries the transcripts alone.
    report = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    for index, job in enumerate(batch["jobs"]):
        folder = Path.cwd() / f"job-{index}"
        transcript, clean = run_job(job, folder, root, batch["timeout"], batch["grace"])
        # The job's prints first: the parent reads the job's stderr up to its line.
        sys.stdout.flush()
        sys.stderr.flush()
        line = {
            "transcript": json.loads(transcript.to_json()),
            "stopping": not clean,
            # Where the next job's part of stderr begins, for the parent to read if it dies.
            "stderr_size": os.fstat(sys.stderr.fileno()).st_size,
        }
        report.write(json.dumps(line, ensure_ascii=False) + "\n")
        report.flush()
        if not clean:
            break
    # A task left running in a thread must not keep the process alive after the report.
    os._exit(0)


if __name__ == "__main__":
    main()
