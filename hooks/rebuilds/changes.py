"""The files a build reads, stamped, and which of them changed from one build to the next."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

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
