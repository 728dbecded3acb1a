"""Work done once: a directive's model serves every language, and is built again on a change."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from variant_includes import model as model_module
from variant_includes.cache import ModelCache
from variant_includes.page import expand_includes

ROOT = Path(__file__).parents[2]
GOLDEN = Path(__file__).parent / "golden"
TUTORIAL002 = "<* ../../docs_src/background_tasks/tutorial002_an_py310.py hl[13,16,22,25] *>"


@pytest.fixture
def work(monkeypatch) -> Counter:
    """Count every program read and every alignment the model builder does, by name."""
    counts: Counter = Counter()
    read_code, align_lines = model_module.read_code, model_module.align_lines

    def counted_read(path):
        counts["read"] += 1
        return read_code(path)

    def counted_align(source, target):
        counts["align"] += 1
        return align_lines(source, target)

    monkeypatch.setattr(model_module, "read_code", counted_read)
    monkeypatch.setattr(model_module, "align_lines", counted_align)
    return counts


def expand_real(lang: str, cache: ModelCache | None) -> str:
    """Expand tutorial002's directive on the real page of `lang`."""
    rendered, errors = expand_includes(
        TUTORIAL002,
        page=f"docs/{lang}/tutorial/background-tasks.md",
        lang=lang,
        lang_root=ROOT / "docs" / lang,
        docs_src=ROOT / "docs_src",
        cache=cache,
    )
    assert errors == []
    return rendered


def test_three_languages_read_and_align_once(work):
    """With one cache, five programs are read and four aligned once, for all three languages."""
    cache = ModelCache()
    for lang in ["en", "pt", "ru"]:
        expected = (GOLDEN / f"tutorial002-variants-{lang}.md").read_text(encoding="utf-8")
        assert expand_real(lang, cache) == expected
    assert work == {"read": 5, "align": 4}


def test_without_a_cache_each_language_does_it_all_again(work):
    """The counters see the work: three languages without a cache read and align three times."""
    for lang in ["en", "pt", "ru"]:
        expand_real(lang, None)
    assert work == {"read": 15, "align": 12}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """docs/<lang>/ for three languages; example a in docs_src/t/, example b in docs_src/u/.

    A folder's entries are stamped as a whole, so a file added beside a's variants rebuilds
    every model whose variants are there: the examples sit apart to tell reuse from rebuild.
    """
    for lang in ["en", "pt", "ru"]:
        (tmp_path / "docs" / lang).mkdir(parents=True)
    files = {
        "t/a_an.py": "from typing import Annotated\n\nx: Annotated[int, 1] = 1\n",
        "t/a.py": "x: int = 1\n",
        "u/b_py310.py": "y: int | None = None\n",
        "u/b.py": "y: Optional[int] = None\n",
    }
    for name, text in files.items():
        (tmp_path / "docs_src" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs_src" / name).write_text(text)
    return tmp_path


PAGE = "<* ../../docs_src/t/a_an.py hl[3] *>\n\n<* ../../docs_src/u/b_py310.py hl[1] *>\n"


def build_site(project: Path, cache: ModelCache) -> dict[str, str]:
    """Expand the page in each language, as one build does; return the pages by language."""
    pages = {}
    for lang in ["en", "pt", "ru"]:
        pages[lang], errors = expand_includes(
            PAGE,
            page=f"docs/{lang}/page.md",
            lang=lang,
            lang_root=project / "docs" / lang,
            docs_src=project / "docs_src",
            cache=cache,
        )
        assert errors == []
    return pages


def touch_later(path: Path) -> None:
    """Move a file's modification time a second on, as an editor's save a moment later would."""
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))


def test_unchanged_directives_are_reused_across_builds(project, built):
    """A second build, as `mkdocs serve` runs after an unrelated edit, builds no model."""
    cache = ModelCache()
    first = build_site(project, cache)
    assert built == {"a_an.py": 1, "b_py310.py": 1}
    assert build_site(project, cache) == first
    assert built == {"a_an.py": 1, "b_py310.py": 1}


def test_edited_variant_is_seen_by_the_next_build(project, built):
    """Editing a.py rebuilds only a's model, and every language shows the edit."""
    cache = ModelCache()
    build_site(project, cache)
    (project / "docs_src" / "t" / "a.py").write_text("x: int = 2\n")
    pages = build_site(project, cache)
    assert built == {"a_an.py": 2, "b_py310.py": 1}
    assert all("x: int = 2" in page for page in pages.values())


def test_same_size_edit_is_told_by_its_time(project, built):
    """An edit that keeps the size still moves the modification time, which is enough."""
    cache = ModelCache()
    build_site(project, cache)
    variant = project / "docs_src" / "u" / "b.py"
    variant.write_text("y: Optional[int] = 1234\n")  # as long as `None`
    touch_later(variant)
    assert "= 1234" in build_site(project, cache)["pt"]
    assert built == {"a_an.py": 1, "b_py310.py": 2}


def test_new_variant_file_is_seen_by_the_next_build(project, built):
    """A new b_an_py310.py adds a tab to b's include, and a's model is reused."""
    cache = ModelCache()
    build_site(project, cache)
    (project / "docs_src" / "u" / "b_an_py310.py").write_text("y: Annotated[int, 1] = 1\n")
    pages = build_site(project, cache)
    assert built == {"a_an.py": 1, "b_py310.py": 2}
    assert "/////// tab | Python 3.10+ - sem Annotated" in pages["pt"]


def test_removed_variant_is_seen_by_the_next_build(project, built):
    """Removing a.py removes its tab."""
    cache = ModelCache()
    assert "Other versions" in build_site(project, cache)["en"].split("b_py310")[0]
    (project / "docs_src" / "t" / "a.py").unlink()
    pages = build_site(project, cache)
    assert built == {"a_an.py": 2, "b_py310.py": 1}
    assert pages["en"].count("Other versions") == 1  # only b's include has variants left


def test_new_variant_folder_file_is_seen(tmp_path, built):
    """A variant folder that gains the file (its own entries change) adds the tab."""
    (tmp_path / "docs" / "en").mkdir(parents=True)
    for folder in ["app_an", "app", "app_py310"]:
        (tmp_path / "docs_src" / "t" / folder).mkdir(parents=True)
    (tmp_path / "docs_src" / "t" / "app_an" / "main.py").write_text("x = 1\n")
    (tmp_path / "docs_src" / "t" / "app" / "main.py").write_text("x = 1\n")
    cache = ModelCache()

    def tabs() -> list[str]:
        """The tab labels of the English page."""
        page, errors = expand_includes(
            "<* ../../docs_src/t/app_an/main.py *>",
            page="docs/en/page.md",
            lang="en",
            lang_root=tmp_path / "docs" / "en",
            docs_src=tmp_path / "docs_src",
            cache=cache,
        )
        assert errors == []
        return [line for line in page.splitlines() if line.startswith("/////// tab")]

    assert tabs() == ["/////// tab | Python 3.8+", "/////// tab | Python 3.8+ - non-Annotated"]
    assert tabs() == ["/////// tab | Python 3.8+", "/////// tab | Python 3.8+ - non-Annotated"]
    (tmp_path / "docs_src" / "t" / "app_py310" / "main.py").write_text("x = 1\n")
    assert tabs() == [
        "/////// tab | Python 3.8+",
        "/////// tab | Python 3.10+",
        "/////// tab | Python 3.8+ - non-Annotated",
    ]
    assert built == {"main.py": 2}


def test_a_wrong_directive_is_not_kept(project, built):
    """A directive that fails is built again in each language, each reporting its error."""
    cache = ModelCache()
    errors = []
    for lang in ["en", "pt", "ru"]:
        _, found = expand_includes(
            "<* ../../docs_src/t/a.py hl[9] *>",
            page=f"docs/{lang}/page.md",
            lang=lang,
            lang_root=project / "docs" / lang,
            docs_src=project / "docs_src",
            cache=cache,
        )
        errors += [str(error) for error in found]
    assert errors == [
        f"docs/{lang}/page.md:1: <* ../../docs_src/t/a.py hl[9] *>: "
        "line 9 is past the end of a.py (1 lines)"
        for lang in ["en", "pt", "ru"]
    ]
    assert built == {"a.py": 3}
    assert cache.models == {}


def test_each_set_of_options_has_its_model(project, built):
    """The same file with other options is another model; the same options share one."""
    cache = ModelCache()
    pages = []
    for line in [
        "<* ../../docs_src/t/a_an.py hl[3] *>",
        "{* ../../docs_src/t/a_an.py hl[3] *}",
        "  <* ../../docs_src/t/a_an.py hl[1] *>",
        '<* ../../docs_src/t/a_an.py hl[3] title["a.py"] *>',
        "<* ../../docs_src/t/a_an.py ln[3] hl[3] *>",
    ]:
        page, errors = expand_includes(
            line,
            page="docs/en/page.md",
            lang="en",
            lang_root=project / "docs" / "en",
            docs_src=project / "docs_src",
            cache=cache,
        )
        assert errors == []
        pages.append(next(row.strip() for row in page.splitlines() if "```" in row))
    assert built == {"a_an.py": 4}
    assert pages == [
        '```python hl_lines="3"',
        '```python hl_lines="3"',
        '```python hl_lines="1"',
        '```python hl_lines="3" title="a.py"',
        '```python hl_lines="2"',
    ]
