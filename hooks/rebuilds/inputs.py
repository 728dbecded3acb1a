"""What each page of a build was made from, as the hooks that read it note it.

The notes live on the build's config, which `mkdocs serve` makes anew for each rebuild and
every language of one build shares; the rebuild hook takes them when the page is rendered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from build_state import kept_on_config

NOTES = "rebuild_page_inputs"


@dataclass
class PageInputs:
    """What a page was made from: files read, folders listed, folders whose every file counts."""

    files: set[Path] = field(default_factory=set)
    listings: set[Path] = field(default_factory=set)
    trees: set[Path] = field(default_factory=set)


def notes_of(config: MkDocsConfig) -> dict[str, PageInputs]:
    """Return the build's notes, by page output path (which tells the languages apart)."""
    return kept_on_config(config, NOTES, dict)


def noted(config: MkDocsConfig, page: Page) -> PageInputs:
    """Return the notes of `page` in this build, made empty if there are none yet."""
    return notes_of(config).setdefault(page.file.dest_uri, PageInputs())


def note_read(config: MkDocsConfig, page: Page, paths: Iterable[Path]) -> None:
    """Note the files `page` was made from, and the folders listed to make it.

    A listed folder matters by its entries: a variant added beside a program, or a variant
    folder beside its folder, changes what the page shows; an edit inside a sibling does not.
    """
    inputs = noted(config, page)
    for path in paths:
        path = path.resolve()
        (inputs.listings if path.is_dir() else inputs.files).add(path)


def note_tree(config: MkDocsConfig, page: Page, folder: Path) -> None:
    """Note that any file added, removed or changed below `folder` may change `page`."""
    noted(config, page).trees.add(folder.resolve())


def take_inputs(config: MkDocsConfig, page: Page) -> PageInputs:
    """Return what was noted of `page` in this build."""
    return notes_of(config).pop(page.file.dest_uri, PageInputs())
