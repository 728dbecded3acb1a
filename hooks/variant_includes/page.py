"""Expanding every directive of one page."""

from __future__ import annotations

from pathlib import Path

from variant_includes.errors import IncludeError
from variant_includes.grammar import parse_directive, scan_directives
from variant_includes.render import render_error, render_include
from variant_includes.sources import resolve_include


def expand_includes(
    markdown: str,
    *,
    page: str,
    lang: str,
    lang_root: Path,
    docs_src: Path,
    line_offset: int = 0,
) -> tuple[str, list[IncludeError]]:
    """Replace each directive of `markdown` by its rendering; return the page and its errors.

    A wrong directive becomes an error block in the page instead of stopping the build; the
    errors say `page:line`, counting `line_offset` lines of front matter that MkDocs removed.
    """
    lines = markdown.replace("\r\n", "\n").split("\n")
    errors = []
    for number, line in scan_directives("\n".join(lines)):
        try:
            directive = parse_directive(line, number + line_offset)
            source = resolve_include(directive.path, lang_root, docs_src)
            lines[number - 1] = render_include(directive, source, lang, docs_src)
        except IncludeError as error:
            located = error.located(page, number + line_offset, line.strip())
            errors.append(located)
            indent = line[: len(line) - len(line.lstrip())]
            lines[number - 1] = render_error(located, lang, indent)
    return "\n".join(lines), errors
