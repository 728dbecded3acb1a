"""The search entries Material's search plugin makes for each page, taken where it keeps them.

The plugin adds a page's entries to one list as the page is built and writes them all, as one
index, at the end; it hands no page's entries to anyone. mkdocs-static-i18n reads that list as
`plugin.search_index.entries`, and so does this module, the one place that does: a test fails
when Material keeps them elsewhere.

The plugin also makes the entries by running Python's HTMLParser over the whole page, where a
highlighted block is a tag or two per token: most of a page's build time. It keeps only the text
of a code block, so `read_code_as_text` has it read each block with its highlighting's tags taken
out first, which gives the same entries (a test compares them with Material's own) for a
fraction of the parsing. The plugin offers no option for it; its index class is the one place.
"""

from __future__ import annotations

import re
from typing import Any

from material.plugins.search.plugin import SearchIndex
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

# The content of a <code> element; highlighted blocks are one each, in <pre>.
CODE = re.compile(r"(<code\b[^>]*>)(.*?)(</code>)", re.S)
TAG = re.compile(r"<[^>]*>")
# What the plugin reads in a tag within code, so a block with any of it is left for it to read:
# a tag other than Pygments's <span>s and line anchors, or an attribute that leaves text out.
READ_IN_TAGS = re.compile(r"<(?!/?(?:span|a)[\s>])|data-search-|linenodiv")


def code_as_text(html: str) -> str:
    """Return `html` with the tags inside each <code> element taken out, its text kept as is."""

    def text_only(match: re.Match[str]) -> str:
        start, inner, end = match.groups()
        if "<" not in inner or READ_IN_TAGS.search(inner):
            return match.group(0)
        return start + TAG.sub("", inner) + end

    return CODE.sub(text_only, html)


class CodeAsTextIndex(SearchIndex):
    """Material's search index, reading each page with its code blocks' tags taken out."""

    def add_entry_from_context(self, page: Page) -> None:
        content = page.content
        page.content = code_as_text(content)
        try:
            super().add_entry_from_context(page)
        finally:
            page.content = content


def read_code_as_text(search: Any) -> None:
    """Have the search plugin, its config just loaded, index code through `CodeAsTextIndex`."""
    index = getattr(search, "search_index", None)
    if not isinstance(index, SearchIndex) or not isinstance(getattr(index, "config", None), dict):
        raise PluginError(
            "hooks/site_hook.py gives the search plugin an index that reads code blocks as "
            "text, made from the plugin's `search_index` (a material SearchIndex with its "
            "`config`), which this version of the plugin does not have"
        )
    reading = CodeAsTextIndex(**index.config)
    reading.entries = index.entries
    search.search_index = reading


def take_entries(search: Any) -> list[dict[str, Any]]:
    """Return the entries the search plugin made since the last call, and take them out of it.

    Every language's index is written from the entries taken, so the plugin's own index, which
    the default language's replaces, need not hold them: encoding it would cost as much again.
    """
    entries = getattr(getattr(search, "search_index", None), "entries", None)
    if not isinstance(entries, list):
        raise PluginError(
            "hooks/site_hook.py reads each page's search entries from the search plugin's "
            "`search_index.entries`, which this version of the plugin does not have"
        )
    taken = entries[:]
    entries.clear()
    return taken
