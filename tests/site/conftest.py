"""Real `mkdocs build --strict` runs, from the real mkdocs.yml, into temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.project import REPO_ROOT, Build, build_site, copy_project


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test process from the repository's own files."""
    build = build_site(REPO_ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's site sources, for tests that edit them."""
    return copy_project(tmp_path)
