"""Expanding every directive and raw include of one page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from variant_includes.errors import IncludeError
from variant_includes.grammar import find_raw_includes, parse_directive, scan_directives
from variant_includes.model import build_include
from variant_includes.render import indent_lines, render_error, render_fenced_error, render_include
from variant_includes.sources import read_code, resolve_include
from variant_includes.transcripts import render_transcript

if TYPE_CHECKING:
    from runs.requests import Request
    from runs.transcript import Transcript
    from variant_includes.cache import ModelCache, PageCache
    from variant_includes.model import Include

# Runs a program with the requests of a directive's `run[...]`: the caller's, which may keep
# what it ran.
RunProgram = Callable[[Path, "tuple[Request, ...]"], "Transcript"]


def expand_includes(
    markdown: str,
    *,
    page: str,
    lang: str,
    lang_root: Path,
    docs_src: Path,
    line_offset: int = 0,
    cache: ModelCache | PageCache | None = None,
    run: RunProgram | None = None,
) -> tuple[str, list[IncludeError]]:
    """Replace each directive of `markdown` by its rendering, and each `{! path !}` by the text
    of its file; return the page and its errors, in the order of their lines.

    A wrong directive becomes an error block in the page instead of stopping the build; the
    errors say `page:line`, counting `line_offset` lines of front matter that MkDocs removed.
    Given a `cache`, a directive's model comes from it, kept from another language or build.
    A directive with `run[...]` shows what `run` reports of its program under the code (without
    `run`, the directive is an error).
    """
    lines = markdown.replace("\r\n", "\n").split("\n")
    text = "\n".join(lines)
    errors = []
    for number, line in scan_directives(text):
        try:
            directive = parse_directive(line, number + line_offset)
            source = resolve_include(directive.path, lang_root, docs_src)
            if cache is None:
                include = build_include(directive, source, docs_src)
            else:
                include = cache.get_include(directive, source, docs_src)
            lines[number - 1] = render_include(include, lang, directive.indent)
            if include.requests:
                shown, problems = show_runs(include, run, lang)
                located = [p.located(page, number + line_offset, line.strip()) for p in problems]
                errors += located
                if shown is None:  # the run failed: its error takes the transcript's place
                    lines[number - 1] += "\n\n" + render_error(located[0], lang, directive.indent)
                else:
                    lines[number - 1] += "\n\n" + indent_lines(shown, directive.indent)
        except IncludeError as error:
            located = error.located(page, number + line_offset, line.strip())
            errors.append(located)
            indent = line[: len(line) - len(line.lstrip())]
            lines[number - 1] = render_error(located, lang, indent)
    for raw in find_raw_includes(text):
        try:
            source = resolve_include(raw.path, lang_root, docs_src)
            pasted = read_code(source) if cache is None else cache.read_raw(source)
            lines[raw.line - 1] = indent_lines(pasted, raw.indent)
        except IncludeError as error:
            located = error.located(page, raw.line + line_offset, raw.text)
            errors.append(located)
            if raw.fence is None:
                lines[raw.line - 1] = render_error(located, lang, raw.indent)
            else:
                lines[raw.line - 1] = render_fenced_error(located, lang, raw.fence)
    errors.sort(key=lambda error: error.line)
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


def show_runs(
    include: Include, run: RunProgram | None, lang: str
) -> tuple[list[str] | None, list[IncludeError]]:
    """Return the transcript of the directive's program (None if its run failed), and what
    went wrong.

    Every variant is run with the same requests, since its tab promises the same behaviour: a
    variant that behaves otherwise is reported with the first difference.
    """
    if run is None:
        raise IncludeError("run[...] needs a build that runs programs; this one does not")
    named = run(include.named.variant.path, include.requests)
    if named.failed:
        message = f"running {include.named.variant.path.name}: {failure_of(named)}"
        return None, [IncludeError(message)]
    problems = []
    for tab in include.others:
        other = run(tab.variant.path, include.requests)
        difference = failure_of(other) if other.failed else named.same_behaviour(other)
        if difference is not None:
            name = tab.variant.path.name
            problems.append(
                IncludeError(f"the variant {name} does not behave the same: {difference}")
            )
    return render_transcript(named, lang), problems


def failure_of(transcript: Transcript) -> str:
    """Say what went wrong in a failed run: the program's error, or the first request's."""
    if transcript.error is not None:
        return transcript.error
    failed = next(run for run in transcript.runs if run.error is not None)
    return f"{failed.request}: {failed.error}"
