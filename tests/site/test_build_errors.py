"""A wrong directive or a broken setup fails `mkdocs build --strict` with a clear message."""

from __future__ import annotations

import shutil

from tests.project import build_site

RU_PAGE = "docs/ru/tutorial/background-tasks.md"
BAD = "<* ../../docs_src/background_tasks/tutorial001.py hl[40] *>"


def insert_line(path, line_number: int, text: str) -> None:
    """Insert `text` so that it becomes line `line_number` (1-based) of the file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(line_number - 1, text)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_wrong_directive_fails_the_strict_build_naming_page_and_line(project_copy):
    """The message names the page, the line on disk, the directive and the problem; no traceback."""
    insert_line(project_copy / RU_PAGE, 5, f"\n{BAD}\n")
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert build.returncode == 1
    assert (
        f"WARNING -  includes: {RU_PAGE}:6: {BAD}: "
        "line 40 is past the end of tutorial001.py (15 lines)"
    ) in build.log
    # An include the English page lacks is also a drifted translation: the second warning.
    assert f"{RU_PAGE}:6: {BAD}: docs/en/tutorial/background-tasks.md has no such include" in (
        build.log
    )
    assert "Aborted with 2 warnings in strict mode!" in build.log
    assert "Traceback" not in build.log


def test_line_numbers_count_front_matter(project_copy):
    """Front matter, which MkDocs strips before the hook sees the page, still counts."""
    page = project_copy / RU_PAGE
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\ntitle: Фоновые задачи\n", 1), encoding="utf-8")
    insert_line(page, 9, f"\n{BAD}\n")
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert f"{RU_PAGE}:10: {BAD}:" in build.log


def test_missing_docs_src_is_a_setup_error(project_copy):
    """Without docs_src/ the build stops at once with what is missing, not a traceback."""
    shutil.rmtree(project_copy / "docs_src")
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert build.returncode == 1
    assert (
        f"The path '{project_copy / 'docs_src'}' isn't an existing file or directory" in build.log
    )
    assert "Traceback" not in build.log


def test_language_without_labels_is_a_setup_error(project_copy):
    """A language added to mkdocs.yml without labels names the table to extend."""
    config = project_copy / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "        - locale: ru\n",
            "        - locale: de\n          name: Deutsch\n          build: true\n"
            "        - locale: ru\n",
        ),
        encoding="utf-8",
    )
    (project_copy / "docs" / "de").mkdir()
    build = build_site(config, project_copy / "site")
    assert build.returncode == 1
    assert (
        "hooks/variant_includes/labels.py has no labels for de: "
        "add an entry for each language to every row of LABELS"
    ) in build.log
    assert "Traceback" not in build.log
