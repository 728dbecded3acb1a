"""Expanding every directive of one page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from variant_includes.errors import IncludeError
from variant_includes.grammar import parse_directive, scan_directives
from variant_includes.model import build_include
from variant_includes.render import render_error, render_include
from variant_includes.sources import resolve_include

if TYPE_CHECKING:
    from variant_includes.cache import ModelCache, PageCache
    from variant_includes.model import Include


def expand_includes(
    markdown: str,
    *,
    page: str,
    lang: str,
    lang_root: Path,
    docs_src: Path,
    line_offset: int = 0,
    cache: ModelCache | PageCache | None = None,
) -> tuple[str, list[IncludeError]]:
    """Replace each directive of `markdown` by its rendering; return the page and its errors.

    A wrong directive becomes an error block in the page instead of stopping the build; the
    errors say `page:line`, counting `line_offset` lines of front matter that MkDocs removed.
    Given a `cache`, a directive's model comes from it, kept from another language or build.
    """
    lines = markdown.replace("\r\n", "\n").split("\n")
    errors = []
    for number, line in scan_directives("\n".join(lines)):
        try:
            directive = parse_directive(line, number + line_offset)
            source = resolve_include(directive.path, lang_root, docs_src)
            if cache is None:
                include = build_include(directive, source, docs_src)
            else:
                include = cache.get_include(directive, source, docs_src)
            lines[number - 1] = render_include(include, lang, directive.indent)
        except IncludeError as error:
            located = error.located(page, number + line_offset, line.strip())
            errors.append(located)
            indent = line[: len(line) - len(line.lstrip())]
            lines[number - 1] = render_error(located, lang, indent)
    return "\n".join(lines), errors


def prepare_models(
    markdown: str, *, lang_root: Path, docs_src: Path, cache: ModelCache | PageCache
) -> list[Include]:
    """Build the model of each directive of `markdown` into `cache`; return them, leaving out
    wrong ones.

    Where the languages of a build are made in processes of their own, every page's models are
    prepared before the processes part, so that each inherits them instead of building them
    again; a wrong directive is left for its page to report.
    """
    includes = []
    for number, line in scan_directives(markdown.replace("\r\n", "\n")):
        try:
            directive = parse_directive(line, number)
            source = resolve_include(directive.path, lang_root, docs_src)
            includes.append(cache.get_include(directive, source, docs_src))
        except IncludeError:
            continue
    return includes
