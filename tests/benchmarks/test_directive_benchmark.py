"""A smoke test of the directive benchmark: it runs end to end on a tiny corpus. No timings."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from benchmarks.directive import EXIT_NO_PACKAGES, PIPELINES
from tests.project import REPO_ROOT


def test_benchmark_prints_its_table_and_writes_json(tmp_path):
    """Ten includes, one run: the table, the JSON, and both tools agreeing on the highlights."""
    output = tmp_path / "result.json"
    command = [sys.executable, "-m", "benchmarks.directive", "--includes", "10", "--runs", "1"]
    command += ["--json", str(output), "--work", str(tmp_path / "work")]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(tmp_path)}
    result = subprocess.run(
        command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    if result.returncode == EXIT_NO_PACKAGES:
        pytest.skip(
            f"markdown-include-variants or mdx_include cannot be installed: {result.stderr}"
        )
    assert result.returncode == 0, result.stderr
    for name in PIPELINES:
        assert name in result.stdout
    assert "ratio markdown-include-variants + mdx_include / variant_includes" in result.stdout
    assert "10/10 includes agree" in result.stdout
    data = json.loads(output.read_text())
    assert (data["includes"], data["runs"]) == (10, 1)
    assert sorted(data["pipelines"]) == sorted(PIPELINES)
    for timings in data["pipelines"].values():
        assert len(timings["directive"]["runs"]) == 1
    assert data["check"] == {"compared": 10, "mismatches": []}
    assert set(data["machine"]) == {"nproc", "cpu", "python", "platform"}
