"""Which docs_src programs the behaviour tests run: found on disk, and collected for checking.

A test module names one example and runs every variant the hook finds beside it, so a new
variant file is tested with no edit here. It exposes them as `TESTED_PROGRAMS`, which is what
`collect_tested_programs` reads to check that every program a page includes is run.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from variant_includes.variants import Variant, find_variants

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
DOCS_SRC = REPO_ROOT / "docs_src"


def find_programs(example: str) -> tuple[Variant, ...]:
    """Return the example under docs_src/ and all its `_an` / `_pyXY` variants on disk."""
    return tuple(find_variants(DOCS_SRC / example))


def program_params(programs: Iterable[Variant]) -> list[pytest.ParameterSet]:
    """Make one pytest parameter per program, named by its file stem.

    A variant that needs a newer Python than this one is skipped, not failed: it cannot run here.
    """
    return [
        pytest.param(
            program.path,
            id=program.path.stem,
            marks=pytest.mark.skipif(
                sys.version_info[:2] < program.python,
                reason=f"{program.path.name} needs Python {program.python_label}",
            ),
        )
        for program in programs
    ]


def collect_tested_programs() -> set[Path]:
    """Import every test module in this folder and return the programs their fixtures run."""
    tested: set[Path] = set()
    for path in sorted(HERE.rglob("test_*.py")):
        name = ".".join(path.relative_to(HERE).with_suffix("").parts)
        # The same relative name pytest used, so a collected module is not imported twice.
        module = importlib.import_module(f".{name}", __package__)
        tested.update(program.path.resolve() for program in getattr(module, "TESTED_PROGRAMS", ()))
    return tested
