"""Fixtures of the behaviour tests: a fresh program in its own folder, and a uvicorn server.

Each test module defines `program_path`, parametrized over the programs it runs.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .program_loader import load_program
from .uvicorn_server import Server, run_uvicorn


@pytest.fixture
def program(program_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The program under test, freshly imported, running in the test's own temporary folder."""
    # The programs write log.txt to the current directory.
    monkeypatch.chdir(tmp_path)
    return load_program(program_path)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start uvicorn servers for the test (see `run_uvicorn`); all are stopped when it ends."""
    with ExitStack() as servers:

        def start(program: Path, **task: Any) -> Server:
            """Start one server for `program`; `task` as `run_uvicorn` takes it."""
            folder = Path(tempfile.mkdtemp(prefix="server-", dir=tmp_path))
            return servers.enter_context(run_uvicorn(program, folder, **task))

        yield start


@pytest.fixture
def server(program_path: Path, serve: Callable[..., Server]) -> Server:
    """The program under test served as it is, by uvicorn, in the test's temporary folder."""
    return serve(program_path)
