"""MkDocs events for the include directive; the work itself lives in `variant_includes`.

mkdocs-static-i18n builds every language through MkDocs's `build`, so each event here runs once
per language. What a directive shows is worked out once, kept in the one cache this hook owns,
and rendered in each language with its labels: the models of every page are built as the first
language's build starts, before `mkdocs build` forks a process for each other language, which
inherits them; `mkdocs serve` reuses them until a file they were read from, or the core's code,
changes.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from rebuilds.highlights import HighlightCache, highlight_ahead, use_cache
from rebuilds.inputs import note_read, note_tree
from strict_warnings import keep_warnings_countable
from variant_includes import (
    align,
    cache,
    errors,
    grammar,
    labels,
    model,
    render,
    sources,
    variants,
)
from variant_includes import page as includes_page

log = get_plugin_logger("includes")

# MkDocs imports this file once per process, so `mkdocs serve` would go on running the code it
# started with; reloading the core, dependencies first, when one of its files has changed makes
# an edit under hooks/variant_includes/ show on the next build. A new module of the package
# belongs in this list.
CORE_MODULES = (
    errors,
    grammar,
    sources,
    variants,
    align,
    labels,
    model,
    render,
    cache,
    includes_page,
)


@dataclass(frozen=True)
class LoadedCore:
    """The core's files as they were when it was loaded, and the models that code built."""

    files: tuple[sources.Stamp, ...]
    models: cache.ModelCache
    # The HTML of every python block highlighted, by what it depends on (rebuilds/highlights.py):
    # the languages built in one process, and the rebuilds of `mkdocs serve`, share it.
    highlights: HighlightCache


# The hook's one piece of state. MkDocs imports this file once per process and calls
# on_startup once, before the first build; every language of a build and every rebuild of
# `mkdocs serve` then share these models. A model is only as good as the code that built it,
# so when the core is reloaded the models go with it (on_config).
loaded: LoadedCore | None = None


def project_root(config: MkDocsConfig) -> Path:
    """Return the folder of mkdocs.yml: docs/ and docs_src/ are found from it, never the cwd."""
    return Path(config.config_file_path).resolve().parent


def stamp_core() -> tuple[sources.Stamp, ...]:
    """Return the stamps of the core's source files, which change when one is edited."""
    return tuple(sources.stamp_path(Path(module.__file__)) for module in CORE_MODULES)


def load_core(files: tuple[sources.Stamp, ...]) -> LoadedCore:
    """Return the state of the core as now imported: no models, no code highlighted yet."""
    highlights = HighlightCache(stand_ins=render.comment_stand_ins())
    return LoadedCore(files, cache.ModelCache(), highlights)


def reload_core() -> None:
    """Run the core's current code: reload its modules, each after those it imports."""
    for module in CORE_MODULES:
        importlib.reload(module)


def on_startup(command: str, dirty: bool) -> None:
    """Start an empty cache of models for the core as imported, once per process."""
    global loaded
    loaded = load_core(stamp_core())


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the current core, check its setup (docs_src/, labels), keep warnings countable.

    It runs once per language (mkdocs-static-i18n builds each through MkDocs's `build`), so the
    core is reloaded, and its models dropped, only when one of its files changed since it was
    loaded: the languages of one build share one cache.
    """
    global loaded
    files = stamp_core()
    if loaded is None or loaded.files != files:
        if loaded is not None:
            reload_core()
        # A new cache, made by the current core: no model built by the old code is reused.
        loaded = load_core(files)
    docs_src = project_root(config) / "docs_src"
    if not docs_src.is_dir():
        raise PluginError(f"the include directive needs the folder {docs_src}, which is missing")
    i18n = config.plugins.get("i18n")
    locales = {language.locale for language in i18n.config.languages} if i18n else set()
    missing = sorted(locales - labels.LANGUAGES)
    if missing:
        raise PluginError(
            f"hooks/variant_includes/labels.py has no labels for {', '.join(missing)}: "
            "add an entry for each language to every row of LABELS"
        )
    keep_warnings_countable(log)
    use_cache(config.markdown_extensions, config.mdx_configs, loaded.highlights)
    if not loaded.models.kept():
        prepare_all_models(config)
    return config


def page_language(source: Path, docs_dir: Path) -> tuple[str, Path]:
    """Return the language of a page's file and the folder its relative paths start from."""
    folder = source.relative_to(docs_dir).parts[0]
    if folder in labels.LANGUAGES:
        return folder, docs_dir / folder
    return "en", docs_dir


def prepare_all_models(config: MkDocsConfig) -> None:
    """Build the models of every page of every language, and highlight the code they show,
    before any language is built.

    `mkdocs build` makes each other language in a process forked from the default one's as
    that build starts (hooks/parallel_languages_hook.py): models built and code highlighted now
    are done once, the highlighting on every core.
    """
    docs_dir = Path(config.docs_dir).resolve()
    docs_src = project_root(config) / "docs_src"
    i18n = config.plugins.get("i18n")
    # Only the languages that are built: one switched off (`build: false`) needs no models.
    off = {lang.locale for lang in i18n.config.languages if not lang.build} if i18n else set()
    fences = set()
    for source in sorted(docs_dir.rglob("*.md")):
        if source.relative_to(docs_dir).parts[0] in off:
            continue
        try:
            text = source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports it when it reads the page
        _, lang_root = page_language(source, docs_dir)
        includes = includes_page.prepare_models(
            text, lang_root=lang_root, docs_src=docs_src, cache=loaded.models
        )
        # In English: another language's block is the English one's HTML with the comments
        # that mark omitted lines swapped for its own, as each page meets it.
        fences.update(
            fence for include in includes for fence in render.render_fences(include, "en")
        )
    highlight_ahead(list(fences), config.markdown_extensions, config.mdx_configs, loaded.highlights)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace each directive of the page by its code; report wrong ones as warnings."""
    root = project_root(config)
    source = Path(page.file.abs_src_path).resolve()
    docs_dir = Path(config.docs_dir).resolve()
    lang, lang_root = page_language(source, docs_dir)
    # MkDocs removed the front matter; count its lines so errors point at the file on disk.
    raw = page.file.content_string
    body, _ = get_data(raw)
    line_offset = raw[: len(raw) - len(body)].count("\n") if raw.endswith(body) else 0
    models = cache.PageCache(loaded.models if loaded is not None else cache.ModelCache())
    expanded, found = includes_page.expand_includes(
        markdown,
        page=source.relative_to(root).as_posix(),
        lang=lang,
        lang_root=lang_root,
        docs_src=root / "docs_src",
        line_offset=line_offset,
        cache=models,
    )
    # What the page shows now depends on: the programs it includes, or, for a wrong
    # directive (a path that does not exist yet, say), anything in docs_src/.
    note_read(config, page, models.paths)
    if found:
        note_tree(config, page, root / "docs_src")
    for error in found:
        log.warning(str(error))
    return expanded
