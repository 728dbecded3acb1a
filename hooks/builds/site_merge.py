"""A language built on its own, merged into the site as if it had been built there in turn.

Built in turn, each language's build writes into the one site folder: its pages under its own
folder, and again the files at the root that every build writes (the theme's assets, the root
sitemap), each over the previous language's. A language built elsewhere is moved into the site
the same way, file over file, in the same order, but for the root files whose final content
comes from every language (the root sitemap) or from the default language's build after the
others (the root search index): the caller makes those.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
from collections.abc import Collection, Sequence
from pathlib import Path

SITEMAP_RE = re.compile(
    r"""(?sx)
    (?P<head> .*? <urlset\b [^>]* > )   # the XML declaration and the <urlset> start tag
    (?P<urls> .*? )                     # the <url> elements, with the whitespace before each
    (?P<tail> \s* </urlset> \s* ) \Z    # the end tag, and the whitespace around it
    """
)


def move_tree(built: Path, site: Path, keep: Collection[str]) -> None:
    """Move every file of `built` into `site`, over the file there, but the paths in `keep`."""
    for folder, _, names in os.walk(built):
        for name in names:
            source = Path(folder, name)
            relative = source.relative_to(built).as_posix()
            if relative in keep:
                continue
            target = site / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)


def join_sitemaps(sitemaps: Sequence[str]) -> str:
    """Return one sitemap listing the <url>s of each of `sitemaps` in turn, framed as the last.

    Each is a sitemap.xml that mkdocs-static-i18n's template wrote for one language's build;
    built in turn, the last build's lists every language's pages, in this same order.
    """
    parts = []
    for sitemap in sitemaps:
        match = SITEMAP_RE.match(sitemap)
        if match is None:
            raise ValueError(f"not a sitemap with one <urlset>: {sitemap[:200]!r}")
        parts.append(match)
    if not parts:
        raise ValueError("no sitemap to join")
    last = parts[-1]
    return last["head"] + "".join(part["urls"] for part in parts) + last["tail"]


def gzip_mtime(path: Path) -> int:
    """Return the time a gzip file's header records (RFC 1952: bytes 4 to 8, little-endian)."""
    if not path.is_file():
        raise ValueError(f"the build wrote no {path}")
    header = path.read_bytes()[:10]
    if len(header) < 10 or header[:2] != b"\x1f\x8b":
        raise ValueError(f"{path} is not a gzip file")
    return int.from_bytes(header[4:8], "little")


def write_sitemap_gzip(path: Path, sitemap: str, mtime: int) -> None:
    """Write `sitemap` gzipped to `path` as MkDocs writes sitemap.xml.gz, with the given time."""
    # As mkdocs.commands.build._build_theme_template: the header names the file without .gz.
    with (
        path.open("wb") as file,
        gzip.GzipFile(fileobj=file, filename=str(path), mode="wb", mtime=mtime) as packed,
    ):
        packed.write(sitemap.encode("utf-8"))
