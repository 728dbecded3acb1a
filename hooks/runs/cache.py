"""Transcripts kept by content, so that a program runs once for every language and build.

The key is a hash of all a run depends on that is known before it runs: the program's bytes and
place, the requests, the Python and library versions, and this package's own code. What the
program imports is known only after it ran: an entry keeps a hash of each imported `docs_src`
file, and a lookup whose files changed is a miss. Entries live in memory and, when a folder is
given, on disk, one JSON file per key written atomically, so that builds side by side never read
half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import platform
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from runs.requests import Request
from runs.runner import Job, module_name, run_programs
from runs.transcript import Transcript

# The libraries whose versions a transcript depends on: pydantic too, since it writes the
# bodies of validation errors (with its version in their links).
DISTRIBUTIONS = ("fastapi", "starlette", "pydantic")

# This package's code: a change to how programs are run or recorded makes old entries misses.
PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Entry:
    """A kept transcript, and the hash of each `docs_src` file the program imported."""

    transcript: Transcript
    hashes: dict[str, str]


def hash_file(path: Path) -> str | None:
    """Return the sha256 of a file's bytes, or None when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def describe_environment() -> dict[str, str]:
    """Return what a run depends on besides its program: Python, libraries, this package."""
    versions = {}
    for name in DISTRIBUTIONS:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    code = hashlib.sha256()
    for path in sorted(PACKAGE.glob("*.py")):
        code.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return {
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        **versions,
        "runs": code.hexdigest(),
    }


class RunCache:
    """Transcripts by content, in memory and optionally in a folder shared by builds.

    `programs_run` counts the programs actually run, which a hit does not. Lookups may come
    from several threads at once.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.entries: dict[str, Entry] = {}
        self.environment = describe_environment()
        self.programs_run = 0
        self.lock = threading.Lock()

    def get(
        self,
        program: Path,
        requests: Sequence[Request],
        *,
        root: Path,
        timeout: float = 10.0,
        fresh: bool = False,
    ) -> Transcript:
        """Return the transcript of `program` for `requests`: a kept one, or a new run's.

        `fresh` runs the program even when a transcript is kept. A failed run is not kept, and
        drops the entry it replaces, so that a later lookup runs the program again.
        """
        return self.get_many([(program, requests)], root=root, timeout=timeout, fresh=fresh)[0]

    def get_many(
        self,
        jobs: Sequence[Job],
        *,
        root: Path,
        timeout: float = 10.0,
        fresh: bool = False,
        processes: int = 1,
    ) -> list[Transcript]:
        """Return the transcript of each job's program for its requests, as `get` would.

        The jobs not kept run in `processes` child processes side by side, each a share of
        them one after the other (a job asked for twice runs once). Return them in order.
        """
        if processes < 1:
            raise ValueError(f"processes must be 1 or more, not {processes}")
        keys = [self.make_key(program, requests, root) for program, requests in jobs]
        found = {} if fresh else {key: self.look_up(key, root) for key in set(keys)}
        misses = {key: job for key, job in zip(keys, jobs, strict=True) if found.get(key) is None}
        shares = [list(misses.items())[start::processes] for start in range(processes)]
        shares = [share for share in shares if share]

        def run_share(share: list[tuple[str, Job]]) -> list[Transcript]:
            """Run a share's jobs in a child process of their own."""
            return run_programs([job for _, job in share], root=root, timeout=timeout)

        # Threads, since each only waits for its child process.
        with ThreadPoolExecutor(max_workers=max(1, len(shares))) as pool:
            for share, transcripts in zip(shares, pool.map(run_share, shares), strict=True):
                for (key, _), transcript in zip(share, transcripts, strict=True):
                    self.keep(key, transcript, root)
                    found[key] = transcript
        return [found[key] for key in keys]

    def look_up(self, key: str, root: Path) -> Transcript | None:
        """Return the transcript kept for `key` whose imported files are unchanged, or None."""
        with self.lock:
            entry = self.entries.get(key)
        if entry is None or not is_current(entry, root):
            # Another build may have run the program since, on the files as they are now.
            entry = self.read_entry(key)
        if entry is None or not is_current(entry, root):
            return None
        with self.lock:
            self.entries[key] = entry
        return entry.transcript

    def keep(self, key: str, transcript: Transcript, root: Path) -> None:
        """Count a run of the program and keep its transcript, or, if it failed, forget `key`."""
        with self.lock:
            self.programs_run += 1
        if transcript.failed:
            self.forget(key)
            return
        entry = Entry(transcript, {path: hash_file(root / path) for path in transcript.imports})
        with self.lock:
            self.entries[key] = entry
        self.write_entry(key, entry)

    def make_key(self, program: Path, requests: Sequence[Request], root: Path) -> str:
        """Return the hash of everything the run depends on that is known before it runs."""
        inputs = {
            "module": module_name(program, root),
            "program": hash_file(program),
            "requests": [str(request) for request in requests],
            **self.environment,
        }
        return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()

    def read_entry(self, key: str) -> Entry | None:
        """Return the entry kept on disk for `key`, or None if there is none or it is unreadable."""
        if self.folder is None:
            return None
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            hashes = data["hashes"]
            if not isinstance(hashes, dict):
                return None
            return Entry(Transcript.from_json(json.dumps(data["transcript"])), hashes)
        except (OSError, ValueError, KeyError, TypeError):  # none, or not ours: run again
            return None

    def write_entry(self, key: str, entry: Entry) -> None:
        """Write the entry to `<folder>/<key>.json` through a temporary file, atomically."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {"hashes": entry.hashes, "transcript": json.loads(entry.transcript.to_json())}
        # A temporary name that never ends in .json, so that no reader takes it for an entry.
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(data, file, ensure_ascii=False)
            os.replace(temporary, self.folder / f"{key}.json")
        except BaseException:
            with contextlib.suppress(OSError):
                os.remove(temporary)
            raise

    def forget(self, key: str) -> None:
        """Drop the entry for `key` from memory and disk."""
        with self.lock:
            self.entries.pop(key, None)
        if self.folder is not None:
            with contextlib.suppress(OSError):
                (self.folder / f"{key}.json").unlink()


def is_current(entry: Entry, root: Path) -> bool:
    """Say whether every file the entry's program imported is as it was when it ran."""
    return all(hash_file(root / path) == digest for path, digest in entry.hashes.items())
