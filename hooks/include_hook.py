"""MkDocs events for the include directive; the work itself lives in the `includes` package.

mkdocs-static-i18n builds every language in one process, so each event here runs once per
language; nothing is kept between events or builds.
"""

from __future__ import annotations

import sys

# `mkdocs serve` runs this file again on every rebuild but keeps imported modules; forgetting
# them first makes an edit to `includes/` show on the next reload instead of after a restart.
for _name in [name for name in sys.modules if name.split(".")[0] == "includes"]:
    del sys.modules[_name]

from pathlib import Path  # noqa: E402

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import get_plugin_logger  # noqa: E402
from mkdocs.structure.files import Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402

from includes.labels import LANGUAGES  # noqa: E402
from includes.page import expand_includes  # noqa: E402

log = get_plugin_logger("includes")


def project_root(config: MkDocsConfig) -> Path:
    """Return the folder of mkdocs.yml: docs/ and docs_src/ are found from it, never the cwd."""
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the setup the directive relies on: a docs_src/ folder, labels for every language."""
    docs_src = project_root(config) / "docs_src"
    if not docs_src.is_dir():
        raise PluginError(f"the include directive needs the folder {docs_src}, which is missing")
    i18n = config.plugins.get("i18n")
    locales = {language.locale for language in i18n.config.languages} if i18n else set()
    missing = sorted(locales - LANGUAGES)
    if missing:
        raise PluginError(
            f"hooks/includes/labels.py has no labels for {', '.join(missing)}: "
            "add an entry for each language to every row of LABELS"
        )
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace each directive of the page by its code; report wrong ones as warnings."""
    root = project_root(config)
    source = Path(page.file.abs_src_path).resolve()
    docs_dir = Path(config.docs_dir).resolve()
    folder = source.relative_to(docs_dir).parts[0]
    lang, lang_root = (folder, docs_dir / folder) if folder in LANGUAGES else ("en", docs_dir)
    # MkDocs removed the front matter; count its lines so errors point at the file on disk.
    raw = page.file.content_string
    body, _ = get_data(raw)
    line_offset = raw[: len(raw) - len(body)].count("\n") if raw.endswith(body) else 0
    expanded, errors = expand_includes(
        markdown,
        page=source.relative_to(root).as_posix(),
        lang=lang,
        lang_root=lang_root,
        docs_src=root / "docs_src",
        line_offset=line_offset,
    )
    for error in errors:
        log.warning(str(error))
    return expanded
