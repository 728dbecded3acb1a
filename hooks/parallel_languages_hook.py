"""MkDocs events that build the languages of `mkdocs build` side by side, one process each.

mkdocs-static-i18n builds the default language, then every other language in turn, inside the
default language's on_post_build. Under `mkdocs build` this hook forks, as the default
language's build starts, one process per other language, each building its language alone
into a temporary folder, and keeps mkdocs-static-i18n from building them again. Where
mkdocs-static-i18n would have built them, the default language's build waits for each in turn,
shows its log records through its own loggers, moves its files into the site, and writes the
root sitemap from every language's. The site is the same, file for file, as the one built in
turn, and so is the log.

A language whose build fails stops the build as it would have in turn: its messages shown, and
the same error (such as `--strict`'s "Aborted with 1 warnings"); the languages after it are
stopped unseen, as in turn they would never have been built. A process that crashes is reported
with its traceback, or how it ended. Nothing of the processes is left in the temporary folder.

It builds in turn, as mkdocs-static-i18n does, under `mkdocs serve`, with `--dirty`, with one
language, where `os.fork` is missing, and when DOCS_LANGUAGES_IN_TURN=1 is set. The work lives
in `languages.parallel` (the languages' processes, merged in turn), `languages.processes`
(forking, and the logs of a forked process), `languages.site_merge` (the files) and
`languages.i18n_builds` (what it relies on in mkdocs-static-i18n).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from languages import i18n_builds, parallel

log = get_plugin_logger("languages")


@dataclass(frozen=True)
class ChildBuild:
    """The language a forked process builds, and the folder it builds it into."""

    locale: str
    site_dir: Path


@dataclass
class Process:
    """What this process does: its command, and the languages it builds, here or elsewhere."""

    command: str
    dirty: bool
    # In the default language's build, the processes building the others, until they are done.
    run: parallel.Run | None = None
    # In a forked process, the language it builds.
    child: ChildBuild | None = None


# The hook's one piece of state, made by on_startup once per process and copied into each forked
# one. Not on the config, as the rest of a build's state is: on_build_error is given no config,
# and it must stop the processes of a failed build.
state: Process | None = None


def on_startup(command: str, dirty: bool) -> None:
    """Note what this process does: only `mkdocs build`, a fresh build, forks."""
    global state
    state = Process(command, dirty)


def build_alone(config: MkDocsConfig, i18n: Any, locale: str, site_dir: Path) -> None:
    """In a forked process: build `locale` alone into `site_dir`."""
    if state is not None:
        state.run = None
        state.child = ChildBuild(locale, site_dir)
    i18n_builds.build_language(config, i18n, locale)


# Last of every on_config, after mkdocs-static-i18n's (-100) has set up the build's language, so
# a forked process starts from the default language's complete config.
@event_priority(-150)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start a process for each other language as the default language's build starts."""
    if state is None:
        # Not started by MkDocs's command line, which calls on_startup: built in turn.
        return config
    if state.child is not None:
        # mkdocs-static-i18n has named the site's folder in its message; the files go elsewhere.
        config.site_dir = str(state.child.site_dir)
        log.debug(f"building '{state.child.locale}' in process {os.getpid()}")
        return config
    i18n = i18n_builds.i18n_of(config)
    if i18n is None:
        return config
    log.debug(f"building '{i18n.current_language}' in process {os.getpid()}")
    if not i18n_builds.builds_others(i18n):
        return config
    reason = parallel.in_turn_because(config, i18n, state.command, state.dirty)
    if reason is None:
        try:
            state.run = parallel.start_languages(i18n, partial(build_alone, config, i18n))
        except OSError as error:
            reason = f"cannot start a process: {error}"
    if reason is not None:
        log.debug(f"building the other languages in turn: {reason}")
    return config


# Where mkdocs-static-i18n's on_post_build (-100) would have built the other languages, and
# before hooks/language_hook.py's (-110), which then writes the root search index.
@event_priority(-105)
def on_post_build(config: MkDocsConfig) -> None:
    """Wait for the other languages in turn, show their logs, move their files into the site."""
    run = take_run()
    if run is None:
        return
    try:
        failed = parallel.finish_languages(run, Path(config.site_dir))
    except ValueError as error:
        raise PluginError(f"languages: cannot write the root sitemap: {error}") from None
    if failed is None:
        return
    child, failure = failed.child, failed.failure
    if failure.stopped:
        # MkDocs's Abort, such as "Aborted with a BuildError!", its error logged already: the
        # build stops as it would have built in turn.
        raise Abort(failure.message)
    details = f"\n{failure.details.rstrip()}" if failure.details else ""
    raise PluginError(
        f"languages: building '{child.name}' in process {child.pid} failed: "
        f"{failure.message}{details}"
    )


def on_build_error(error: Exception) -> None:
    """Stop the other languages' processes of a build that failed before it waited for them."""
    run = take_run()
    if run is not None:
        parallel.stop_languages(run)


def take_run() -> parallel.Run | None:
    """Return the processes of the build under way, which only one event may end; forget them."""
    if state is None or state.run is None:
        return None
    run, state.run = state.run, None
    return run
