"""Every program a page of any language includes, variants included, is run by a behaviour test.

The pages are read with the hook's own parser, paths resolved and variants found with the
hook's own functions, so this check sees exactly the programs the site shows; "run by a test"
means listed in some test module's `TESTED_PROGRAMS`, which its fixture is parametrized over.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from variant_includes.errors import IncludeError
from variant_includes.grammar import find_directives
from variant_includes.sources import resolve_include
from variant_includes.variants import find_variants

from .tested_programs import DOCS_SRC, REPO_ROOT, collect_tested_programs

DOCS = REPO_ROOT / "docs"


@dataclass(frozen=True)
class Inclusion:
    """One program that a directive brings into a page: the named file or one of its variants."""

    page: str
    line: int
    directive: str
    program: Path


def find_inclusions(docs: Path, docs_src: Path) -> list[Inclusion]:
    """Return every program included by every page of every language under `docs`.

    A directive the hook cannot read or resolve raises its `IncludeError`, located at the page.
    """
    inclusions = []
    for lang_root in sorted(folder for folder in docs.iterdir() if folder.is_dir()):
        for page in sorted(lang_root.rglob("*.md")):
            shown = page.relative_to(docs.parent).as_posix()
            try:
                # Counted in the file on disk, front matter included, as authors see lines.
                directives = find_directives(page.read_text(encoding="utf-8"))
            except IncludeError as error:
                raise error.located(shown, error.line, error.directive) from None
            for directive in directives:
                try:
                    source = resolve_include(directive.path, lang_root, docs_src)
                except (IncludeError, ValueError) as error:
                    raise IncludeError(
                        str(error), page=shown, line=directive.line, directive=directive.text
                    ) from None
                inclusions.extend(
                    Inclusion(shown, directive.line, directive.text, variant.path.resolve())
                    for variant in find_variants(source)
                )
    return inclusions


def find_untested(inclusions: list[Inclusion], tested: set[Path], docs_src: Path) -> list[str]:
    """Return one message per inclusion of a program that no behaviour test runs."""
    return [
        f"{inclusion.page}:{inclusion.line}: {inclusion.directive}: includes "
        f"{inclusion.program.relative_to(docs_src.resolve().parent).as_posix()}, which no "
        "behaviour test runs; add its example to TESTED_PROGRAMS of a test module in "
        "tests/programs/"
        for inclusion in inclusions
        if inclusion.program not in tested
    ]


def test_every_included_program_is_tested() -> None:
    """No page of any language includes a program, or a variant, that no behaviour test runs."""
    inclusions = find_inclusions(DOCS, DOCS_SRC)
    # An empty result would pass whatever the tests cover, so it is a failure of its own.
    assert inclusions, f"no page under {DOCS} includes a program: the check would prove nothing"
    untested = find_untested(inclusions, collect_tested_programs(), DOCS_SRC)
    assert not untested, "\n".join(untested)


def test_untested_variant_is_reported_with_page_and_line(tmp_path: Path) -> None:
    """A page including an example whose variant no test runs is reported at its page and line."""
    example = tmp_path / "docs_src" / "topic"
    example.mkdir(parents=True)
    for name in ("tutorial001.py", "tutorial001_py310.py", "tutorial0010.py"):
        (example / name).write_text("app = None\n")
    page = tmp_path / "docs" / "pt" / "topic.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        textwrap.dedent(
            """\
            # Tópico

            ```
            <* ../../docs_src/topic/tutorial0010.py *>
            ```

            <* ../../docs_src/topic/tutorial001.py hl[1] *>
            """
        )
    )
    inclusions = find_inclusions(tmp_path / "docs", tmp_path / "docs_src")
    tested = {(example / "tutorial001.py").resolve()}
    assert find_untested(inclusions, tested, tmp_path / "docs_src") == [
        "docs/pt/topic.md:7: <* ../../docs_src/topic/tutorial001.py hl[1] *>: includes "
        "docs_src/topic/tutorial001_py310.py, which no behaviour test runs; add its example to "
        "TESTED_PROGRAMS of a test module in tests/programs/"
    ]


def test_tested_programs_hold_every_tutorial_file() -> None:
    """The registry holds every tutorial file on disk, found here by a glob of its own."""
    tested = collect_tested_programs()
    on_disk = {path.resolve() for path in DOCS_SRC.glob("background_tasks/tutorial00[12]*.py")}
    assert on_disk
    assert sorted(on_disk - tested) == []


@pytest.mark.parametrize(
    "directive",
    [
        pytest.param("<* ../../outside.py *>", id="outside-docs-src"),
        pytest.param("<* ../../docs_src/topic/tutorial001.py hl[1 *>", id="malformed"),
    ],
)
def test_unreadable_include_is_reported_at_its_page(tmp_path: Path, directive: str) -> None:
    """A directive the hook cannot follow stops the check with the page, line and directive."""
    (tmp_path / "docs_src" / "topic").mkdir(parents=True)
    (tmp_path / "docs_src" / "topic" / "tutorial001.py").write_text("app = None\n")
    (tmp_path / "outside.py").write_text("app = None\n")
    page = tmp_path / "docs" / "ru" / "topic.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"# Тема\n\n{directive}\n")
    with pytest.raises(IncludeError) as failure:
        find_inclusions(tmp_path / "docs", tmp_path / "docs_src")
    assert str(failure.value).startswith(f"docs/ru/topic.md:3: {directive}: ")
