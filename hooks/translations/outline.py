"""What a translation must keep of its English page: its includes and its heading anchors.

A page's outline is the list of its include directives (program and options) and the list of
its heading anchors (`{ #id }`), each with its line on disk. Comparing two outlines says where
a translation has drifted from the English page, naming the translation's line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from variant_includes.errors import IncludeError
from variant_includes.grammar import Directive, parse_directive, scan_directives

# An ATX heading whose attribute list names its anchor: `## Caveat { #caveat }`.
ANCHOR_RE = re.compile(
    r"""(?x)
    ^[ ]{0,3}\#{1,6}[ \t]+        # the heading's hashes
    .*?
    \{[^}]*?\#(?P<id>[^\s}]+)[^}]*\}  # the attribute list, with #id among its items
    [ \t]*\#*[ \t]*$
    """
)
FENCE_RE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")

# The directive options that must be the same in every language, in the order they are told.
OPTION_NAMES = ("hl", "ln", "title")


@dataclass(frozen=True)
class Include:
    """One include directive of a page: the program, its options as text, where it stands."""

    line: int
    text: str
    path: str
    options: tuple[tuple[str, str], ...]

    @property
    def program(self) -> str:
        """The program's path without the `../` that climb out of the language folder."""
        return re.sub(r"^(\.\./)+", "", self.path)


@dataclass(frozen=True)
class Anchor:
    """One heading anchor of a page, and its line."""

    line: int
    id: str


@dataclass(frozen=True)
class Outline:
    """The includes and heading anchors of one page, in the order the page has them."""

    includes: tuple[Include, ...]
    anchors: tuple[Anchor, ...]


@dataclass(frozen=True)
class Drift:
    """One way a translation differs from its English page, told at the translation's line."""

    line: int
    message: str


def option_text(directive: Directive) -> tuple[tuple[str, str], ...]:
    """Return the directive's options as `(name, value)` texts, so `hl[1, 2]` equals `hl[1,2]`."""
    values = {
        "hl": ",".join(map(str, directive.hl)) if directive.hl else None,
        "ln": ",".join(map(str, directive.ln)) if directive.ln else None,
        "title": f'"{directive.title}"' if directive.title is not None else None,
    }
    return tuple((name, values[name]) for name in OPTION_NAMES if values[name] is not None)


def read_include(line: str, number: int) -> Include:
    """Read one directive line; a malformed one is kept as its text (the include hook says why)."""
    try:
        directive = parse_directive(line, number)
    except IncludeError:
        return Include(number, line.strip(), line.strip(), ())
    return Include(number, directive.text, directive.path, option_text(directive))


def lines_outside_code(markdown: str) -> Iterator[tuple[int, str]]:
    """Yield (line number, line) of every line outside fenced code, counting from 1."""
    fence: str | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        if fence is not None:
            stripped = line.strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                fence = None
            continue
        opening = FENCE_RE.match(line)
        if opening:
            fence = opening["fence"]
            continue
        yield number, line


def read_outline(markdown: str) -> Outline:
    """Return the outline of a page's whole text, front matter included, so lines are on disk."""
    markdown = markdown.replace("\r\n", "\n")
    includes = tuple(read_include(line, number) for number, line in scan_directives(markdown))
    anchors = tuple(
        Anchor(number, match["id"])
        for number, line in lines_outside_code(markdown)
        if (match := ANCHOR_RE.match(line))
    )
    return Outline(includes, anchors)


def describe_options(source: Include, translation: Include) -> str:
    """Say which options differ: `hl[13,16] in en, hl[13,17] here`."""
    ours, theirs = dict(translation.options), dict(source.options)
    parts = []
    for name in OPTION_NAMES:
        if ours.get(name) == theirs.get(name):
            continue
        in_source = f"{name}[{theirs[name]}]" if name in theirs else f"no {name}[...]"
        here = f"{name}[{ours[name]}]" if name in ours else f"no {name}[...]"
        parts.append(f"{in_source} in en, {here} here")
    return "; ".join(parts)


def place_of_missing(items: tuple, index: int, fallback: int) -> int:
    """Return the line where a missing item belongs: at the next item, else after the last."""
    if index < len(items):
        return items[index].line
    return items[-1].line if items else fallback


def compare_includes(
    source: tuple[Include, ...], translation: tuple[Include, ...], source_page: str
) -> list[Drift]:
    """Pair the includes by program, in order; report each that differs, is missing or is extra."""
    drifts = []
    matcher = difflib.SequenceMatcher(
        a=[i.program for i in source], b=[i.program for i in translation], autojunk=False
    )
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        pairs = list(zip(source[a1:a2], translation[b1:b2], strict=False))
        for theirs, ours in pairs:
            where = f"{source_page}:{theirs.line}"
            if theirs.program != ours.program:
                drifts.append(
                    Drift(
                        ours.line,
                        f"{ours.text}: includes {ours.program} where {where} "
                        f"includes {theirs.program}",
                    )
                )
            elif theirs.options != ours.options:
                drifts.append(
                    Drift(
                        ours.line,
                        f"{ours.text}: differs from {where}: {describe_options(theirs, ours)}",
                    )
                )
        if tag in ("delete", "replace"):
            for theirs in source[a1 + len(pairs) : a2]:
                drifts.append(
                    Drift(
                        place_of_missing(translation, b1 + len(pairs), 1),
                        f"the include of {source_page}:{theirs.line} is missing: {theirs.text}",
                    )
                )
        if tag in ("insert", "replace"):
            for ours in translation[b1 + len(pairs) : b2]:
                drifts.append(Drift(ours.line, f"{ours.text}: {source_page} has no such include"))
    return drifts


def compare_anchors(
    source: tuple[Anchor, ...], translation: tuple[Anchor, ...], source_page: str
) -> list[Drift]:
    """Report each English anchor the translation renames or lacks, and each it adds."""
    drifts = []
    matcher = difflib.SequenceMatcher(
        a=[a.id for a in source], b=[a.id for a in translation], autojunk=False
    )
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = list(zip(source[a1:a2], translation[b1:b2], strict=False))
        for theirs, ours in pairs:
            drifts.append(
                Drift(
                    ours.line,
                    f"heading anchor #{ours.id} where {source_page}:{theirs.line} has #{theirs.id}",
                )
            )
        for theirs in source[a1 + len(pairs) : a2]:
            drifts.append(
                Drift(
                    place_of_missing(translation, b1 + len(pairs), 1),
                    f"no heading has the anchor #{theirs.id} of {source_page}:{theirs.line}",
                )
            )
        for ours in translation[b1 + len(pairs) : b2]:
            drifts.append(Drift(ours.line, f"heading anchor #{ours.id} is not in {source_page}"))
    return drifts


def compare_outlines(source: Outline, translation: Outline, source_page: str) -> list[Drift]:
    """Return every drift of a translation from its English page, in the translation's order."""
    drifts = compare_includes(source.includes, translation.includes, source_page)
    drifts += compare_anchors(source.anchors, translation.anchors, source_page)
    return sorted(drifts, key=lambda drift: drift.line)
