"""What the build's log shows: our warnings counted at any level, every language's counted once,
MkDocs's dirty warning dropped.

`mkdocs build -q` sets the `mkdocs` logger to ERROR, so a plugin's warnings are dropped before
the handler that `--strict` counts them with ever sees them, and a wrong include passes a quiet
strict build. Giving our own loggers the level WARNING keeps their warnings shown and counted;
at the default or a verbose level they follow the `mkdocs` logger as before.

MkDocs warns, at the start of every dirty build, that it leaves navigation and links wrong. Ours
are complete (builds/rebuilds.py), so the warning would only teach authors to ignore warnings:
that one message is dropped, and a test fails when MkDocs words it differently.

Under `--strict`, each of MkDocs's builds counts warnings and aborts at its end if it counted
any; mkdocs-static-i18n nests each other language's build in the default language's, so the
first language with a warning would stop the languages after it, unbuilt and unshown. The
default language's build counts the nested builds' warnings too (and those of the languages
built apart, replayed into its loggers): each nested build leaves the count to it, so that every
language's warnings are shown and the build fails once, at its end, counting them all.
"""

from __future__ import annotations

import logging

import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import PrefixedLogger
from mkdocs.utils import CountHandler

DIRTY_WARNING = "A 'dirty' build is being performed"
BUILD_LOGGER = "mkdocs.commands.build"
# The logger MkDocs's `build` counts a strict build's warnings on: `mkdocs`, or `properdocs`
# under ProperDocs, which makes the `mkdocs` package an alias of its own.
COUNTING_LOGGER = mkdocs.__name__


def keep_warnings_countable(log: PrefixedLogger) -> None:
    """Let `log`'s warnings through when the `mkdocs` logger is set quieter than WARNING."""
    logger = log.logger
    logger.setLevel(logging.NOTSET)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)


def leave_count_to_default_build(config: MkDocsConfig) -> None:
    """At the end of a nested language's build, forget the warnings it counted for `--strict`.

    This relies on MkDocs's `build`: under `config.strict`, it adds a `CountHandler` to the
    counting logger as it starts, and aborts after on_post_build when that handler's `counts`
    are not empty. The last one on the logger is the nested build's own; the default language's,
    added before it, counted the same warnings (or counts them as they are replayed, for a
    language built apart) and fails the build with them all at its end.
    tests/hooks/test_logs.py fails when MkDocs counts otherwise.
    """
    counters = [
        handler
        for handler in logging.getLogger(COUNTING_LOGGER).handlers
        if isinstance(handler, CountHandler)
    ]
    if config.strict and counters:
        counters[-1].counts.clear()


def drop_dirty_warning(record: logging.LogRecord) -> bool:
    """Drop MkDocs's warning about dirty builds, and nothing else (a logging filter)."""
    return not record.getMessage().startswith(DIRTY_WARNING)


def install_dirty_warning_filter() -> None:
    """Filter MkDocs's build logger, once per process."""
    logger = logging.getLogger(BUILD_LOGGER)
    if drop_dirty_warning not in logger.filters:
        logger.addFilter(drop_dirty_warning)
