"""The other languages of a build, each built by a process of its own, then merged in turn.

As the default language's build starts, one process is forked per other language; each builds
its language alone into a temporary folder. Where mkdocs-static-i18n would have built those
languages one after the other, the default language's build waits for each in turn, shows its
log records, and moves its files into the site, so that the site, and the log, are those of a
build in turn. A language that failed stops there: built in turn, the languages after it would
never have been built, so they are stopped unseen. Under `--strict`, a language's warnings do
not fail it: replayed, they are counted by the default language's build, which fails at its end
(builds/logs.py).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError

from builds import i18n_builds, site_merge, workers

# Set to 1, the languages are built one after the other in one process, as mkdocs-static-i18n
# does by itself.
IN_TURN = "DOCS_LANGUAGES_IN_TURN"

# The root files that moving a language's files over the site's would get wrong: the sitemap
# lists every language's pages, and hooks/site_hook.py writes the default language's own
# search index to the root after every language is built (over mkdocs-static-i18n's index of
# them all), from the default language's build's.
ROOT_SEARCH_INDEX = "search/search_index.json"
SITEMAP = "sitemap.xml"
SITEMAP_GZ = "sitemap.xml.gz"
MADE_AT_ROOT = frozenset({ROOT_SEARCH_INDEX, SITEMAP, SITEMAP_GZ})


@dataclass(frozen=True)
class Run:
    """The other languages of the default language's build, each built by a process of its own."""

    i18n: Any
    children: tuple[workers.Child, ...]


def in_turn_because(config: MkDocsConfig, i18n: Any, command: str, dirty: bool) -> str | None:
    """Return why this build must build the other languages in turn, or None."""
    if command != "build":
        return f"`mkdocs {command}`, not `mkdocs build`"
    if dirty:
        return "a dirty build"
    if os.environ.get(IN_TURN, "") not in ("", "0"):
        return f"{IN_TURN} is set"
    if not hasattr(os, "fork"):
        return "this system has no fork"
    if threading.active_count() > 1:
        return "a forked copy of a process with threads could deadlock"
    if not i18n_builds.other_languages(i18n):
        return "one language"
    if not i18n_builds.sitemap_lists_languages_in_turn(config):
        return "the theme's sitemap.xml is not mkdocs-static-i18n's"
    return None


def start_languages(i18n: Any, build_one: Callable[[str, Path], None]) -> Run:
    """Fork a process per other language, running `build_one(locale, its site folder)`.

    mkdocs-static-i18n is kept from building them again. If one cannot be forked (OSError),
    none is left running.
    """
    children: list[workers.Child] = []
    try:
        for locale in i18n_builds.other_languages(i18n):
            children.append(workers.start(locale, partial(build_one, locale)))
    except BaseException:
        for child in children:
            workers.stop(child)
        raise
    i18n_builds.hold_other_languages(i18n, held=True)
    return Run(i18n, tuple(children))


def finish_languages(run: Run, site: Path) -> None:
    """Wait for each language in turn and show its log; then move them all into `site`.

    The first language that failed (an error, not a warning) fails the build as it would have
    in turn, after which nothing is moved and the later languages are stopped. Every process's
    folder is removed either way.
    """
    waiting = list(run.children)
    try:
        while waiting:
            outcome = workers.finish(waiting[0])
            waiting.pop(0)
            workers.replay(outcome.records)
            if outcome.failure is not None:
                raise_failure(outcome)
        try:
            merge_languages(site, [child.output for child in run.children])
        except ValueError as error:
            raise PluginError(f"languages: cannot write the root sitemap: {error}") from None
    finally:
        end_run(run, waiting)


def raise_failure(outcome: workers.Outcome) -> None:
    """Fail the build with what failed a language's process."""
    failure = outcome.failure
    if failure.stopped:
        # MkDocs's Abort, such as "Aborted with a BuildError!", its error logged already: the
        # build stops as it would have built in turn.
        raise Abort(failure.message)
    details = f"\n{failure.details.rstrip()}" if failure.details else ""
    raise PluginError(
        f"languages: building '{outcome.child.name}' in process {outcome.child.pid} failed: "
        f"{failure.message}{details}"
    )


def stop_languages(run: Run) -> None:
    """Stop every process of a build that failed before it waited for them."""
    end_run(run, run.children)


def end_run(run: Run, unfinished: Sequence[workers.Child]) -> None:
    """Stop the processes not waited for, remove every folder, let static-i18n build again."""
    for child in unfinished:
        workers.stop(child)
    for child in run.children:
        workers.remove(child)
    i18n_builds.hold_other_languages(run.i18n, held=False)


def merge_languages(site: Path, built: list[Path]) -> None:
    """Move each language's files into the site in turn, and write the root sitemap of all."""
    for output in built:
        site_merge.move_tree(output, site, MADE_AT_ROOT)
    if not (site / SITEMAP).is_file():
        return
    sitemaps = [read_sitemap(site / SITEMAP)] + [read_sitemap(output / SITEMAP) for output in built]
    sitemap = site_merge.join_sitemaps(sitemaps)
    # The last language's build would have written it, with its own pages' date.
    mtime = site_merge.gzip_mtime(built[-1] / SITEMAP_GZ)
    (site / SITEMAP).write_bytes(sitemap.encode("utf-8"))
    site_merge.write_sitemap_gzip(site / SITEMAP_GZ, sitemap, mtime)


def read_sitemap(path: Path) -> str:
    """Return a sitemap a language's build wrote; its absence is a ValueError."""
    if not path.is_file():
        raise ValueError(f"the build wrote no {path}, which the root sitemap is made from")
    return path.read_bytes().decode("utf-8")
