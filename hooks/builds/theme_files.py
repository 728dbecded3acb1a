"""The theme's installed folders listed once per process, not once per language and rebuild.

To find a theme's static files, MkDocs lists every file of the theme's folders through the
loader of each build's Jinja environment and drops the hidden ones (any part of the name
starting with a dot), which it never copies. Material keeps 14,000 icons under its hidden
`.icons`, so every language of every rebuild of `mkdocs serve` walked them and filtered them
out again. MkDocs has no event between making the environment and listing the theme, so this
is the one adaptation of it: the theme's `get_env` gives environments whose loader lists
without hidden entries, and lists a folder of an installed package once per process (a package
is not edited while it runs; reinstalling one needs a restart). Folders of the project, such
as a `custom_dir`, are listed anew each time, so an added file is seen.
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.theme import Theme

Listings = dict[str, tuple[str, ...]]

INSTALLED = tuple({Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")})


def is_installed(folder: str) -> bool:
    """Tell whether `folder` belongs to an installed package."""
    path = Path(folder).resolve()
    return any(path.is_relative_to(root) for root in INSTALLED)


def visible_files(folder: str) -> tuple[str, ...]:
    """Return the names of the files under `folder`, as Jinja names them, but hidden ones."""
    names: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        relative = Path(dirpath).relative_to(folder).as_posix()
        prefix = "" if relative == "." else relative + "/"
        names.extend(prefix + name for name in filenames if not name.startswith("."))
    return tuple(names)


class ThemeLoader(FileSystemLoader):
    """A loader that lists each installed folder once, from `listings`, shared by every build."""

    def __init__(self, searchpath: list[str], listings: Listings) -> None:
        super().__init__(searchpath)
        self.listings = listings

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            if not is_installed(folder):
                found.update(visible_files(folder))
                continue
            if folder not in self.listings:
                self.listings[folder] = visible_files(folder)
            found.update(self.listings[folder])
        return sorted(found)


def list_installed_once(theme: Theme, listings: Listings) -> None:
    """Make the environments of `theme` list its installed folders from `listings`."""
    make_env = type(theme).get_env

    def get_env() -> Environment:
        env = make_env(theme)
        # Any other loader is left alone: the test of this module reports the change.
        if type(env.loader) is FileSystemLoader:
            env.loader = ThemeLoader(env.loader.searchpath, listings)
        return env

    theme.get_env = get_env  # on this theme only: each config of `mkdocs serve` has its own
