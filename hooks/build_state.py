"""What one build keeps on its config, which every language of that build shares.

mkdocs-static-i18n builds each language through MkDocs's `build` on the same config, and
`mkdocs serve` loads a new config for each rebuild: an attribute of the config lives exactly as
long as one build of every language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig

Kept = TypeVar("Kept")


def kept_on_config(config: MkDocsConfig, name: str, make: Callable[[], Kept]) -> Kept:
    """Return what the build keeps on its config under `name`, made by `make()` at first."""
    if not hasattr(config, name):
        setattr(config, name, make())
    kept: Any = getattr(config, name)
    return kept
