"""Where a translation differs from its English page: two outlines compared, part by part.

Each kind of part is paired in order (difflib), so that one heading, link or block added or
dropped is told once, at its place, and the rest still pair up. Every difference names the
translation's line, and the English page's line it was compared with.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from translations.outline import OPTION_NAMES, CodeBlock, Heading, Include, Link, Outline


@dataclass(frozen=True)
class Drift:
    """One way a translation differs from its English page, told at the translation's line."""

    line: int
    message: str


def match_in_order(
    source: Sequence[Any], translation: Sequence[Any], key: Callable[[Any], Any]
) -> Iterator[tuple[Any, Any, int]]:
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


def counted(what: str, here: int, there: int) -> str:
    """Say how many of a part each page has: `(31 links here, 32 in en)`."""
    return f"({here} {what} here, {there} in en)"


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


def compare_parts(
    source: Sequence[Any],
    translation: Sequence[Any],
    key: Callable[[Any], Any],
    *,
    extra: Callable[[Any], str],
    missing: Callable[[Any], str],
    differs: Callable[[Any, Any], Drift | str | None],
) -> list[Drift]:
    """Pair one kind of part by `key`, in order; word each part only the translation has
    (`extra`), each it lacks (`missing`), and how a pair differs (`differs`, None if not)."""
    drifts = []
    for theirs, ours, line in match_in_order(source, translation, key):
        if theirs is None:
            found: Drift | str | None = extra(ours)
        elif ours is None:
            found = missing(theirs)
        else:
            found = differs(theirs, ours)
        if found is not None:
            drifts.append(found if isinstance(found, Drift) else Drift(line, found))
    return drifts


def compare_includes(
    source: tuple[Include, ...], translation: tuple[Include, ...], en: str
) -> list[Drift]:
    """Pair the includes by program; report each that differs, is missing or is extra."""

    def differs(theirs: Include, ours: Include) -> str | None:
        if theirs.program != ours.program:
            where = f"{en}:{theirs.line} includes {theirs.program}"
            return f"{ours.text}: includes {ours.program} where {where}"
        if theirs.options != ours.options:
            difference = describe_options(theirs, ours)
            return f"{ours.text}: differs from {en}:{theirs.line}: {difference}"
        return None

    return compare_parts(
        source,
        translation,
        lambda include: include.program,
        extra=lambda ours: f"{ours.text}: {en} has no such include",
        missing=lambda theirs: f"the include of {en}:{theirs.line} is missing: {theirs.text}",
        differs=differs,
    )


def compare_anchors(
    source: tuple[Heading, ...], translation: tuple[Heading, ...], en: str
) -> list[Drift]:
    """Report each English anchor the translation renames or lacks, and each it adds."""
    return compare_parts(
        [heading for heading in source if heading.anchor],
        [heading for heading in translation if heading.anchor],
        lambda heading: heading.anchor,
        extra=lambda ours: f"heading anchor #{ours.anchor} is not in {en}",
        missing=lambda theirs: f"no heading has the anchor #{theirs.anchor} of {en}:{theirs.line}",
        differs=lambda theirs, ours: (
            f"heading anchor #{ours.anchor} where {en}:{theirs.line} has #{theirs.anchor}"
            if theirs.anchor != ours.anchor
            else None
        ),
    )


def compare_headings(
    source: tuple[Heading, ...], translation: tuple[Heading, ...], en: str
) -> list[Drift]:
    """Report each heading at another level than its English one, and each added or dropped.

    Headings pair by the anchors both pages have, the others by their level: a translation
    without anchors still pairs its headings with the right English ones.
    """
    count = counted("headings", len(translation), len(source))
    shared = {heading.anchor for heading in source} & {heading.anchor for heading in translation}
    return compare_parts(
        source,
        translation,
        lambda heading: heading.anchor if heading.anchor in shared - {None} else heading.level,
        extra=lambda ours: f"heading `{ours}` has no counterpart in {en} {count}",
        missing=lambda theirs: f"no heading here for `{theirs}` of {en}:{theirs.line} {count}",
        differs=lambda theirs, ours: (
            f"heading `{ours}` is level {ours.level} where {en}:{theirs.line} `{theirs}` is "
            f"level {theirs.level}"
            if theirs.level != ours.level
            else None
        ),
    )


def compare_links(source: tuple[Link, ...], translation: tuple[Link, ...], en: str) -> list[Drift]:
    """Report each link added or dropped, and each link to the site that leads elsewhere.

    Links out of the site may differ (a reference in the reader's language); links to the
    site's pages and anchors lead to the same places in every language.
    """
    count = counted("links", len(translation), len(source))
    return compare_parts(
        source,
        translation,
        lambda link: link.key,
        extra=lambda ours: f"link to {ours.url} has no counterpart in {en} {count}",
        missing=lambda theirs: (
            f"no link here for the link to {theirs.url} of {en}:{theirs.line} {count}"
        ),
        differs=lambda theirs, ours: (
            f"link to {ours.url} where {en}:{theirs.line} links to {theirs.url}"
            if theirs.target != ours.target
            else None
        ),
    )


def compare_code_blocks(
    source: tuple[CodeBlock, ...], translation: tuple[CodeBlock, ...], en: str
) -> list[Drift]:
    """Report each code block added or dropped, in another language, or with other code."""
    count = counted("code blocks", len(translation), len(source))

    def differs(theirs: CodeBlock, ours: CodeBlock) -> Drift | str | None:
        if theirs.language != ours.language:
            return f"code block ```{ours.language} where {en}:{theirs.line} is ```{theirs.language}"
        return compare_code(theirs, ours, en)

    return compare_parts(
        source,
        translation,
        lambda block: block.key,
        extra=lambda ours: f"code block ```{ours.language} has no counterpart in {en} {count}",
        missing=lambda theirs: (
            f"no code block here for the ```{theirs.language} of {en}:{theirs.line} {count}"
        ),
        differs=differs,
    )


def compare_code(source: CodeBlock, translation: CodeBlock, source_page: str) -> Drift | None:
    """Tell the first line of code, comments and strings aside, where two blocks differ."""
    theirs, ours = source.compared_lines(), translation.compared_lines()
    if theirs is None or ours is None or [code for _, code in theirs] == [code for _, code in ours]:
        return None
    for (their_line, their_code), (our_line, our_code) in zip(theirs, ours, strict=False):
        if their_code != our_code:
            where = f"{source_page}:{their_line} has `{their_code}`"
            return Drift(our_line, f"code differs: `{our_code}` where {where}")
    if len(ours) > len(theirs):
        our_line, our_code = ours[len(theirs)]
        message = f"code differs: `{our_code}` is not in the block of {source_page}:{source.line}"
        return Drift(our_line, message)
    their_line, their_code = theirs[len(ours)]
    line = ours[-1][0] if ours else translation.line
    return Drift(line, f"code differs: no line for `{their_code}` of {source_page}:{their_line}")


def compare_outlines(source: Outline, translation: Outline, source_page: str) -> list[Drift]:
    """Return every drift of a translation from its English page, in the translation's order."""
    drifts = compare_includes(source.includes, translation.includes, source_page)
    drifts += compare_anchors(source.headings, translation.headings, source_page)
    drifts += compare_headings(source.headings, translation.headings, source_page)
    drifts += compare_links(source.links, translation.links, source_page)
    drifts += compare_code_blocks(source.code_blocks, translation.code_blocks, source_page)
    return sorted(drifts, key=lambda drift: drift.line)
