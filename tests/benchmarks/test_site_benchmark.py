"""A smoke test of the site benchmark at N = 10, one run: its table, its JSON, no timings."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from benchmarks import run

BUILD_ROWS = [
    "build, ours, 3 languages",
    "build, ours, 1 language (en)",
    "build, stock, 3 languages",
    "build, stock, 1 language (en)",
]
SERVE_STAGES = [
    "change detected",
    "rebuilt, reload sent",
    "en served (GET)",
    "pt served (GET)",
    "ru served (GET)",
    "en reloaded in Chromium",
]
# The project's 3 pages and the 10 generated ones, in 3 languages; sections with code: the
# tutorial's 4 and 3 per generated page.
PAGES, SECTIONS = 13 * 3, (4 + 10 * 3) * 3


@pytest.fixture(autouse=True)
def temp_in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the benchmark's temporary folders in the test's own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def table_rows(output: str) -> list[list[str]]:
    """Return the cells of each row of the printed Markdown table, header and rule left out."""
    rows = [line for line in output.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def test_builds_and_highlight_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every build case gets a row and a JSON entry; ours and stock highlight the same lines."""
    json_path = tmp_path / "result.json"
    run.main(["--pages", "10", "--runs", "1", "--skip-serve", "--json", str(json_path)])
    output = capsys.readouterr().out
    result = json.loads(json_path.read_text(encoding="utf-8"))
    skipped = result["stock"]["skipped"]
    expected = [*(BUILD_ROWS[:2] if skipped else BUILD_ROWS), run.TRANSLATION_CHECKS]
    assert [row[:3] for row in table_rows(output)] == [[what, "10", "1"] for what in expected]
    assert [(b["what"], b["pages"], len(b["seconds"])) for b in result["builds"]] == [
        (what, 10, 1) for what in expected
    ]
    assert set(result["machine"]) >= {"cpu", "cores", "memory", "packages"}
    assert result["serve"] == []
    ratios = {ratio["ratio"]: ratio for ratio in result["ratios"]}
    builds = {build["what"]: build["seconds"][0] for build in result["builds"]}
    three_over_one = ratios["ours, 3 languages / 1 language"]
    assert three_over_one["runs"] == [
        builds["build, ours, 3 languages"] / builds["build, ours, 1 language (en)"]
    ]
    assert f"ratio, N=10: ours, 3 languages / 1 language: {three_over_one['median']:.2f}" in output
    # What the translation checks of a build do, every page compared, against the build.
    assert ratios["translation checks / ours, 3 languages"]["runs"] == [
        builds[run.TRANSLATION_CHECKS] / builds["build, ours, 3 languages"]
    ]
    assert builds[run.TRANSLATION_CHECKS] > 0
    if skipped:
        pytest.skip(f"the stock pipeline was not measured: {skipped}")
    [check] = result["highlights"]
    assert (check["pages_compared"], check["sections"], check["mismatches"]) == (
        PAGES,
        SECTIONS,
        [],
    )
    assert check["other_blocks"][0] == check["other_blocks"][1] > 0
    assert f"{SECTIONS} code sections compared, 0 mismatches" in output
    assert ratios["3 languages, ours / stock"]["runs"] == [
        builds["build, ours, 3 languages"] / builds["build, stock, 3 languages"]
    ]


@pytest.mark.browser
def test_serve_loop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Both edits are seen through every stage, in every language, and reported."""
    json_path = tmp_path / "result.json"
    run.main(["--skip-builds", "--serve-pages", "10", "--runs", "1", "--json", str(json_path)])
    rows = table_rows(capsys.readouterr().out)
    result = json.loads(json_path.read_text(encoding="utf-8"))
    expected = [
        f"serve, {edit}: {stage}"
        for edit in ("save a page (en)", "save a program")
        for stage in SERVE_STAGES
    ]
    assert [row[:3] for row in rows] == [[what, "10", "1"] for what in expected]
    assert [(s["what"], s["pages"], s["languages"]) for s in result["serve"]] == [
        (what, 10, 3) for what in expected
    ]
    assert all(len(serve["seconds"]) == 1 for serve in result["serve"])
    assert result["builds"] == []
