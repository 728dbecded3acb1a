"""Rendering a directive as Markdown for pymdown-extensions: fenced code, tabs, details, tips."""

from __future__ import annotations

import re
from pathlib import Path

from variant_includes.align import align_lines, carry_lines
from variant_includes.errors import IncludeError
from variant_includes.grammar import Directive, LineRange
from variant_includes.labels import label
from variant_includes.sources import read_code
from variant_includes.variants import Variant, find_variants, has_annotated_twin

# Slash counts of the blocks the directive emits. A nested block must not reuse the count of a
# block it sits in, and pages use 3 or 4 for their own admonitions, so ours start above that.
DETAILS_FENCE = "/" * 6
TAB_FENCE = "/" * 7
TIP_FENCE = "/" * 8

# The fence language and comment marker of each kind of program.
LANGUAGES = {".py": ("python", "#")}
DEFAULT_LANGUAGE = ("text", "#")


def check_lines(ranges: tuple[LineRange, ...], lines: list[str], path: Path) -> None:
    """Refuse line numbers past the end of the file."""
    for line_range in ranges:
        if line_range.end > len(lines):
            raise IncludeError(
                f"line {line_range.end} is past the end of {path.name} ({len(lines)} lines)"
            )


def shown_lines(lines: list[str], ln: tuple[LineRange, ...]) -> list[int]:
    """Return the file's line numbers that the block shows: all, or those `ln` names."""
    if not ln:
        return list(range(1, len(lines) + 1))
    return sorted({number for line_range in ln for number in line_range.numbers()})


def render_code(
    lines: list[str],
    path: Path,
    *,
    hl: set[int],
    shown: list[int],
    lang: str,
    title: str | None = None,
) -> list[str]:
    """Render a fenced code block of the `shown` lines, omitted parts marked with a comment."""
    fence_language, comment = LANGUAGES.get(path.suffix, DEFAULT_LANGUAGE)
    body: list[str] = []
    highlighted: list[int] = []
    previous = 0
    for number in shown:
        if number > previous + 1:
            name = "omitted_above" if previous == 0 else "omitted_between"
            indent = re.match(r"\s*", lines[number - 1]).group()
            body.append(f"{indent}{comment} {label(name, lang)}")
        body.append(lines[number - 1])
        if number in hl:
            highlighted.append(len(body))
        previous = number
    if shown and previous < len(lines):
        body.append(f"{comment} {label('omitted_below', lang)}")
    longest_ticks = max((len(run) for run in re.findall(r"`+", "\n".join(body))), default=0)
    fence = "`" * max(3, longest_ticks + 1)
    header = fence + fence_language
    if highlighted:
        header += f' hl_lines="{" ".join(map(str, highlighted))}"'
    if title:
        header += f' title="{title}"'
    return [header, *body, fence]


def render_block(fence: str, header: str, content: list[str]) -> list[str]:
    """Wrap Markdown lines in a pymdownx block (`/// tab | ...`)."""
    return [f"{fence} {header}", "", *content, "", fence]


def variant_label(variant: Variant, variants: list[Variant], lang: str) -> str:
    """Label a variant's tab: `Python 3.10+`, or `Python 3.10+ - non-Annotated`."""
    # "non-Annotated" tells a tab from the Annotated one for the same Python; alone, it needs
    # no telling apart, and the word would point at a version that does not exist.
    python = label("python", lang, version=variant.python_label)
    if has_annotated_twin(variant, variants):
        return label("non_annotated", lang, python=python)
    return python


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


def render_variant(
    variant: Variant,
    variants: list[Variant],
    named_lines: list[str],
    directive: Directive,
    hl: set[int],
    lang: str,
) -> list[str]:
    """Render one other variant as a tab, its highlights and shown lines carried over.

    The tip to prefer `Annotated` stands only where an `Annotated` variant for the same Python
    exists, so that it never points at a version that is not there.
    """
    lines = read_code(variant.path)
    mapping = align_lines(named_lines, lines)
    content = []
    if has_annotated_twin(variant, variants):
        tip = [label("prefer_annotated", lang)]
        content += [*render_block(TIP_FENCE, f"tip | {label('tip', lang)}", tip), ""]
    ln = carry_ranges(directive.ln, mapping) if directive.ln else ()
    content += render_code(
        lines,
        variant.path,
        hl=set(carry_lines(hl, mapping)),
        shown=shown_lines(lines, ln),
        lang=lang,
        title=directive.title,
    )
    return render_block(TAB_FENCE, f"tab | {variant_label(variant, variants, lang)}", content)


def render_include(directive: Directive, source: Path, lang: str, docs_src: Path) -> str:
    """Render a directive whose file is `source` as Markdown, indented as the directive was.

    `docs_src` confines the variants found beside `source`, as `source` itself was confined.
    """
    named_lines = read_code(source)
    check_lines(directive.hl, named_lines, source)
    check_lines(directive.ln, named_lines, source)
    hl = {number for line_range in directive.hl for number in line_range.numbers()}
    shown = shown_lines(named_lines, directive.ln)
    hidden = sorted(hl - set(shown))
    if hidden:
        ranges = ",".join(map(str, directive.ln))
        raise IncludeError(f"hl line {hidden[0]} is not among the lines ln[{ranges}] shows")
    variants = find_variants(source, docs_src)
    named, *others = variants
    output = render_code(named_lines, source, hl=hl, shown=shown, lang=lang, title=directive.title)
    if others:
        output = render_block(TAB_FENCE, f"tab | {variant_label(named, variants, lang)}", output)
        tabs = [
            line
            for variant in others
            for line in ["", *render_variant(variant, variants, named_lines, directive, hl, lang)]
        ][1:]
        details = render_block(DETAILS_FENCE, f"details | {label('other_variants', lang)}", tabs)
        output += ["", *details]
    return indent_lines(output, directive.indent)


def render_error(error: IncludeError, lang: str, indent: str) -> str:
    """Render an include error as a danger admonition, so the author sees it in the page."""
    message = ["```text", str(error), "```"]
    block = render_block(DETAILS_FENCE, f"danger | {label('include_error', lang)}", message)
    return indent_lines(block, indent)


def indent_lines(lines: list[str], indent: str) -> str:
    """Join lines, each indented as the directive was, so lists and admonitions keep them."""
    return "\n".join(indent + line if line else "" for line in lines)
