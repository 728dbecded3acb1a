"""Python code blocks highlighted once per process, not once per page, language and rebuild.

Pygments takes a fifth of a page's build, and every language's page shows the same programs:
the languages built in one process (in turn, as under `mkdocs serve`) and every rebuild of
`mkdocs serve` share the blocks highlighted. This is a superfences custom fence for `python`
(superfences's public extension point) that keeps each block's HTML by everything it depends
on but its place on the page: on a miss it calls superfences's own highlighting, so the HTML is
what superfences makes; on a hit it gives the kept HTML with the block's number on its page,
which its line ids carry, made this block's. That number is superfences's
`highlight_ext.pygments_code_block`, which a custom fence is not given: this module is the one
place that reads and advances it, and a test fails when superfences changes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from pymdownx.superfences import highlight_validator

LANGUAGE = "python"
SUPERFENCES = "pymdownx.superfences"

# A block: its source, language, options and attributes; the HTML, and the number it had.
BlockKey = tuple[Any, ...]


@dataclass
class HighlightCache:
    """Highlighted blocks, kept by whoever builds the pages (per process, across languages)."""

    blocks: dict[BlockKey, tuple[str, int]] = field(default_factory=dict)


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


def renumber(html: str, prefixes: list[str], old: int, new: int) -> str:
    """Return `html` with the line ids of block number `old` made block number `new`'s."""
    if old == new or not prefixes:
        return html
    names = "|".join(re.escape(prefix) for prefix in prefixes)
    value = re.compile(rf'="(#?)({names})-{old}-')

    def renumber_tag(tag: re.Match[str]) -> str:
        return value.sub(rf'="\g<1>\g<2>-{new}-', tag[0])

    # Only in tags: Pygments escapes every `<` of the code, so code can make no tag.
    return re.sub(r"<[^<>]*>", renumber_tag, html)


def format_python(
    src: str,
    language: str,
    class_name: str,
    options: dict,
    md: Any,
    *,
    cache: HighlightCache,
    **kwargs: Any,
) -> str:
    """Return a python block's HTML: superfences's own, highlighted once per distinct block."""
    fenced = md.preprocessors["fenced_code_block"]
    key = block_key(src, language, options, **kwargs)
    kept = cache.blocks.get(key)
    if kept is None:
        html = fenced.highlight(src=src, language=language, options=dict(options), md=md, **kwargs)
        cache.blocks[key] = (html, fenced.highlight_ext.pygments_code_block)
        return html
    html, number = kept
    # As superfences's highlighting does for each block it highlights.
    fenced.highlight_ext.pygments_code_block += 1
    if kwargs.get("id_value"):
        return html  # the line ids carry the block's id, not its number
    anchors = fenced.line_anchors or ("__codelineno" if fenced.anchor_linenums else "")
    prefixes = [prefix for prefix in (fenced.line_spans, anchors) if prefix]
    return renumber(html, prefixes, number, fenced.highlight_ext.pygments_code_block)


def use_cache(extensions: list, mdx_configs: dict, cache: HighlightCache) -> None:
    """Make superfences highlight python blocks through `cache`, unless the site has its own
    python fence; a fence of ours from an earlier build is replaced."""
    if SUPERFENCES not in extensions:
        return
    fences = mdx_configs.setdefault(SUPERFENCES, {}).setdefault("custom_fences", [])
    ours = [
        fence
        for fence in fences
        if isinstance(fence.get("format"), partial)
        and fence["format"].func.__name__ == "format_python"
    ]
    if any(fence.get("name") == LANGUAGE for fence in fences if fence not in ours):
        return
    for fence in ours:
        fences.remove(fence)
    fences.append(
        {
            "name": LANGUAGE,
            "class": "highlight",
            "format": partial(format_python, cache=cache),
            "validator": highlight_validator,
        }
    )
