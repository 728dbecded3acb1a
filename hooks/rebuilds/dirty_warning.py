"""MkDocs's warning that a dirty build leaves navigation and links wrong, which ours do not.

MkDocs logs it at the start of every dirty build, once per language. The rebuild hook makes
those builds complete, so the warning would only teach authors to ignore warnings; this filter
drops that one message. A test fails when MkDocs words it differently.
"""

from __future__ import annotations

import logging

DIRTY_WARNING = "A 'dirty' build is being performed"
BUILD_LOGGER = "mkdocs.commands.build"


class DropDirtyWarning(logging.Filter):
    """Drop MkDocs's warning about dirty builds, and nothing else."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def drop_dirty_warning() -> None:
    """Install the filter on MkDocs's build logger, once."""
    logger = logging.getLogger(BUILD_LOGGER)
    # By name: the hook reloads this module, which makes a new class.
    if not any(type(known).__name__ == "DropDirtyWarning" for known in logger.filters):
        logger.addFilter(DropDirtyWarning())
