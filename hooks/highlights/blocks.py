"""Code blocks highlighted once, not once per page, language and rebuild.

Pygments is a large share of a page's build, and every language's page shows the same
programs: the languages built in one process (in turn, as under `mkdocs serve`), the processes
forked for the others, and every rebuild of `mkdocs serve` share the blocks highlighted. This
is a superfences custom fence for `python`, and for what a program's run shows (`bash`,
`json`, `text`) (superfences's public extension point), that keeps
each block's HTML by everything it depends on but its place on the page: on a miss it calls
superfences's own highlighting, so the HTML is what superfences makes; on a hit it gives the
kept HTML with the block's number on its page, which its line ids carry, made this block's.
That number is superfences's `highlight_ext.pygments_code_block`, which a custom fence is not
given: this module is the one place that reads and advances it, and a test fails when
superfences changes it.

A block of another language differs from the English one only in its comments that mark
omitted lines: such a block is the English block's HTML with those comments swapped in, when the
English comment stands alone in a comment span on each of its lines (else it is highlighted).

`highlight_texts` highlights a share of a site's blocks ahead of its pages, quietly, and returns
the blocks for a cache: the build shares them out among its cores (builds/once.py).
"""

from __future__ import annotations

import html as html_text
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import markdown
from pymdownx.superfences import highlight_validator

# The programs' code, and what a run of them shows: commands, response bodies, files.
LANGUAGES = ("python", "bash", "json", "text")
SUPERFENCES = "pymdownx.superfences"

# A block: its source, language, options and attributes; the HTML, and the number it had.
BlockKey = tuple[Any, ...]


@dataclass
class HighlightCache:
    """Highlighted blocks, kept by whoever builds the pages (per process, across languages).

    Each block's HTML is kept cut where its number on the page stands in its line ids, to be
    joined with the number of the block's place on another page; `setup` is the Markdown setup
    the blocks were highlighted with, which they are dropped with when it changes. `stand_ins`
    gives, for a comment line a block may show, the line a block is highlighted with instead.
    """

    blocks: dict[BlockKey, tuple[str, ...]] = field(default_factory=dict)
    setup: str = ""
    stand_ins: dict[str, str] = field(default_factory=dict)


def block_key(src: str, language: str, options: dict, **kwargs: Any) -> BlockKey:
    """Return what a block's HTML depends on, besides its number on the page."""
    attrs = kwargs.get("attrs") or {}
    return (
        src,
        language,
        tuple(sorted(options.items())),
        tuple(kwargs.get("classes") or ()),
        kwargs.get("id_value") or "",
        tuple(sorted(attrs.items())),
    )


def cut_at_number(html: str, prefixes: list[str], number: int) -> tuple[str, ...]:
    """Return `html` cut at each place its line ids have block number `number`."""
    if not prefixes:
        return (html,)
    names = "|".join(re.escape(prefix) for prefix in prefixes)
    # Only in tags: Pygments escapes every `<` and `>` of the code, so a value followed by `>`
    # before any `<` is in a tag, and the code's own text is left alone.
    value = re.compile(rf'="#?(?:{names})-({number})-(?=[^<>]*>)')
    pieces = []
    start = 0
    for match in value.finditer(html):
        pieces.append(html[start : match.start(1)])
        start = match.end(1)
    pieces.append(html[start:])
    return tuple(pieces)


def stand_in(src: str, stand_ins: dict[str, str]) -> tuple[str, dict[str, tuple[str, int]]]:
    """Return `src` with each line of `stand_ins` replaced by the line it stands for, and the
    swaps to make in its HTML: the line stood for, the line shown and how many times.

    No swap is made when it could be told apart from the code: the code has a line stood for
    of its own, or two lines that stand for the same one.
    """
    if not any(line in src for line in stand_ins):
        return src, {}
    lines = src.split("\n")
    swaps: dict[str, tuple[str, int]] = {}
    standing_for = set(stand_ins.values())
    for index, line in enumerate(lines):
        text = line.lstrip()
        if text in standing_for:
            return src, {}
        stood_for = stand_ins.get(text)
        if stood_for is None:
            continue
        shown, count = swaps.get(stood_for, (text, 0))
        if shown != text:
            return src, {}
        swaps[stood_for] = (text, count + 1)
        lines[index] = line[: len(line) - len(text)] + stood_for
    return "\n".join(lines), swaps


def swap_in(pieces: tuple[str, ...], swaps: dict[str, tuple[str, int]]) -> tuple[str, ...] | None:
    """Return the pieces of a block's HTML with the swaps made, or None unless each line stood
    for is alone in a comment span, as often as it was swapped."""
    for stood_for, (shown, count) in swaps.items():
        old = f'<span class="c1">{html_text.escape(stood_for, quote=False)}</span>'
        if sum(piece.count(old) for piece in pieces) != count:
            return None
        new = f'<span class="c1">{html_text.escape(shown, quote=False)}</span>'
        pieces = tuple(piece.replace(old, new) for piece in pieces)
    return pieces


def highlight_pieces(
    fenced: Any, src: str, options: dict, cache: HighlightCache, **block: Any
) -> tuple[str, ...]:
    """Return the pieces of a block's HTML, kept or made; the block's number is left as it was."""
    key = block_key(src, options=options, **block)
    kept = cache.blocks.get(key)
    if kept is not None:
        return kept
    before = fenced.highlight_ext.pygments_code_block
    # superfences takes the options it reads out of the dict it is given.
    html = fenced.highlight(src=src, options=dict(options), **block)
    number = fenced.highlight_ext.pygments_code_block
    fenced.highlight_ext.pygments_code_block = before
    anchors = fenced.line_anchors or ("__codelineno" if fenced.anchor_linenums else "")
    # A block with an id has it in its line ids instead of its number.
    prefixes = [] if block.get("id_value") else [fenced.line_spans, anchors]
    kept = cache.blocks[key] = cut_at_number(
        html, [prefix for prefix in prefixes if prefix], number
    )
    return kept


def format_block(
    src: str,
    language: str,
    class_name: str,
    options: dict,
    md: Any,
    *,
    cache: HighlightCache,
    **kwargs: Any,
) -> str:
    """Return a block's HTML: superfences's own, highlighted once per distinct block."""
    fenced = md.preprocessors["fenced_code_block"]
    key = block_key(src, language, options, **kwargs)
    kept = cache.blocks.get(key)
    if kept is None:
        stood_in, swaps = stand_in(src, cache.stand_ins)
        if swaps:
            pieces = highlight_pieces(
                fenced, stood_in, options, cache, language=language, md=md, **kwargs
            )
            kept = swap_in(pieces, swaps)
            if kept is not None:
                cache.blocks[key] = kept
    if kept is None:
        kept = highlight_pieces(fenced, src, options, cache, language=language, md=md, **kwargs)
    # As superfences's highlighting does for each block it highlights.
    fenced.highlight_ext.pygments_code_block += 1
    return str(fenced.highlight_ext.pygments_code_block).join(kept)


def copy_configs(mdx_configs: dict) -> dict:
    """Return the extensions' options with superfences's, and its custom fences, copied."""
    configs = dict(mdx_configs)
    superfences = configs[SUPERFENCES] = dict(configs.get(SUPERFENCES, {}))
    superfences["custom_fences"] = list(superfences.get("custom_fences", []))
    return configs


def markdown_setup(extensions: list, mdx_configs: dict) -> str:
    """Return the extensions and their options, but the fences of this module, as text."""
    configs = copy_configs(mdx_configs)
    fences = configs[SUPERFENCES]["custom_fences"]
    configs[SUPERFENCES]["custom_fences"] = [fence for fence in fences if not is_ours(fence)]
    return repr((extensions, sorted(configs.items(), key=lambda item: item[0])))


def is_ours(fence: dict) -> bool:
    """Tell whether a custom fence is this module's."""
    return isinstance(fence.get("format"), partial) and fence["format"].func is format_block


def use_cache(extensions: list, mdx_configs: dict, cache: HighlightCache) -> None:
    """Make superfences highlight the blocks of `LANGUAGES` through `cache`, but a language the
    site has a fence of its own for; the fences of ours from an earlier build are replaced."""
    if SUPERFENCES not in extensions:
        return
    fences = mdx_configs.setdefault(SUPERFENCES, {}).setdefault("custom_fences", [])
    setup = markdown_setup(extensions, mdx_configs)
    if cache.setup != setup:
        cache.blocks.clear()
        cache.setup = setup
    ours = [fence for fence in fences if is_ours(fence)]
    for fence in ours:
        fences.remove(fence)
    theirs = {fence.get("name") for fence in fences}
    fences += [
        {
            "name": language,
            "class": "highlight",
            "format": partial(format_block, cache=cache),
            "validator": highlight_validator,
        }
        for language in LANGUAGES
        if language not in theirs
    ]


def highlight_texts(texts: Sequence[str], extensions: list, mdx_configs: dict) -> dict:
    """Convert each Markdown text as a page would be; return the blocks highlighted.

    Quietly: a text that warns or fails is met again by the page that shows it, which reports it
    with the page's name and line.
    """
    cache = HighlightCache()
    configs = copy_configs(mdx_configs)
    use_cache(extensions, configs, cache)
    quiet = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        for text in texts:
            try:
                md.reset().convert(text)
            except Exception:  # reported by the page, see above
                continue
    finally:
        logging.disable(quiet)
    return cache.blocks
