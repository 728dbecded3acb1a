"""What a directive shows, worked out once for every language: each tab's file, lines, highlights.

Building the model reads the programs, finds the variants and aligns them with the named file;
it holds no word of any language, so one model serves the page in every language, and
`render.py` only turns it into Markdown with the labels of one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from runs.requests import Request
from variant_includes.align import align_lines, carry_lines
from variant_includes.errors import IncludeError
from variant_includes.grammar import Directive, LineRange
from variant_includes.sources import Stamp, read_code, stamp_path
from variant_includes.variants import Variant, has_annotated_twin, search_variants


@dataclass(frozen=True)
class Tab:
    """One program of a directive as its code block shows it, and what its label needs."""

    variant: Variant  # the program's path, its Python version, whether it uses Annotated
    code: tuple[str, ...]  # every line of the program; `shown` picks the ones on the page
    shown: tuple[int, ...]  # the file's line numbers the block shows, in order
    hl: tuple[int, ...]  # the file's line numbers highlighted, in order
    title: str | None
    # An Annotated variant for the same Python exists: the label says "non-Annotated".
    annotated_twin: bool
    # The tab carries the tip to prefer the Annotated version (never the named file's tab).
    tip: bool


@dataclass(frozen=True)
class Include:
    """What one directive shows: the named file, then the other variants in reading order."""

    named: Tab
    others: tuple[Tab, ...]
    # What to send the program at build time (`run[...]`): each variant gets the same requests.
    requests: tuple[Request, ...] = ()
    # Every file read and folder listed to build the model, stamped before it was read: while
    # they all keep their stamps, the model still holds. Not part of what is shown.
    inputs: tuple[Stamp, ...] = field(default=(), compare=False, repr=False)


def check_lines(ranges: tuple[LineRange, ...], lines: list[str], path: Path) -> None:
    """Refuse line numbers past the end of the file."""
    for line_range in ranges:
        if line_range.end > len(lines):
            raise IncludeError(
                f"line {line_range.end} is past the end of {path.name} ({len(lines)} lines)"
            )


def shown_lines(lines: list[str], ln: tuple[LineRange, ...]) -> tuple[int, ...]:
    """Return the file's line numbers that the block shows: all, or those `ln` names."""
    if not ln:
        return tuple(range(1, len(lines) + 1))
    return tuple(sorted({number for line_range in ln for number in line_range.numbers()}))


def carry_ranges(
    ranges: tuple[LineRange, ...], mapping: dict[int, tuple[int, ...]]
) -> tuple[LineRange, ...]:
    """Carry `ln` ranges to a variant: each covers the counterparts of its lines."""
    carried = []
    for line_range in ranges:
        counterparts = carry_lines(set(line_range.numbers()), mapping)
        if counterparts:
            carried.append(LineRange(counterparts[0], counterparts[-1]))
    return tuple(carried)


def build_include(directive: Directive, source: Path, docs_src: Path) -> Include:
    """Work out what `directive`, whose resolved file is `source`, shows in every language.

    Reads the named file and checks `hl` and `ln` against it, finds its variants (confined to
    `docs_src`, as `source` was), reads each and carries the highlights and shown lines to it.
    """
    inputs = [stamp_path(source)]
    named_lines = read_code(source)
    check_lines(directive.hl, named_lines, source)
    check_lines(directive.ln, named_lines, source)
    hl = {number for line_range in directive.hl for number in line_range.numbers()}
    shown = shown_lines(named_lines, directive.ln)
    hidden = sorted(hl - set(shown))
    if hidden:
        ranges = ",".join(map(str, directive.ln))
        raise IncludeError(f"hl line {hidden[0]} is not among the lines ln[{ranges}] shows")
    search = search_variants(source, docs_src)
    inputs += search.folders
    named, *others = search.variants
    tabs = []
    for variant in others:
        inputs.append(stamp_path(variant.path))
        lines = read_code(variant.path)
        mapping = align_lines(named_lines, lines)
        ln = carry_ranges(directive.ln, mapping) if directive.ln else ()
        tabs.append(
            Tab(
                variant=variant,
                code=tuple(lines),
                shown=shown_lines(lines, ln),
                hl=tuple(carry_lines(hl, mapping)),
                title=directive.title,
                annotated_twin=has_annotated_twin(variant, search.variants),
                tip=has_annotated_twin(variant, search.variants),
            )
        )
    named_tab = Tab(
        variant=named,
        code=tuple(named_lines),
        shown=shown,
        hl=tuple(sorted(hl)),
        title=directive.title,
        annotated_twin=has_annotated_twin(named, search.variants),
        tip=False,
    )
    return Include(
        named=named_tab, others=tuple(tabs), requests=directive.run, inputs=tuple(inputs)
    )
