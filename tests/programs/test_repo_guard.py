"""The guard in tests/conftest.py sees real writes, renames and removals, and nothing else."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest


def test_guard_notes_real_changes_under_its_root(
    repo_writes: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pointed at a temporary root, the live audit hook notes what changes there, in order."""
    monkeypatch.setattr(repo_writes, "root", tmp_path)
    repo_writes.paths.clear()
    (tmp_path / "log.txt").write_text("written")
    (tmp_path / "log.txt").read_text()
    os.replace(tmp_path / "log.txt", tmp_path / "moved.txt")
    os.remove(tmp_path / "moved.txt")
    (tmp_path / "tree" / "__pycache__").mkdir(parents=True)
    shutil.rmtree(tmp_path / "tree")
    noted, repo_writes.paths[:] = list(repo_writes.paths), []
    # The read and the cache folder are not noted; rmtree's inner removals, relative to a
    # directory descriptor, are covered by its own event and its final rmdir of the tree.
    assert [path.relative_to(tmp_path).as_posix() for path in noted] == [
        "log.txt",  # write_text
        "moved.txt",  # os.replace
        "moved.txt",  # os.remove
        "tree",  # mkdir
        "tree",  # shutil.rmtree
        "tree",  # shutil.rmtree's last rmdir
    ]
