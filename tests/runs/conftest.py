"""A project of its own for each test: a `docs_src/` in `tmp_path` to write programs into; and
the tutorial programs' transcripts one by one, which batches of them are held to."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from runs.cache import RunCache
from runs.requests import Request
from runs.transcript import Transcript

REPO_ROOT = Path(__file__).resolve().parents[2]
WITH_QUERY = Request("POST", "/send-notification/foo@example.com?q=some-query", None)
WITHOUT_QUERY = Request("POST", "/send-notification/foo@example.com", None)
# Every tutorial program, with and without a query.
TUTORIAL_JOBS = [
    (program, (WITH_QUERY, WITHOUT_QUERY))
    for program in sorted((REPO_ROOT / "docs_src" / "background_tasks").glob("tutorial*.py"))
]

WriteProgram = Callable[[str, str], Path]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a project root holding an empty `docs_src` package."""
    root = tmp_path / "project"
    (root / "docs_src").mkdir(parents=True)
    (root / "docs_src" / "__init__.py").write_text("")
    return root


@pytest.fixture
def write_program(project: Path) -> WriteProgram:
    """Return a writer of `docs_src/<name>.py` in the project, its code dedented."""

    def write(name: str, code: str) -> Path:
        """Write the module `docs_src.<name>` and return its path."""
        path = project / "docs_src" / f"{name}.py"
        path.write_text(textwrap.dedent(code))
        return path

    return write


@pytest.fixture(scope="session")
def tutorials_one_by_one() -> list[Transcript]:
    """Return the transcripts of `TUTORIAL_JOBS` from a loop of `get` on a fresh cache."""
    cache = RunCache(None)
    return [cache.get(program, requests, root=REPO_ROOT) for program, requests in TUTORIAL_JOBS]
