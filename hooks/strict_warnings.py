"""Warnings of our hooks that `--strict` counts whatever the log level.

`mkdocs build -q` sets the `mkdocs` logger to ERROR, so a plugin's warnings are dropped before
the handler that `--strict` counts them with ever sees them, and a wrong include passes a quiet
strict build. Giving our own loggers the level WARNING keeps their warnings shown and counted;
at the default or a verbose level they follow the `mkdocs` logger as before.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import PrefixedLogger


def keep_warnings_countable(log: PrefixedLogger) -> None:
    """Let `log`'s warnings through when the `mkdocs` logger is set quieter than WARNING."""
    logger = log.logger
    logger.setLevel(logging.NOTSET)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
