"""The search entries Material's search plugin makes for each page, taken where it keeps them.

The plugin adds a page's entries to one list as the page is built and writes them all, as one
index, at the end; it hands no page's entries to anyone. mkdocs-static-i18n reads that list as
`plugin.search_index.entries`, and so does this module, the one place that does: a test fails
when Material keeps them elsewhere.
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError


def take_entries(search: Any) -> list[dict[str, Any]]:
    """Return the entries the search plugin made since the last call, and take them out of it.

    Every language's index is written from the entries taken, so the plugin's own index, which
    the default language's replaces, need not hold them: encoding it would cost as much again.
    """
    entries = getattr(getattr(search, "search_index", None), "entries", None)
    if not isinstance(entries, list):
        raise PluginError(
            "hooks/language_hook.py reads each page's search entries from the search plugin's "
            "`search_index.entries`, which this version of the plugin does not have"
        )
    taken = entries[:]
    entries.clear()
    return taken
