"""What the build's log shows: our warnings counted at any level, MkDocs's dirty warning dropped.

`mkdocs build -q` sets the `mkdocs` logger to ERROR, so a plugin's warnings are dropped before
the handler that `--strict` counts them with ever sees them, and a wrong include passes a quiet
strict build. Giving our own loggers the level WARNING keeps their warnings shown and counted;
at the default or a verbose level they follow the `mkdocs` logger as before.

MkDocs warns, at the start of every dirty build, that it leaves navigation and links wrong. Ours
are complete (builds/rebuilds.py), so the warning would only teach authors to ignore warnings:
that one message is dropped, and a test fails when MkDocs words it differently.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import PrefixedLogger

DIRTY_WARNING = "A 'dirty' build is being performed"
BUILD_LOGGER = "mkdocs.commands.build"


def keep_warnings_countable(log: PrefixedLogger) -> None:
    """Let `log`'s warnings through when the `mkdocs` logger is set quieter than WARNING."""
    logger = log.logger
    logger.setLevel(logging.NOTSET)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)


def drop_dirty_warning(record: logging.LogRecord) -> bool:
    """Drop MkDocs's warning about dirty builds, and nothing else (a logging filter)."""
    return not record.getMessage().startswith(DIRTY_WARNING)


def install_dirty_warning_filter() -> None:
    """Filter MkDocs's build logger, once per process."""
    logger = logging.getLogger(BUILD_LOGGER)
    if drop_dirty_warning not in logger.filters:
        logger.addFilter(drop_dirty_warning)
