"""The project as MkDocs's loaded config describes it: its folders and its languages.

Both the build (site_hook.py) and `docs-translations` read it from the same config, so
they agree on where the pages are and which language is the source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from translations.status import Project


def i18n_languages(config: Any) -> list[Any]:
    """Return the entries of mkdocs-static-i18n's `languages` (locale, name, default, ...)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise ValueError("the translation checks need the i18n plugin (mkdocs-static-i18n)")
    return list(i18n.config.languages)


def project_of(config: Any) -> Project:
    """Return where the pages are, from mkdocs.yml's folder: never the current directory."""
    languages = i18n_languages(config)
    source = next((language.locale for language in languages if language.default), None)
    if source is None:
        raise ValueError("no language of the i18n plugin has `default: true`")
    return Project(
        root=Path(config.config_file_path).resolve().parent,
        docs_dir=Path(config.docs_dir).resolve(),
        source_lang=source,
        languages=tuple(language.locale for language in languages if not language.default),
    )
