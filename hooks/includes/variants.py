"""Variants of one example: files that differ only by the `_an` and `_pyXY` suffixes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

VARIANT_NAME_RE = re.compile(
    r"""(?x)
    ^(?P<base>.+?)                # the example's name, shared by all its variants
    (?P<annotated>_an)?           # uses Annotated
    (?:_py(?P<major>\d)(?P<minor>\d+))?   # needs Python major.minor or newer
    (?P<suffix>\.py)$
    """
)

# A file without `_pyXY` runs on the oldest Python the FastAPI-style examples target.
OLDEST_PYTHON = (3, 8)


@dataclass(frozen=True)
class Variant:
    """One file of an example, with what its name says about it."""

    path: Path
    base: str
    python: tuple[int, int]
    annotated: bool

    @property
    def python_label(self) -> str:
        """Return the Python version it needs, as `3.10`."""
        return f"{self.python[0]}.{self.python[1]}"


def parse_variant(path: Path) -> Variant:
    """Read what a file's name says: its example, its Python version, whether it is Annotated."""
    match = VARIANT_NAME_RE.match(path.name)
    if match is None:
        return Variant(path=path, base=path.stem, python=OLDEST_PYTHON, annotated=False)
    python = (int(match["major"]), int(match["minor"])) if match["major"] else OLDEST_PYTHON
    return Variant(path=path, base=match["base"], python=python, annotated=bool(match["annotated"]))


def variant_order(variant: Variant) -> tuple[bool, tuple[int, int], str]:
    """Sort key: `Annotated` first, then the newest Python first."""
    return (not variant.annotated, (-variant.python[0], -variant.python[1]), variant.path.name)


def find_variants(path: Path) -> list[Variant]:
    """Return the named file's variant first, then its siblings in reading order."""
    named = parse_variant(path)
    if not path.name.endswith(".py"):
        return [named]
    siblings = [
        variant
        for variant in map(parse_variant, sorted(path.parent.glob(f"{named.base}*.py")))
        if variant.base == named.base and variant.path != path
    ]
    return [named, *sorted(siblings, key=variant_order)]
