"""MkDocs events for the include directive; the work itself lives in the `includes` package.

mkdocs-static-i18n builds every language in one process, so each event here runs once per
language; nothing is kept between events or builds.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from strict_warnings import keep_warnings_countable
from variant_includes import align, errors, grammar, labels, render, sources, variants
from variant_includes import page as includes_page

log = get_plugin_logger("includes")

# MkDocs imports this file once per process, so `mkdocs serve` would go on running the code it
# started with; reloading the core on each build, dependencies first, makes an edit under
# hooks/variant_includes/ show on the next reload. A new module of the package belongs in this list.
CORE_MODULES = (errors, grammar, sources, variants, align, labels, render, includes_page)


def project_root(config: MkDocsConfig) -> Path:
    """Return the folder of mkdocs.yml: docs/ and docs_src/ are found from it, never the cwd."""
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the current core, check its setup (docs_src/, labels), keep warnings countable."""
    for module in CORE_MODULES:
        importlib.reload(module)
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
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace each directive of the page by its code; report wrong ones as warnings."""
    root = project_root(config)
    source = Path(page.file.abs_src_path).resolve()
    docs_dir = Path(config.docs_dir).resolve()
    folder = source.relative_to(docs_dir).parts[0]
    in_language = folder in labels.LANGUAGES
    lang, lang_root = (folder, docs_dir / folder) if in_language else ("en", docs_dir)
    # MkDocs removed the front matter; count its lines so errors point at the file on disk.
    raw = page.file.content_string
    body, _ = get_data(raw)
    line_offset = raw[: len(raw) - len(body)].count("\n") if raw.endswith(body) else 0
    expanded, found = includes_page.expand_includes(
        markdown,
        page=source.relative_to(root).as_posix(),
        lang=lang,
        lang_root=lang_root,
        docs_src=root / "docs_src",
        line_offset=line_offset,
    )
    for error in found:
        log.warning(str(error))
    return expanded
