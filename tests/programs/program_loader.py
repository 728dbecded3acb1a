"""Import a docs_src program from its file, fresh, as a module no other test shares.

Tests patch a program's globals (its task) and the program writes relative to the current
directory, so each test imports its own copy instead of sharing `sys.modules`' one.
"""

from __future__ import annotations

import importlib.util
import uuid
from pathlib import Path
from types import ModuleType


def load_program(path: Path) -> ModuleType:
    """Execute the program at `path` as a new module, under a name of its own."""
    name = f"docs_program_{path.stem}_{uuid.uuid4().hex}"
    # No bytecode lands beside the program: tests/conftest.py and the servers' environment
    # turn it off, since `mkdocs serve` watches docs_src/.
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path} as a Python module")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
