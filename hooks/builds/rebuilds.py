"""What a save under `mkdocs serve --dirty` touches: derived here, and only here.

MkDocs's dirty build renders a page only when its Markdown file is newer than its HTML. A page
is also made of what its directives read, the English page a translation follows, or, for the
status page, every page. The build records, for each page it renders, what it was made from
(`MadeFrom`, from what the products report reading); the next build stamps every file it reads,
compares, and renders again exactly the pages whose inputs changed, or every page when a change
reaches the navigation (a title, a page added or removed) or the setup (the config, the theme).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.utils import get_markdown_title, is_markdown_file
from mkdocs.utils.meta import get_data

# A file as last seen: its modification time (ns) and size.
Stamp = tuple[int, int]


def is_ignored(name: str) -> bool:
    """Whether an entry is an editor's or Python's by-product, which no build reads."""
    return name.startswith(".") or name == "__pycache__" or name.endswith((".pyc", "~"))


def stamp_trees(roots: Iterable[Path]) -> dict[Path, Stamp]:
    """Return the stamp of every file below `roots` (a root may be a file).

    Folders are not stamped: a file added or removed shows as that file's change, and a
    folder's time changes with every swap file an editor makes in it.
    """
    stamps: dict[Path, Stamp] = {}
    for root in roots:
        root = root.resolve()
        if root.is_file():
            status = root.stat()
            stamps[root] = (status.st_mtime_ns, status.st_size)
            continue
        for folder, folders, names in os.walk(root):
            folders[:] = [name for name in folders if not is_ignored(name)]
            for name in names:
                if is_ignored(name):
                    continue
                path = Path(folder, name)
                try:
                    status = path.stat()
                except OSError:  # gone since it was listed: the next stamp sees it missing
                    continue
                stamps[path] = (status.st_mtime_ns, status.st_size)
    return stamps


def changed_paths(before: Mapping[Path, Stamp], after: Mapping[Path, Stamp]) -> set[Path]:
    """Return the paths added, removed or changed between two stampings."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


@dataclass
class MadeFrom:
    """What one page was made from: files read, folders listed, folders whose every file counts.

    A listed folder matters by its entries: a variant added beside a program, or a variant
    folder beside its folder, changes what the page shows; an edit inside a sibling does not.
    """

    files: set[Path] = field(default_factory=set)
    listings: set[Path] = field(default_factory=set)
    trees: set[Path] = field(default_factory=set)

    def add_read(self, paths: Iterable[Path]) -> None:
        """Note files read and folders listed."""
        for path in paths:
            path = path.resolve()
            (self.listings if path.is_dir() else self.files).add(path)


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


@dataclass
class Built:
    """What the builds so far left behind, for the next dirty build to start from."""

    stamps: dict[Path, Stamp] | None = None
    pages: dict[str, PageRecord] = field(default_factory=dict)  # by output path
    title_keys: dict[Path, str] = field(default_factory=dict)  # by Markdown file
    outputs: set[Path] = field(default_factory=set)


@dataclass
class Rebuild:
    """One dirty build under way: its plan, the stamps it started from, the files it outputs."""

    plan: Plan
    stamps: dict[Path, Stamp]
    outputs: set[Path] = field(default_factory=set)


def start_rebuild(
    built: Built, roots: Sequence[Path], docs_dir: Path, tracked: Sequence[Path]
) -> Rebuild:
    """Stamp what a build reads (`roots`) and plan what this one redoes."""
    stamps = stamp_trees(roots)
    planned = plan_rebuild(
        built.stamps, stamps, docs_dir=docs_dir, tracked=tracked, title_keys=built.title_keys
    )
    return Rebuild(planned, stamps)


def mark_pages(rebuild: Rebuild, built: Built, files: Any, config: Any) -> None:
    """Mark the language's pages the change touches for rendering; give the others their titles.

    MkDocs renders a page in a dirty build when its HTML is older than its Markdown, and
    leaves the title of one it skips empty in the navigation of those it renders.
    """
    rebuild.outputs.update(Path(file.abs_dest_path) for file in files)
    for file in files.documentation_pages():
        record = built.pages.get(file.dest_uri)
        if rebuild.plan.redoes(record):
            if os.path.exists(file.abs_dest_path):
                os.utime(file.abs_dest_path, ns=(0, 0))
        elif file.page is not None and not file.is_modified():
            file.page.read_source(config)
            if file.page.title != record.title:
                file.page.title = record.title


def record_page(built: Built, page: Any, made_from: MadeFrom) -> None:
    """Keep what a rendered page was made from, and its title, for the next dirty build."""
    source = Path(page.file.abs_src_path).resolve()
    built.pages[page.file.dest_uri] = PageRecord(
        page.title,
        files=frozenset({source, *made_from.files}),
        listings=frozenset(made_from.listings),
        trees=frozenset(made_from.trees),
    )
    built.title_keys[source] = title_key(page.file.content_string)


def finish_rebuild(rebuild: Rebuild, built: Built) -> None:
    """Once every language is built: remove what pages that are gone left, keep the stamps."""
    for path in built.outputs - rebuild.outputs:
        if path.is_file():
            path.unlink()
    built.stamps = rebuild.stamps
    built.outputs = rebuild.outputs
