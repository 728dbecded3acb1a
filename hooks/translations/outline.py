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
OPTION_NAMES = ("hl", "ln", "title", "run")


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
        "run": ", ".join(quote_request(request) for request in directive.run) or None,
    }
    return tuple((name, values[name]) for name in OPTION_NAMES if values[name] is not None)


def quote_request(request: object) -> str:
    """Return a request as the directive writes it: quoted, its quotes and backslashes escaped."""
    text = str(request).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def read_include(line: str, number: int) -> Include:
    """Read one directive line; a malformed one is kept as its text (the build reports why)."""
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


def match_in_order(source: tuple, translation: tuple, key) -> Iterator[tuple]:
    """Pair the items of two pages in order by `key`; yield (English, translated, line).

    An item only one side has comes with None for the other; `line` is the translation's line
    of the item, or where a missing one belongs (its next item's, else its last one's).
    """
    matcher = difflib.SequenceMatcher(
        a=[key(item) for item in source], b=[key(item) for item in translation], autojunk=False
    )
    for _, a1, a2, b1, b2 in matcher.get_opcodes():
        pairs = list(zip(source[a1:a2], translation[b1:b2], strict=False))
        for theirs, ours in pairs:
            yield theirs, ours, ours.line
        where = b1 + len(pairs)
        line = translation[min(where, len(translation) - 1)].line if translation else 1
        for theirs in source[a1 + len(pairs) : a2]:
            yield theirs, None, line
        for ours in translation[b1 + len(pairs) : b2]:
            yield None, ours, ours.line


def compare_includes(
    source: tuple[Include, ...], translation: tuple[Include, ...], source_page: str
) -> list[Drift]:
    """Pair the includes by program, in order; report each that differs, is missing or is extra."""
    drifts = []
    for theirs, ours, line in match_in_order(source, translation, lambda include: include.program):
        if theirs is None:
            drifts.append(Drift(line, f"{ours.text}: {source_page} has no such include"))
        elif ours is None:
            message = f"the include of {source_page}:{theirs.line} is missing: {theirs.text}"
            drifts.append(Drift(line, message))
        elif theirs.program != ours.program:
            where = f"{source_page}:{theirs.line} includes {theirs.program}"
            drifts.append(Drift(line, f"{ours.text}: includes {ours.program} where {where}"))
        elif theirs.options != ours.options:
            where = f"{source_page}:{theirs.line}"
            difference = describe_options(theirs, ours)
            drifts.append(Drift(line, f"{ours.text}: differs from {where}: {difference}"))
    return drifts


def compare_anchors(
    source: tuple[Anchor, ...], translation: tuple[Anchor, ...], source_page: str
) -> list[Drift]:
    """Report each English anchor the translation renames or lacks, and each it adds."""
    drifts = []
    for theirs, ours, line in match_in_order(source, translation, lambda anchor: anchor.id):
        if theirs is None:
            drifts.append(Drift(line, f"heading anchor #{ours.id} is not in {source_page}"))
        elif ours is None:
            where = f"{source_page}:{theirs.line}"
            drifts.append(Drift(line, f"no heading has the anchor #{theirs.id} of {where}"))
        elif theirs.id != ours.id:
            where = f"{source_page}:{theirs.line} has #{theirs.id}"
            drifts.append(Drift(line, f"heading anchor #{ours.id} where {where}"))
    return drifts


def compare_outlines(source: Outline, translation: Outline, source_page: str) -> list[Drift]:
    """Return every drift of a translation from its English page, in the translation's order."""
    drifts = compare_includes(source.includes, translation.includes, source_page)
    drifts += compare_anchors(source.anchors, translation.anchors, source_page)
    return sorted(drifts, key=lambda drift: drift.line)
