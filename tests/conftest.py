"""Fixtures every test shares."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

REPO_ROOT = Path(__file__).resolve().parent.parent

# Bytecode of hooks/ would land in a folder `mkdocs serve` watches, and Hypothesis keeps its
# example database and caches in the working directory: neither belongs in the repository.
sys.dont_write_bytecode = True
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "background-tasks-docs-hypothesis")

# Caches that Python and the tools keep in the checkout by design; git ignores them.
CACHE_DIRS = frozenset({"__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache"})
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class RepoWrites:
    """Records every path inside the repository that this process writes, makes or removes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.paths: list[Path] = []

    def audit(self, event: str, args: tuple) -> None:
        """Audit hook: note the path of a write-like event that lands inside the repository."""
        if event == "open":
            path, _, flags = args
            if not flags & WRITE_FLAGS:
                return
            dir_fd = None
        elif event in {"os.remove", "os.rmdir", "shutil.rmtree"}:
            path, dir_fd = args[0], args[-1]
        elif event == "os.mkdir":
            path, dir_fd = args[0], args[2]
        elif event == "os.rename":
            path, dir_fd = args[1], args[3]
        else:
            return
        # rmtree and friends name entries relative to a directory descriptor (None or -1 when
        # there is none), not to the cwd, so such a path cannot be placed; neither can a file
        # descriptor. The hook must never raise, or it would break the call it watches.
        if dir_fd not in (None, -1) or not isinstance(path, (str, bytes, os.PathLike)):
            return
        where = Path(os.path.abspath(os.fsdecode(path)))
        if where.is_relative_to(self.root) and not CACHE_DIRS.intersection(where.parts):
            self.paths.append(where)


@pytest.fixture(scope="session")
def repo_writes() -> RepoWrites:
    """Watch this process's file system writes (each xdist worker is its own process)."""
    writes = RepoWrites(REPO_ROOT)
    # Audit hooks cannot be removed, so there is one per process, for the whole session.
    sys.addaudithook(writes.audit)
    return writes


@pytest.fixture(autouse=True)
def no_writes_into_repo(repo_writes: RepoWrites, request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that writes into the repository: tests work in their own temporary folders.

    Only `--update-golden`, an author's request to rewrite the golden files, may write there.
    """
    repo_writes.paths.clear()
    if request.config.getoption("--update-golden"):
        yield
        return
    yield
    written = sorted({path.relative_to(REPO_ROOT).as_posix() for path in repo_writes.paths})
    if written:
        pytest.fail(f"the test wrote into the repository: {', '.join(written)}", pytrace=False)


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-golden` rewrites the golden files of rendered output instead of comparing."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/hooks/golden/ from the current rendering",
    )
