"""Real `mkdocs build --strict` runs, from the real mkdocs.yml, into temporary folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PROJECT_PARTS = ["mkdocs.yml", "docs", "docs_src", "hooks"]


@dataclass(frozen=True)
class Build:
    """What one `mkdocs build --strict` did: its exit code, its log and where the site went."""

    returncode: int
    log: str
    site: Path


def build_site(config: Path, site: Path) -> Build:
    """Run `mkdocs build --strict` as an author would, in a fresh process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The real site, built once per test process from the repository's own files."""
    build = build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project's site sources, for tests that edit them."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / part)
    return tmp_path
