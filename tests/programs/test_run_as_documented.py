"""Every program in docs_src/ runs the way the pages and the README say: `uvicorn <module>:app`."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from .tested_programs import DOCS_SRC, REPO_ROOT
from .uvicorn_server import run_app

PROGRAMS = sorted(path for path in DOCS_SRC.rglob("*.py") if path.name != "__init__.py")


@pytest.mark.parametrize(
    "program", PROGRAMS, ids=[p.relative_to(DOCS_SRC).as_posix() for p in PROGRAMS]
)
def test_runs_by_module_path(program: Path, tmp_path: Path) -> None:
    """`uvicorn docs_src.<topic>.<name>:app`, from the project's folder, serves the program.

    Its behaviour is tested elsewhere; here, that the module path imports and the app answers.
    """
    module = ".".join(program.relative_to(REPO_ROOT).with_suffix("").parts)
    with run_app(f"{module}:app", REPO_ROOT, tmp_path) as server:
        schema = httpx.get(f"{server.url}/openapi.json", timeout=10)
    assert schema.status_code == 200
    assert schema.json()["paths"], "the app serves no route"
