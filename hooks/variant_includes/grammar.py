"""The directives' grammar: where `<* *>` and `{! !}` may stand, and what they say."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from runs.requests import Request, parse_requests
from variant_includes.errors import IncludeError

# A line that opens like a directive; whether it is well formed is `parse_directive`'s business,
# so that a half-written directive is reported instead of being shown as text.
DIRECTIVE_LINE_RE = re.compile(
    r"""(?x)
    ^(?P<indent>[ \t]*)           # any indentation: lists, admonitions
    (?P<directive>
        (?P<open><\*|\{\*)        # <* as here, or {* as in FastAPI-style pages
        .*?                       # the body, checked by parse_directive
    )
    [ \t\r]*$
    """
)

# `{! path !}` alone on its line, as in mdx_include: the raw text of a file, pasted where it
# stands. It is meant for fenced code blocks (HTML, CSS, JS), so unlike a directive it is
# expanded inside them too.
RAW_INCLUDE_RE = re.compile(
    r"""(?x)
    ^(?P<indent>[ \t]*)           # any indentation: lists, admonitions, inside a fence
    (?P<directive>
        \{![+\->]?\s*             # a mark some pages put first (mdx_include's + and -; >)
        (?P<path>\S(?:.*?\S)?)    # the file's path, relative to docs/<lang>/
        \s*!\}
    )
    [ \t\r]*$
    """
)

# The body between the delimiters: the path first, then options.
BODY_RE = re.compile(
    r"""(?x)
    ^\s*
    (?P<path>[^\s\[\]"]+)         # the program's path, relative to docs/<lang>/
    (?P<options>.*?)
    \s*$
    """
)

# One option: whitespace, a name, and a bracketed value (a quoted text may hold a `]`).
OPTION_RE = re.compile(
    r"""(?x)
    \s+
    (?P<name>[A-Za-z_]\w*)
    \[
    (?P<value>(?:"(?:[^"\\]|\\.)*"|[^\]"])*)   # quoted texts, and text without ] or "
    \]
    """
)

# One item of hl[...] or ln[...]: N, A:B or A-B.
LINE_ITEM_RE = re.compile(r"^(?P<start>\d+)(?:[:-](?P<end>\d+))?$")

# Fences of code blocks, in which a directive is only text.
FENCE_RE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
BACKTICKS_RE = re.compile(r"`+")

CLOSERS = {"<*": "*>", "{*": "*}"}


@dataclass(frozen=True)
class LineRange:
    """Lines `start` to `end` of a file, 1-based and inclusive."""

    start: int
    end: int

    def numbers(self) -> range:
        """Return the line numbers the range covers."""
        return range(self.start, self.end + 1)

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}:{self.end}"


@dataclass(frozen=True)
class Directive:
    """One include directive, as parsed from its line of the page."""

    text: str
    line: int
    indent: str
    path: str
    hl: tuple[LineRange, ...] = ()
    ln: tuple[LineRange, ...] = ()
    title: str | None = None
    run: tuple[Request, ...] = ()  # requests to send the program at build time


@dataclass(frozen=True)
class RawInclude:
    """One `{! path !}`, as found on its line of the page."""

    text: str
    line: int
    indent: str
    path: str
    fence: str | None  # the line that opened the fenced code block it stands in, if any


def parse_line_ranges(value: str) -> tuple[LineRange, ...]:
    """Parse `1, 3:5 7-9` into line ranges; items are separated by commas and/or spaces."""
    items = [item for item in re.split(r"[\s,]+", value) if item]
    if not items:
        raise ValueError("no lines are named")
    ranges = []
    for item in items:
        match = LINE_ITEM_RE.match(item)
        if match is None:
            raise ValueError(f"'{item}' is not a line number or range (write N, A:B or A-B)")
        start = int(match["start"])
        end = int(match["end"] or start)
        if start == 0 or end == 0:
            raise ValueError(f"lines count from 1, so '{item}' names no line")
        if end < start:
            raise ValueError(f"the range '{item}' ends before it starts")
        ranges.append(LineRange(start, end))
    return tuple(ranges)


def parse_title(value: str) -> str:
    """Parse `"..."` (backslash escapes a quote or a backslash) into the title's text."""
    if len(value) < 2 or not (value.startswith('"') and value.endswith('"')):
        raise ValueError('the title must be quoted, e.g. title["main.py"]')
    title = re.sub(r"\\(.)", r"\1", value[1:-1])
    if '"' in title:
        raise ValueError("a title cannot hold a double quote")
    if not title.strip():
        raise ValueError("the title is empty")
    return title


# Every option a directive takes, with the parser of its bracketed value.
OPTIONS: dict[str, Callable[[str], object]] = {
    "hl": parse_line_ranges,
    "ln": parse_line_ranges,
    "title": parse_title,
    "run": parse_requests,
}


def parse_directive(line: str, number: int) -> Directive:
    """Parse one directive line (found by `scan_directives`) into a `Directive`."""
    match = DIRECTIVE_LINE_RE.match(line)
    if match is None:
        raise IncludeError("is not a directive line")
    text, opener = match["directive"], match["open"]
    closer = CLOSERS[opener]
    if len(text) < 4 or not text.endswith(closer):
        raise IncludeError(f"the directive opens with {opener} but does not end with {closer}")
    body = BODY_RE.match(text[2:-2])
    if body is None:
        raise IncludeError(
            "names no file: write the path first, e.g. "
            f"{opener} ../../docs_src/background_tasks/tutorial001.py {closer}"
        )
    options: dict[str, object] = {}
    rest = body["options"]
    while rest:
        option = OPTION_RE.match(rest)
        if option is None:
            raise IncludeError(
                f"cannot read '{rest.strip()}': options are written name[value], "
                "separated by spaces, e.g. hl[3,5:7]"
            )
        name = option["name"]
        if name not in OPTIONS:
            raise IncludeError(f"unknown option '{name}'; the options are {', '.join(OPTIONS)}")
        if name in options:
            raise IncludeError(f"{name}[...] is given twice")
        try:
            options[name] = OPTIONS[name](option["value"])
        except ValueError as error:
            raise IncludeError(f"{name}[{option['value']}]: {error}") from None
        rest = rest[option.end() :]
    return Directive(text=text, line=number, indent=match["indent"], path=body["path"], **options)


def open_fence(line: str) -> re.Match[str] | None:
    """Return the match of a line that opens a fenced code block, or None: ``` followed by a
    backtick on its line is inline code."""
    opening = FENCE_RE.match(line)
    if opening is None or (opening["fence"][0] == "`" and "`" in opening["info"]):
        return None
    return opening


def closes_fence(fence: str, line: str) -> bool:
    """Tell whether `line` closes the block `fence` (the opening's backticks or tildes) opened:
    the same character, at least as many, alone on the line."""
    stripped = line.strip()
    return bool(stripped) and set(stripped) == {fence[0]} and len(stripped) >= len(fence)


def scan_lines(markdown: str) -> Iterator[tuple[int, str, str | None]]:
    """Yield (line number, line, the line that opened its fenced code block or None) of each
    line that may hold a directive or a raw include, counting lines from 1.

    Left out: blank lines, the fences of code blocks (``` or ~~~, any length and indentation),
    and the lines of inline code spans, which may run over several lines of a paragraph.
    """
    fence: str | None = None
    opener: str | None = None
    inline_ticks: str | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        if fence is not None:
            if closes_fence(fence, line):
                fence = None
            else:
                yield number, line, opener
            continue
        if not line.strip():
            inline_ticks = None  # a blank line ends the paragraph, and any open code span
            continue
        opening = open_fence(line) if inline_ticks is None else None
        if opening:
            fence, opener = opening["fence"], line
            continue
        if inline_ticks is None:
            yield number, line, None
            if DIRECTIVE_LINE_RE.match(line) or RAW_INCLUDE_RE.match(line):
                continue  # backticks in a directive (a title, say) open no code span
        for run in BACKTICKS_RE.findall(line):
            if inline_ticks is None:
                inline_ticks = run
            elif run == inline_ticks:
                inline_ticks = None


def scan_directives(markdown: str) -> Iterator[tuple[int, str]]:
    """Yield (line number, line) of each directive line outside code, counting lines from 1.

    Fenced code blocks and inline code spans hold directives as text.
    """
    for number, line, fence in scan_lines(markdown):
        if fence is None and DIRECTIVE_LINE_RE.match(line):
            yield number, line


def find_raw_includes(markdown: str) -> Iterator[RawInclude]:
    """Yield each `{! path !}` alone on its line, inside fenced code blocks too; inline code
    holds it as text."""
    for number, line, fence in scan_lines(markdown):
        match = RAW_INCLUDE_RE.match(line)
        if match:
            yield RawInclude(
                text=match["directive"],
                line=number,
                indent=match["indent"],
                path=match["path"],
                fence=fence,
            )


def scan_raw_includes(markdown: str) -> Iterator[tuple[int, str]]:
    """Yield (line number, path as written) of each `{! path !}` alone on its line, counting
    lines from 1: inside fenced code blocks too, never inside inline code."""
    for raw in find_raw_includes(markdown):
        yield raw.line, raw.path


def find_directives(markdown: str) -> list[Directive]:
    """Parse every directive of a page; the first malformed one raises `IncludeError`."""
    directives = []
    for number, line in scan_directives(markdown):
        try:
            directives.append(parse_directive(line, number))
        except IncludeError as error:
            raise error.located("<page>", number, line.strip()) from None
    return directives
