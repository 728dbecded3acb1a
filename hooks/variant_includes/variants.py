"""Variants of one example: files, or folders, that differ only by `_an` and `_pyXY` suffixes.

`tutorial002_an_py310.py` and `tutorial002.py` are variants of one example; so are
`app02_an_py310/config.py` and `app02/config.py`, where the folders carry the suffixes, as
examples of several files keep them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from variant_includes.errors import IncludeError
from variant_includes.sources import is_inside

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


def find_folder_variants(path: Path, docs_src: Path | None) -> list[Variant]:
    """Return the file's variant, then the same file in each sibling variant folder, if any.

    The variant folder is the nearest folder above the file, below `docs_src/`, that has
    siblings of the same example holding a file at the same place (`app_an/routers/items.py`
    and `app/routers/items.py`). Without any, the list is empty.
    """
    root = docs_src.resolve() if docs_src is not None else None
    for folder in path.parents:
        if folder == root or folder == folder.parent:
            break
        inner = path.relative_to(folder)
        named = parse_variant(path, folder)
        try:
            neighbours = sorted(folder.parent.iterdir())
        except OSError:  # a folder we may not read holds no variants we could show
            continue
        candidates = (
            parse_variant(sibling / inner, sibling) for sibling in neighbours if sibling != folder
        )
        siblings = [v for v in candidates if v.base == named.base and v.path.is_file()]
        if siblings:
            return [named, *sorted(siblings, key=variant_order)]
    return []


def find_file_variants(path: Path) -> list[Variant]:
    """Return the file's variant, then its sibling files of the same example."""
    named = parse_variant(path)
    if path.suffix != ".py":
        return [named]
    siblings = [
        variant
        for variant in map(parse_variant, sorted(path.parent.glob(f"{named.base}*.py")))
        if variant.base == named.base and variant.path != path and variant.path.is_file()
    ]
    return [named, *sorted(siblings, key=variant_order)]


def find_variants(path: Path, docs_src: Path | None = None) -> list[Variant]:
    """Return the named file's variant first, then its other variants in reading order.

    `path` is resolved, as `resolve_include` returns it. Variant folders win over variant files.
    Given `docs_src`, every variant must resolve inside it, as the named file must: a link that
    leads out is refused, not followed.
    """
    variants = find_folder_variants(path, docs_src) or find_file_variants(path)
    if docs_src is not None:
        for variant in variants[1:]:
            if not is_inside(variant.path, docs_src):
                shown = variant.path.relative_to(docs_src.resolve().parent).as_posix()
                raise IncludeError(
                    f"{shown}, a variant of {path.name}, leads outside docs_src/, where every "
                    "included program lives"
                )
    return variants


def has_annotated_twin(variant: Variant, variants: list[Variant]) -> bool:
    """Whether `variant` does without `Annotated` and a variant for its Python uses it."""
    return not variant.annotated and any(
        other.annotated and other.python == variant.python for other in variants
    )
