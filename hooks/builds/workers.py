"""Work done in a forked process of its own: the one way the build starts other processes.

It serves the languages built side by side and the code highlighted ahead on every core. The
child writes each log record, then what its work returned or what stopped it, as pickles into a
file of its own temporary folder; once the child has exited, the parent reads them and hands
each record to its own logger of the same name. The parent's handlers (the terminal,
`--strict`'s count) then see the record as if the child's code had run in the parent, in the
order the parent chooses. A file, not a pipe: a child never waits for the parent to read, however
much it logs. Standard library only: the caller says what the work is.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import pickle
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

# In a child's folder: what the work writes, and what the child tells the parent.
OUTPUT = "output"
LOG = "log.pickle"

FORMATTER = logging.Formatter()


@dataclass(frozen=True)
class Child:
    """A forked process doing one piece of work, and the temporary folder it works in."""

    name: str
    pid: int
    folder: Path

    @property
    def output(self) -> Path:
        """Return the folder the work writes into."""
        return self.folder / OUTPUT


@dataclass(frozen=True)
class Failure:
    """Why a child did not finish its work.

    `stopped`: the work stopped itself with SystemExit (MkDocs's Abort is one), whose message
    says why; otherwise it raised, or the process ended, and `details` has what is known.
    """

    stopped: bool
    message: str
    details: str = ""


@dataclass(frozen=True)
class Outcome:
    """What a child did: its log records, what its work returned, or its failure."""

    child: Child
    records: list[logging.LogRecord]
    failure: Failure | None
    result: Any = None


def start(name: str, work: Callable[[Path], Any]) -> Child:
    """Fork a process that runs `work(output folder)`, its log records and result kept for the
    parent."""
    folder = Path(tempfile.mkdtemp(prefix=f"mkdocs-{name}-"))
    parent = os.getpid()
    # What is buffered now would be written twice, by the parent and by the child.
    flush_std_streams()
    try:
        pid = os.fork()
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if pid == 0:
        run_child(work, folder, parent)
    return Child(name, pid, folder)


def flush_std_streams() -> None:
    """Write out what Python holds of stdout and stderr, which a forked process copies."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def run_child(work: Callable[[Path], Any], folder: Path, parent: int) -> NoReturn:
    """Do the work in the forked process, then leave it without returning into the parent's code.

    A failed work leaves no output; an interrupted child (Ctrl-C reaches the parent too) or an
    orphaned one (its parent is gone) leaves nothing at all, as nobody will read it.
    """
    status = 1
    keep_log = True
    try:
        with (folder / LOG).open("wb", buffering=0) as stream:
            send_logs_to(stream)
            try:
                result = work(folder / OUTPUT)
                stream.write(pickle.dumps(("result", result)))
                status = 0
            except BaseException as error:
                stream.write(pickle.dumps(("failure", describe_failure(error))))
                shutil.rmtree(folder / OUTPUT, ignore_errors=True)
                keep_log = not isinstance(error, KeyboardInterrupt)
    finally:
        try:
            flush_std_streams()
            if not keep_log or os.getppid() != parent:
                shutil.rmtree(folder, ignore_errors=True)
        finally:
            # Not sys.exit: that would unwind into the parent's stack, which the fork copied.
            os._exit(status)


def describe_failure(error: BaseException) -> dict[str, Any]:
    """Return what the parent needs to report a failed work, as plain data."""
    if isinstance(error, SystemExit):
        return {"stopped": True, "message": str(error)}
    return {
        "stopped": False,
        "message": f"{type(error).__name__}: {error}",
        "details": traceback.format_exc(),
    }


class RecordWriter(logging.Handler):
    """Writes each log record it is given, once, to the stream the parent reads."""

    def __init__(self, stream: io.RawIOBase) -> None:
        super().__init__()
        self.stream = stream
        self.last: logging.LogRecord | None = None

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record, unless it is the one just written (it passed another logger)."""
        if record is self.last:
            return
        self.last = record
        # One write per record, so a crash cuts the stream between records, not inside one.
        self.stream.write(pickle.dumps(("record", portable_record(record))))


def send_logs_to(stream: io.RawIOBase) -> None:
    """Replace every handler of the child's loggers by one that writes to `stream`.

    The records reach the writer where they would have reached a handler: at the root logger,
    or at a logger of its own handlers (MkDocs's `mkdocs` logger does not propagate).
    """
    writer = RecordWriter(stream)
    root = logging.getLogger()
    loggers = [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger) and logger.handlers
    ]
    for logger in [root, *loggers]:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(writer)


def portable_record(record: logging.LogRecord) -> dict[str, Any]:
    """Return the record's attributes as plain data: its traceback as text, nothing unpicklable."""
    fields = dict(record.__dict__)
    if record.exc_info:
        fields["exc_text"] = record.exc_text or FORMATTER.formatException(record.exc_info)
    fields["exc_info"] = None
    try:
        pickle.dumps(fields)
    except Exception:
        # Arguments that cannot travel are merged into the message, which can.
        fields.update(msg=record.getMessage(), args=None)
        fields = {name: value for name, value in fields.items() if is_picklable(value)}
    return fields


def is_picklable(value: object) -> bool:
    """Tell whether `value` survives pickling."""
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


def finish(child: Child) -> Outcome:
    """Wait for the child to exit, and return its log records and how it ended."""
    _, status = os.waitpid(child.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    outcome = read_log(child, child.folder / LOG)
    if code != 0 and outcome.failure is None:
        ended = f"was killed by {signal.Signals(-code).name}" if code < 0 else f"exited with {code}"
        failure = Failure(stopped=False, message=f"the process {ended} before it finished")
        return Outcome(child, outcome.records, failure)
    return outcome


def read_log(child: Child, path: Path) -> Outcome:
    """Return what a child wrote; a stream cut by a crash ends early."""
    records: list[logging.LogRecord] = []
    failure = result = None
    data = path.read_bytes() if path.is_file() else b""
    stream = io.BytesIO(data)
    while stream.tell() < len(data):
        try:
            kind, value = pickle.load(stream)
        except Exception:
            break
        if kind == "record":
            records.append(logging.makeLogRecord(value))
        elif kind == "failure":
            failure = Failure(**value)
        elif kind == "result":
            result = value
    return Outcome(child, records, failure, result)


def replay(records: list[logging.LogRecord]) -> None:
    """Hand each record to the parent's logger of the same name, its filters and handlers."""
    for record in records:
        logging.getLogger(record.name).handle(record)


def stop(child: Child) -> None:
    """End a child that is no longer wanted, and remove its folder."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(child.pid, signal.SIGTERM)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(child.pid, 0)
    remove(child)


def remove(child: Child) -> None:
    """Remove the child's folder and everything in it."""
    shutil.rmtree(child.folder, ignore_errors=True)
