"""The generated corpus: programs that compile, variants made by each rewrite, sound directives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.corpus import FLAVORS, write_corpus
from variant_includes.page import expand_includes


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A corpus of 40 includes, written once for these tests."""
    return write_corpus(tmp_path_factory.mktemp("corpus"), 40)


def programs(corpus) -> list[Path]:
    """Every generated program."""
    return sorted((corpus.root / "docs_src").rglob("*.py"))


def test_every_program_is_python_in_four_variants(corpus):
    """Each include names an `_an_py310` file with `_py310`, `_an` and plain siblings."""
    found = programs(corpus)
    assert len(found) == 4 * 40
    for path in found:
        compile(path.read_text(), str(path), "exec")
    for include in corpus.includes:
        named = corpus.root / "docs_src" / include.program
        base = named.name.removesuffix("_an_py310.py")
        assert sorted(p.name for p in named.parent.glob(f"{base}*.py")) == sorted(
            f"{base}{flavor.suffix}.py" for flavor in FLAVORS
        )


def test_each_kind_of_rewrite_is_there(corpus):
    """Annotated against defaults, joined and split signatures and calls, indented blocks."""
    texts = {path.name: path.read_text() for path in programs(corpus)}
    named = [t for name, t in texts.items() if name.endswith("_an_py310.py")]
    plain = [t for name, t in texts.items() if not name.endswith(("_an_py310.py", "_an.py"))]
    assert all("Annotated[" in text for text in named)
    assert any("= Query(default=None" in text for text in plain)
    joined_signature = re.compile(r"^async def \w+\(item_id: int, .*\):$", re.MULTILINE)
    assert any(joined_signature.search(text) for text in plain)
    assert all("async def create_item1(\n" in text for text in named)  # always split
    assert any("tasks.add_task(\n" in text for text in texts.values())
    assert any("tasks.add_task(write_log" in text for text in texts.values())
    assert any("    with lock:\n        tasks.add_task" in text for text in texts.values())


def test_pages_hold_every_include_in_every_language(corpus):
    """The same directives in the same pages for each language; some with ln, some titled."""
    for lang in corpus.languages:
        text = "".join((corpus.root / "docs" / lang / page).read_text() for page in corpus.pages)
        assert [line for line in text.splitlines() if line.startswith("{*")] == [
            include.directive for include in corpus.includes
        ]
    assert any(" ln[" in include.directive for include in corpus.includes)
    assert any(' title["main.py"]' in include.directive for include in corpus.includes)


def test_directive_highlights_what_the_corpus_means(corpus):
    """Our directive highlights, in each named file, the lines the corpus recorded."""
    for include in corpus.includes:
        rendered, errors = expand_includes(
            include.directive,
            page=include.page,
            lang="en",
            lang_root=corpus.root / "docs" / "en",
            docs_src=corpus.root / "docs_src",
        )
        assert errors == []
        header, *body = rendered.split("```python", 1)[1].split("\n")
        shown = body[: body.index("```")]
        hl = [int(n) for n in re.search(r'hl_lines="([\d ]+)"', header)[1].split()]
        assert tuple(shown[n - 1] for n in hl) == include.highlighted, include.directive


def test_same_seed_writes_the_same_corpus(tmp_path, corpus):
    """The generator is seeded: a second corpus of the same size is the same, byte for byte."""
    again = write_corpus(tmp_path, 40)
    assert again.includes == corpus.includes
    for path in programs(corpus):
        twin = tmp_path / path.relative_to(corpus.root)
        assert twin.read_text() == path.read_text()
