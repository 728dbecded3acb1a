"""What a translation must keep of its English page, read from the page's text.

A page's outline is what stays the same in every language, each part with its line on disk:
its include directives (program and options) and raw includes (`{! path !}`), its headings
(level and anchor), its links (where they lead), and its fenced code blocks (language, and
code without its comments and strings). drift.py compares two outlines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from urllib.parse import urlsplit

from translations.code import code_lines
from translations.stamps import FRONT_MATTER_RE
from variant_includes.errors import IncludeError
from variant_includes.grammar import (
    Directive,
    closes_fence,
    open_fence,
    parse_directive,
    scan_directives,
    scan_raw_includes,
)

# An ATX heading, with the attribute list that may name its anchor: `## Caveat { #caveat }`.
HEADING_RE = re.compile(
    r"""(?x)
    ^[ ]{0,3}(?P<hashes>\#{1,6})(?:[ \t]+|$)   # the hashes: the level
    (?P<text>.*?)
    (?:[ \t]*\{(?P<attrs>[^}]*)\})?           # an attribute list, perhaps with #id
    (?:[ \t]+\#+)?[ \t]*$                     # closing hashes
    """
)
ANCHOR_RE = re.compile(r"(?:^|\s)\#(?P<id>[^\s}]+)")
# The language of a fence: `python`, `{ .python title="x" }`, `py hl_lines="1"`.
FENCE_LANGUAGE_RE = re.compile(r"^\{?[ \t]*\.?(?P<language>[\w+#.-]*)")
INLINE_CODE_RE = re.compile(r"(?P<ticks>`+).*?(?P=ticks)")

# Links, each kind with the target in the group `url`: [text](url "title") and images,
# reference definitions, autolinks, and HTML anchors.
LINK_RES = (
    re.compile(
        r"\]\([ \t]*<?(?P<url>[^)\s>]*)>?(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*\)"
    ),
    re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*<?(?P<url>[^\s>]+)>?"),
    re.compile(r"<(?P<url>(?:https?|ftp|mailto):[^>\s]+)>"),
    re.compile(r"""<a\s[^>]*?\bhref[ \t]*=[ \t]*(?P<quote>["'])(?P<url>.*?)(?P=quote)""", re.I),
)
SCHEME_RE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")

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
class Heading:
    """One ATX heading: its level, its text as written, its anchor if it names one."""

    line: int
    level: int
    text: str
    anchor: str | None

    def __str__(self) -> str:
        return f"{'#' * self.level} {self.text}"


@dataclass(frozen=True)
class Link:
    """One link: where it leads, as written, and whether that is a page of this site."""

    line: int
    url: str

    @property
    def internal(self) -> bool:
        """A link to a page or an anchor of the site, which a translation keeps as it is."""
        return not SCHEME_RE.match(self.url)

    @property
    def target(self) -> str | None:
        """Where an internal link leads, as every language must keep it; None for others."""
        return self.url.removeprefix("./") if self.internal else None

    @property
    def key(self) -> str:
        """What pairs a link with its counterpart: its target, or the site it leads out to
        (whose page may be another, in the reader's language)."""
        if self.internal:
            return self.url.removeprefix("./")
        return urlsplit(self.url).netloc.removeprefix("www.") or self.url


@dataclass(frozen=True)
class CodeBlock:
    """One fenced code block: its language and its code lines, each with its line number."""

    line: int
    language: str
    code: tuple[tuple[int, str], ...]

    def compared_lines(self) -> tuple[tuple[int, str], ...] | None:
        """Its code without comments and strings, or None for prose (text, Markdown, unknown)."""
        return code_lines(self.language, self.code)

    @property
    def key(self) -> tuple[str, str | None]:
        """What pairs a block with its counterpart: its language and its first line of code."""
        lines = self.compared_lines()
        return self.language, lines[0][1] if lines else None


@dataclass(frozen=True)
class Outline:
    """The parts of one page that every language keeps, in the order the page has them."""

    includes: tuple[Include, ...]
    headings: tuple[Heading, ...]
    links: tuple[Link, ...]
    code_blocks: tuple[CodeBlock, ...]


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
    return Include(number, *read_directive(line.strip()))


@cache  # the same directive stands in every language, and on many pages
def read_directive(line: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """Return a directive's text, path and options as text."""
    try:
        directive = parse_directive(line, 1)
    except IncludeError:
        return line, line, ()
    return directive.text, directive.path, option_text(directive)


def read_blocks(markdown: str) -> Iterator[tuple[int, str, CodeBlock | None]]:
    """Yield (line number, line, None) for each line outside fenced code, and for each fenced
    block (line of its opening fence, that line, the block), counting lines from 1."""
    lines = markdown.split("\n")
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        opening = open_fence(line)
        if opening is None:
            yield number, line, None
            continue
        fence, indent, start = opening["fence"], len(line) - len(line.lstrip()), number
        code = []
        while number < len(lines):
            number += 1
            if closes_fence(fence, lines[number - 1]):
                break
            code.append((number, remove_indent(lines[number - 1], indent)))
        language = FENCE_LANGUAGE_RE.match(opening["info"].strip())["language"].lower()
        yield start, line, CodeBlock(start, language, tuple(code))


def remove_indent(line: str, indent: int) -> str:
    """Remove up to `indent` columns of the fence's own indentation from a line of its code."""
    spaces = len(line) - len(line.lstrip(" \t"))
    return line[min(spaces, indent) :]


def lines_outside_code(markdown: str) -> Iterator[tuple[int, str]]:
    """Yield (line number, line) of every line outside fenced code, counting from 1."""
    for number, line, block in read_blocks(markdown):
        if block is None:
            yield number, line


def read_heading(line: str, number: int) -> Heading | None:
    """Return the ATX heading on this line, or None."""
    match = HEADING_RE.match(line)
    if match is None:
        return None
    anchor = ANCHOR_RE.search(match["attrs"] or "")
    return Heading(number, len(match["hashes"]), match["text"], anchor["id"] if anchor else None)


def read_links(line: str, number: int) -> Iterator[Link]:
    """Yield every link of a line outside code, in the order they stand."""
    if "](" not in line and "]:" not in line and "<" not in line:
        return
    text = INLINE_CODE_RE.sub(lambda code: " " * len(code[0]), line)
    found = [
        (match.start(), match["url"]) for pattern in LINK_RES for match in pattern.finditer(text)
    ]
    for _, url in sorted(found):
        yield Link(number, url)


def read_outline(markdown: str) -> Outline:
    """Return the outline of a page's whole text, front matter included, so lines are on disk."""
    markdown = markdown.replace("\r\n", "\n")
    front = FRONT_MATTER_RE.match(markdown)
    body_starts = markdown[: front.end()].count("\n") + 1 if front else 1
    # The directives, and the raw includes (`{! path !}`) that fenced blocks are made of.
    raw = {
        number: Include(number, f"{{! {path} !}}", path, ())
        for number, path in scan_raw_includes(markdown)
    }
    includes = sorted(
        [
            *(read_include(line, number) for number, line in scan_directives(markdown)),
            *raw.values(),
        ],
        key=lambda include: include.line,
    )
    headings, links, code_blocks = [], [], []
    for number, line, block in read_blocks(markdown):
        if number < body_starts:
            continue
        if block is not None:
            # A raw include is compared as an include, not as a line of the block's code; a
            # block that only pastes a file is that include.
            code = tuple((at, text) for at, text in block.code if at not in raw)
            if code or len(code) == len(block.code):
                code_blocks.append(replace(block, code=code))
        elif heading := read_heading(line, number):
            headings.append(heading)
            links.extend(read_links(heading.text, number))
        else:
            links.extend(read_links(line, number))
    return Outline(tuple(includes), tuple(headings), tuple(links), tuple(code_blocks))
