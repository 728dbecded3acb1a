"""MkDocs events that give each language its own search and clean language links.

mkdocs-static-i18n builds the default language first and every other language inside that
build's on_post_build, one after the other, on the same config object (or, under `mkdocs build`,
each in a process forked from the default language's: parallel_languages_hook.py); so each
event here runs once per language. The work itself lives in the `languages` package.

Each language's search index is made of its pages' entries, kept page by page in the hook's one
piece of state: a dirty rebuild of `mkdocs serve` renders only the pages a change touches, and
the others' entries, kept from the build that last rendered them, keep the index complete.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, write_file

from build_state import kept_on_config
from languages import links, search_entries, search_index, sitemaps

# Reloaded on each build, dependencies first, so `mkdocs serve` runs the code as it is now.
CORE_MODULES = (links, search_entries, search_index, sitemaps)

# Each build sets theme.language anew on the shared config, so when the default language's build
# comes back to its own on_post_build, theme.language names the last language built, not its
# own. Each build therefore notes its language as it starts, on a stack kept on its config (the
# innermost build last; `mkdocs serve` loads a new config for each rebuild), and takes it back
# when it ends.
BUILDS = "language_hook_builds"
# Each language's pages in the order the build renders them, on the same config, by locale.
PAGES = "language_hook_pages"

# The search entries of each page as last rendered, encoded, by output path; emptied by on_startup
# once per process, kept across the rebuilds of `mkdocs serve`.
page_entries: dict[str, list[str]] = {}


def site_languages(config: MkDocsConfig) -> list[links.Language]:
    """Return the languages mkdocs-static-i18n builds, from its config."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("hooks/language_hook.py needs the i18n plugin (mkdocs-static-i18n)")
    return links.read_languages(i18n.config.languages, config.site_url)


def builds(config: MkDocsConfig) -> list[str]:
    """Return the languages of the builds under way, innermost last."""
    return kept_on_config(config, BUILDS, list)


def language_pages(config: MkDocsConfig) -> dict[str, list[str]]:
    """Return each language's pages, by locale, in the order its build renders them."""
    return kept_on_config(config, PAGES, dict)


def current_language(config: MkDocsConfig) -> links.Language:
    """Return the language of the build under way."""
    return links.find_language(builds(config)[-1], site_languages(config))


def search_plugin(config: MkDocsConfig) -> Any:
    """Return the search plugin when it is on, else None."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or not search.config.get("enabled", True):
        return None
    return search


def read_built(path: Path) -> str:
    """Return a file the build just wrote; its absence is a broken setup."""
    if not path.is_file():
        raise PluginError(f"hooks/language_hook.py: the build wrote no {path}, which it needs")
    return path.read_text(encoding="utf-8")


def show_roots_in_head(context: dict[str, Any], config: MkDocsConfig) -> None:
    """Hand the selector the links static-i18n made; give the head the language roots."""
    languages = site_languages(config)
    # As templates read it: mkdocs-static-i18n sets it as an item of config.extra for each build
    # and as an attribute for each page, and Jinja looks for the attribute first.
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    if len(languages) < 2 or not alternates:
        return
    # Links to this page in each language: partials/alternate.html of hooks/theme shows them.
    # (A template rendered before any page of the build finds the roots this function set last.)
    context["selector_alternates"] = [
        alternate for alternate in alternates if alternate["lang"] != links.X_DEFAULT
    ]
    # Material's base.html puts these in the head, and its JavaScript reads a sitemap.xml beside
    # each: only language roots have one.
    config.extra.alternate = links.root_alternates(languages)


def on_startup(command: str, dirty: bool) -> None:
    """Start with no search entries kept, once per process."""
    global page_entries
    page_entries = {}


# After mkdocs-static-i18n's on_config (priority -100), which sets theme.language for the build,
# and the search plugin's (0), which makes the build's index.
@event_priority(-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the current core, note the build's language, share readers' choices across languages."""
    for module in CORE_MODULES:
        importlib.reload(module)
    i18n = config.plugins.get("i18n")
    if i18n is not None and not i18n.config.reconfigure_material:
        raise PluginError(
            "hooks/language_hook.py reads each build's language from theme.language, which "
            "mkdocs-static-i18n sets only with `reconfigure_material: true`"
        )
    try:
        language = links.find_language(config.theme["language"], site_languages(config))
    except ValueError as error:
        raise PluginError(f"hooks/language_hook.py: theme.language: {error}") from None
    builds(config).append(language.locale)
    search = search_plugin(config)
    if search is not None:
        search_entries.read_code_as_text(search)
    if not language.default:
        # Every build writes the site's one 404.html, so the last language's would be what any
        # reader of the site gets for a wrong address: the default language's build keeps it.
        config.theme.static_templates.discard("404.html")
    # Material keeps a reader's choices (palette, tabs) in localStorage under this path, by
    # default base_url, which on_page_context makes each language's root: keep the site's.
    config.extra.setdefault("scope", links.site_path(config.site_url))
    return config


# After mkdocs-static-i18n's on_files (priority -100), which gives the language's pages.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Note the language's pages, in the order its search index lists them."""
    pages = [file.dest_uri for file in files.documentation_pages()]
    language_pages(config)[builds(config)[-1]] = pages
    return files


# After mkdocs-static-i18n's on_page_context (priority 50), which fills config.extra.alternate
# with this page's links in each language, and after the search plugin's (0), which adds the
# page's entries to its index.
@event_priority(-50)
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Keep the page's search entries; search this language's index, from its root; link the
    head to the language roots."""
    search = search_plugin(config)
    if search is not None:
        entries = search_entries.take_entries(search)
        encoded = search_index.encode_entries(entries, current_language(config))
        page_entries[page.file.dest_uri] = encoded
    show_roots_in_head(context, config)
    language = current_language(config)
    if not language.default:
        # Material fetches search/search_index.json from base_url, and resolves results there.
        context["base_url"] = get_relative_url(language.root, page.url)
    return context


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """Link the head of a page made from a template alone, such as 404.html, to the roots too."""
    show_roots_in_head(context, config)
    return context


# After the search plugin (priority 0) writes the build's index to the site's root, and after
# mkdocs-static-i18n's on_post_build (-100), which in the default language's build builds the
# other languages: the default language's own index then takes the root's place.
@event_priority(-110)
def on_post_build(config: MkDocsConfig) -> None:
    """Write the build's language's own search index and, for all but the default, its sitemap."""
    languages = site_languages(config)
    language = links.find_language(builds(config).pop(), languages)
    site = Path(config.site_dir)
    search = search_plugin(config)
    if search is not None:
        pages = language_pages(config).get(language.locale, [])
        entries = [entry for page in pages for entry in page_entries.get(page, [])]
        own = search_index.language_index(search.config, language, entries)
        write_file(own.encode("utf-8"), str(site / language.root / "search/search_index.json"))
    if not language.default:
        # The root sitemap lists every language built so far, this one included.
        sitemap = read_built(site / "sitemap.xml")
        own = sitemaps.filter_sitemap(sitemap, language, languages, config.site_url)
        write_file(own.encode("utf-8"), str(site / language.root / "sitemap.xml"))
