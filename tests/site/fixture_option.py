"""A new kind of page input, for tests: the directive option `fixture["name"]`, which reads the
file `docs_src/<name>` and shows its lines under the program.

Installed in a process before MkDocs runs (`install()`), it changes only the directive: its
grammar and the model it builds, which lists the file among what it read, as every model does.
Nothing of the build or of the rebuild planning is touched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from variant_includes import cache, grammar, sources
from variant_includes.grammar import Directive
from variant_includes.model import Include


@dataclass(frozen=True)
class FixtureDirective(Directive):
    """A directive that may name a fixture file."""

    fixture: str | None = None


def install() -> None:
    """Teach the directive the `fixture` option, in this process."""
    grammar.OPTIONS["fixture"] = grammar.parse_title
    grammar.Directive = FixtureDirective
    build_include = cache.build_include

    def build_with_fixture(directive: Directive, source: Path, docs_src: Path) -> Include:
        include = build_include(directive, source, docs_src)
        if getattr(directive, "fixture", None) is None:
            return include
        path = docs_src / directive.fixture
        stamp = sources.stamp_path(path)
        lines = sources.read_code(path)
        named = include.named
        shown = range(len(named.code) + 1, len(named.code) + len(lines) + 1)
        named = replace(named, code=(*named.code, *lines), shown=(*named.shown, *shown))
        return replace(include, named=named, inputs=(*include.inputs, stamp))

    cache.build_include = build_with_fixture
