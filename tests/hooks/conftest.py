"""Golden files of the directive's output (`--update-golden` rewrites them); models counted."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from variant_includes import cache as cache_module

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Return a check of text against golden/<name>; `--update-golden` rewrites the file."""
    update = request.config.getoption("--update-golden", default=False)

    def check(name: str, text: str) -> None:
        """Compare `text` with golden/<name>, or rewrite it; a mismatch shows a unified diff."""
        path = GOLDEN / name
        if update:
            path.write_text(text, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8") if path.is_file() else ""
        if text != expected:
            diff = difflib.unified_diff(
                expected.splitlines(), text.splitlines(), f"golden/{name}", "got", lineterm=""
            )
            pytest.fail("\n".join(diff), pytrace=False)

    return check


@pytest.fixture
def built(monkeypatch) -> Counter:
    """Count the models built, by the name of the directive's file."""
    counts: Counter = Counter()
    build_include = cache_module.build_include

    def counted(directive, source, docs_src):
        counts[source.name] += 1
        return build_include(directive, source, docs_src)

    monkeypatch.setattr(cache_module, "build_include", counted)
    return counts
