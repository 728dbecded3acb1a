"""The project's site sources, copied for tests that edit them, and real builds of them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# What `mkdocs serve` and `mkdocs build` read; tests copy it and never touch the original.
PROJECT_PARTS = ("mkdocs.yml", "docs", "docs_src", "hooks")


@dataclass(frozen=True)
class Build:
    """What one `mkdocs build --strict` did: its exit code, its log and where the site went."""

    returncode: int
    log: str
    site: Path


def copy_project(dest: Path) -> Path:
    """Copy the site's sources into `dest`, so a test can edit them freely."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO_ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    return dest


def mkdocs_env(tmp: Path) -> dict[str, str]:
    """Return the environment of an MkDocs process: quiet about MkDocs 2, temp files and kept
    transcripts in `tmp`."""
    # No bytecode: hooks/ is watched by `mkdocs serve`, and it may be the repository's own.
    # Transcripts of the programs a page runs are kept in `tmp` too, not in the project.
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONUNBUFFERED": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "TMPDIR": str(tmp),
        "DOCS_RUNS_CACHE": str(tmp / "runs-cache"),
    }


def build_site(
    config: Path,
    site: Path,
    *options: str,
    engine: str = "mkdocs",
    strict: bool = True,
    env: dict[str, str] | None = None,
) -> Build:
    """Run `mkdocs build --strict` (plus `options`, such as `-q`) as an author would.

    `strict=False` leaves `--strict` out; `env` adds to the environment.
    `engine="properdocs"` runs ProperDocs instead, which reads the same mkdocs.yml; `-f` is
    given even for a file named mkdocs.yml, which ProperDocs, finding it by itself, would ask
    to rename.
    """
    command = [sys.executable, "-m", engine, "build", *(["--strict"] if strict else []), *options]
    result = subprocess.run(
        [*command, "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        env={**mkdocs_env(site.parent), **(env or {})},
        timeout=300,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)
