"""Which pages a change touches, and which changes reach every page."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import get_markdown_title, is_markdown_file
from mkdocs.utils.meta import get_data

from rebuilds.changes import Stamp, changed_paths


@dataclass(frozen=True)
class PageRecord:
    """A page as last rendered: its title in the navigation, and what it was made from."""

    title: str | None
    files: frozenset[Path]
    listings: frozenset[Path] = frozenset()
    trees: frozenset[Path] = frozenset()


@dataclass(frozen=True)
class Plan:
    """What one rebuild redoes: every page (`everything` says why), or the pages touched.

    `changed` are the files added, removed or changed; `entries` the files and folders that
    appeared or went, which change the listing of the folder they are in.
    """

    everything: str | None
    changed: frozenset[Path] = frozenset()
    entries: frozenset[Path] = frozenset()

    def redoes(self, record: PageRecord | None) -> bool:
        """Whether the page with this record (None: never rendered) is to be rendered anew."""
        if self.everything is not None or record is None:
            return True
        if record.files & self.changed:
            return True
        if any(entry.parent in record.listings for entry in self.entries):
            return True
        return any(path.is_relative_to(tree) for tree in record.trees for path in self.changed)


def title_key(text: str) -> str:
    """Return what other pages show of a page's Markdown: its front matter and first heading."""
    markdown, meta = get_data(text)
    return json.dumps([meta, get_markdown_title(markdown)], sort_keys=True, default=str)


def entries_of(files: Iterable[Path], roots: Sequence[Path]) -> set[Path]:
    """Return the files and every folder holding one, below the `roots` they are in."""
    entries = set()
    for path in files:
        entries.add(path)
        for folder in path.parents:
            if folder in roots or folder in entries:
                break
            entries.add(folder)
    return entries


def plan_rebuild(
    before: Mapping[Path, Stamp] | None,
    after: Mapping[Path, Stamp],
    *,
    docs_dir: Path,
    tracked: Sequence[Path],
    title_keys: Mapping[Path, str],
) -> Plan:
    """Return what to redo, from the stamps of the last build's inputs and of this one's.

    A page added, removed or retitled changes the navigation of every page, and a file outside
    the pages and the `tracked` folders (the config, a hook, the theme) may change any page;
    either redoes everything. Otherwise each page is redone if something it was made from
    changed.
    """
    if before is None:
        return Plan("nothing was built yet")
    changed = changed_paths(before, after)
    for path in sorted(changed):
        if path.is_relative_to(docs_dir):
            if not is_markdown_file(path.name):
                continue
            if path not in before or path not in after:
                return Plan(f"{path} was added or removed")
            try:
                key = title_key(path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError):
                return Plan(f"{path} could not be read")
            if key != title_keys.get(path):
                return Plan(f"the title or front matter of {path} changed")
        elif not any(path.is_relative_to(folder) for folder in tracked):
            return Plan(f"{path} changed")
    roots = [*tracked, docs_dir]
    entries = entries_of(before, roots) ^ entries_of(after, roots)
    return Plan(None, frozenset(changed), frozenset(entries))
