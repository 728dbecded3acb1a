"""Variants of one example: files, or folders, that differ only by `_an` and `_pyXY` suffixes.

`tutorial002_an_py310.py` and `tutorial002.py` are variants of one example; so are
`app02_an_py310/config.py` and `app02/config.py`, where the folders carry the suffixes, as
examples of several files keep them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from variant_includes.errors import IncludeError
from variant_includes.sources import Stamp, is_inside, stamp_path

# A file's stem or a folder's name, split into the example's name and its variant suffixes.
VARIANT_NAME_RE = re.compile(
    r"""(?x)
    ^(?P<base>.+?)                # the example's name, shared by all its variants
    (?P<annotated>_an)?           # uses Annotated
    (?:_py(?P<major>\d)(?P<minor>\d+))?   # needs Python major.minor or newer
    $
    """
)

# A name without `_pyXY` runs on the oldest Python the FastAPI-style examples target.
OLDEST_PYTHON = (3, 8)


@dataclass(frozen=True)
class Variant:
    """One file of an example, with what its name, or its folder's, says about it."""

    path: Path
    base: str
    python: tuple[int, int]
    annotated: bool

    @property
    def python_label(self) -> str:
        """Return the Python version it needs, as `3.10`."""
        return f"{self.python[0]}.{self.python[1]}"


def parse_variant(path: Path, folder: Path | None = None) -> Variant:
    """Read a file's example, Python version and use of Annotated from its name or its folder's.

    Only a `.py` file's own name carries suffixes; any file in a variant folder takes them from
    the folder (`folder`, which holds it at some depth).
    """
    if folder is None and path.suffix != ".py":
        return Variant(path=path, base=path.stem, python=OLDEST_PYTHON, annotated=False)
    match = VARIANT_NAME_RE.match(folder.name if folder is not None else path.stem)
    python = (int(match["major"]), int(match["minor"])) if match["major"] else OLDEST_PYTHON
    return Variant(path=path, base=match["base"], python=python, annotated=bool(match["annotated"]))


def variant_order(variant: Variant) -> tuple[bool, tuple[int, int], str]:
    """Sort key: `Annotated` first, then the newest Python first."""
    return (not variant.annotated, (-variant.python[0], -variant.python[1]), str(variant.path))


@dataclass(frozen=True)
class VariantSearch:
    """The variants of a file, and the folders whose entries decided them, as they were."""

    variants: tuple[Variant, ...]
    folders: tuple[Stamp, ...]


def find_folder_variants(path: Path, docs_src: Path | None) -> VariantSearch:
    """Return the file's variant, then the same file in each sibling variant folder, if any.

    The variant folder is the nearest folder above the file, below `docs_src/`, that has
    siblings of the same example holding a file at the same place (`app_an/routers/items.py`
    and `app/routers/items.py`). Without any, there are no variants.
    """
    root = docs_src.resolve() if docs_src is not None else None
    folders: list[Stamp] = []
    for folder in path.parents:
        if folder == root or folder == folder.parent:
            break
        inner = path.relative_to(folder)
        named = parse_variant(path, folder)
        # Stamped before they are read: a change made while they are read still shows later.
        folders.append(stamp_path(folder.parent))
        try:
            # Only a name that starts with the example's can be one of its variants: the
            # others, in a docs_src/ of hundreds of examples, need no sorting or reading.
            neighbours = sorted(
                folder.parent / name
                for name in os.listdir(folder.parent)
                if name.startswith(named.base) and name != folder.name
            )
        except OSError:  # a folder we may not read holds no variants we could show
            continue
        candidates = (parse_variant(sibling / inner, sibling) for sibling in neighbours)
        same = [variant for variant in candidates if variant.base == named.base]
        # A sibling of the example may gain the file later: the folders on its way to it say so.
        folders += [stamp_path(above) for v in same for above in v.path.parents[: len(inner.parts)]]
        siblings = [variant for variant in same if variant.path.is_file()]
        if siblings:
            return VariantSearch((named, *sorted(siblings, key=variant_order)), tuple(folders))
    return VariantSearch((), tuple(folders))


def find_file_variants(path: Path) -> VariantSearch:
    """Return the file's variant, then its sibling files of the same example."""
    named = parse_variant(path)
    if path.suffix != ".py":
        return VariantSearch((named,), ())
    folder = stamp_path(path.parent)
    siblings = [
        variant
        for variant in map(parse_variant, sorted(path.parent.glob(f"{named.base}*.py")))
        if variant.base == named.base and variant.path != path and variant.path.is_file()
    ]
    return VariantSearch((named, *sorted(siblings, key=variant_order)), (folder,))


def search_variants(path: Path, docs_src: Path | None = None) -> VariantSearch:
    """Find the variants as `find_variants` does, with the stamps of the folders looked into."""
    by_folder = find_folder_variants(path, docs_src)
    search = by_folder
    if not by_folder.variants:
        by_file = find_file_variants(path)
        search = VariantSearch(by_file.variants, by_folder.folders + by_file.folders)
    if docs_src is not None:
        for variant in search.variants[1:]:
            if not is_inside(variant.path, docs_src):
                shown = variant.path.relative_to(docs_src.resolve().parent).as_posix()
                raise IncludeError(
                    f"{shown}, a variant of {path.name}, leads outside docs_src/, where every "
                    "included program lives"
                )
    return search


def find_variants(path: Path, docs_src: Path | None = None) -> list[Variant]:
    """Return the named file's variant first, then its other variants in reading order.

    `path` is resolved, as `resolve_include` returns it. Variant folders win over variant files.
    Given `docs_src`, every variant must resolve inside it, as the named file must: a link that
    leads out is refused, not followed.
    """
    return list(search_variants(path, docs_src).variants)


def has_annotated_twin(variant: Variant, variants: Sequence[Variant]) -> bool:
    """Whether `variant` does without `Annotated` and a variant for its Python uses it."""
    return not variant.annotated and any(
        other.annotated and other.python == variant.python for other in variants
    )
