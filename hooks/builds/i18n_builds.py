"""How mkdocs-static-i18n builds each language, read and steered where it offers no public way.

mkdocs-static-i18n builds the default language first. In that build's on_post_build it builds
every other language, one after the other, on the same config: for each it sets the plugin's
`current_language` and calls MkDocs's `build`, with `building` set so that the nested build's own
on_post_build, after noting its search entries, returns at once instead of building the others
again. It hides two of MkDocs's messages of those nested builds, and its `sitemap.xml` template
lists the pages of each language built so far, in the order they were built.

This module is the one place that reads or sets those attributes; the tests of
tests/site/test_parallel_build.py fail when mkdocs-static-i18n changes them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import mkdocs_static_i18n
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs_static_i18n import plugin as i18n_plugin

# What mkdocs-static-i18n reads and sets on its plugin to build one language inside another.
ATTRIBUTES = ("current_language", "building", "default_language", "build_languages")

# The messages of MkDocs's `build` that mkdocs-static-i18n hides in the builds it nests: the
# default language's build says them once for the whole site.
NESTED_BUILD_MESSAGES = ("Building documentation to directory", "Documentation built in")
BUILD_LOGGER = "mkdocs.commands.build"

# The sitemap.xml that mkdocs-static-i18n puts first in the theme's folders, unless the theme's
# custom_dir has its own: it lists `i18n_alternates`, the pages of each language built so far.
I18N_SITEMAP = (
    Path(mkdocs_static_i18n.__file__).parent / "custom_i18n_sitemap" / "sitemap.xml"
).resolve()


def i18n_of(config: MkDocsConfig) -> Any | None:
    """Return mkdocs-static-i18n's plugin, or None; a version lacking what we use is an error."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return None
    missing = [name for name in ATTRIBUTES if not hasattr(i18n, name)]
    if not callable(getattr(i18n_plugin, "build", None)):
        missing.append("mkdocs_static_i18n.plugin.build")
    if missing:
        raise PluginError(
            "hooks/site_hook.py builds each language the way mkdocs-static-i18n "
            f"does, through its plugin's {', '.join(ATTRIBUTES)} and its module's `build`; "
            f"this version has no {', '.join(missing)}. "
            "Set DOCS_LANGUAGES_IN_TURN=1 to let it build them in turn."
        )
    return i18n


def builds_others(i18n: Any) -> bool:
    """Tell whether the build under way is the default language's, which builds the others."""
    return i18n.current_language == i18n.default_language and not i18n.building


def other_languages(i18n: Any) -> list[str]:
    """Return the languages the default language's build builds after its own, in that order."""
    return [locale for locale in i18n.build_languages if locale != i18n.current_language]


def hold_other_languages(i18n: Any, held: bool) -> None:
    """Keep the default language's on_post_build from building the others (or let it again)."""
    i18n.building = held


def build_language(config: MkDocsConfig, i18n: Any, locale: str) -> None:
    """Build `locale` alone, as mkdocs-static-i18n builds each language after the default one."""
    i18n.current_language = locale
    i18n.building = True
    logging.getLogger(BUILD_LOGGER).addFilter(hide_nested_build_messages)
    # The `build` that mkdocs-static-i18n calls: under ProperDocs it is ProperDocs's own.
    i18n_plugin.build(config)


def hide_nested_build_messages(record: logging.LogRecord) -> bool:
    """Drop the messages mkdocs-static-i18n hides in the builds it nests."""
    return not str(record.msg).startswith(NESTED_BUILD_MESSAGES)


def sitemap_lists_languages_in_turn(config: MkDocsConfig) -> bool:
    """Tell whether the root sitemap.xml is mkdocs-static-i18n's, one language after the other."""
    # The file the theme's loader finds, not the template: it compiles only with static-i18n's
    # Jinja extension, which on_env adds.
    env = config.theme.get_env()
    if env.loader is None:
        return False
    _, filename, _ = env.loader.get_source(env, "sitemap.xml")
    return filename is not None and Path(filename).resolve() == I18N_SITEMAP
