"""The sitemap of one language, cut out of the sitemap that lists every page of every language."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit
from xml.dom import minidom

from languages.links import Language, belongs_to, site_path


def filter_sitemap(
    sitemap: str, language: Language, languages: Sequence[Language], site_url: str | None
) -> str:
    """Return `sitemap` with only the pages of `language`, each with its alternates as they were.

    The sitemap protocol wants a sitemap to list URLs at or below its own folder; Material's
    JavaScript reads the one beside each language root to map a page to its translation.
    """
    # minidom, not ElementTree: it writes the elements back with the prefixes they came with.
    document = minidom.parseString(sitemap)
    urlset = document.documentElement
    if urlset.tagName != "urlset":
        raise ValueError(f"a sitemap's root element is <urlset>, not <{urlset.tagName}>")
    base = site_path(site_url)
    for url in urlset.getElementsByTagName("url"):
        locs = url.getElementsByTagName("loc")
        if len(locs) != 1:
            raise ValueError(f"a sitemap's <url> has one <loc>, not {len(locs)}")
        path = urlsplit(locs[0].firstChild.data.strip()).path
        if path.startswith(base) and belongs_to(path.removeprefix(base), language, languages):
            continue
        before = url.previousSibling
        if before is not None and before.nodeType == before.TEXT_NODE and not before.data.strip():
            urlset.removeChild(before)
        urlset.removeChild(url)
    return document.toxml(encoding="UTF-8").decode("utf-8")
