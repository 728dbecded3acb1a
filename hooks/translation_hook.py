"""MkDocs events that keep translations true to their English pages; the work is in `translations`.

mkdocs-static-i18n builds the languages one after the other in one process, so each event here
runs once per language. A page of the language being built is one of three things: the English
page (in the English build, or shown in another language because it has no translation yet), or
a translation, checked against its English page each time it is built.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from build_state import kept_on_config
from rebuilds.inputs import note_read, note_tree
from strict_warnings import keep_warnings_countable
from translations import config as config_of
from translations import labels, outline, render, stamps, status

log = get_plugin_logger("translations")

# Reloaded on each build, dependencies first, so `mkdocs serve` runs the code as it is now.
CORE_MODULES = (stamps, outline, status, config_of, labels, render)


def project_of(config: MkDocsConfig) -> status.Project:
    """Return where the pages are and which languages there are; a broken setup stops the build."""
    try:
        return config_of.project_of(config)
    except ValueError as error:
        raise PluginError(f"hooks/translation_hook.py: {error}") from None


def build_language(page: Page, project: status.Project) -> str:
    """Return the language being built: the first folder of the page's URL, English at the root."""
    first = page.file.dest_uri.split("/", 1)[0]
    return first if first in project.languages else project.source_lang


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the current core, check every language has its words, keep warnings countable."""
    for module in CORE_MODULES:
        importlib.reload(module)
    project = project_of(config)
    missing = sorted({project.source_lang, *project.languages} - labels.LANGUAGES)
    if missing:
        raise PluginError(
            f"hooks/translations/labels.py has no words for {', '.join(missing)}: "
            "add an entry for each language to every row of LABELS"
        )
    keep_warnings_countable(log)
    return config


# The survey of every page, made once per build for the status page of every language: it reads
# every page of every language. Kept on the build's config, which its languages share.
SURVEY = "translation_hook_survey"


def survey_once(project: status.Project, config: MkDocsConfig) -> list[status.PageStatus]:
    """Return how every translation stands, surveyed once in each build."""
    return kept_on_config(config, SURVEY, lambda: status.survey(project))


def status_table(project: status.Project, config: MkDocsConfig, page: Page, lang: str) -> str:
    """Return the status page's table, worded in `lang`, as the pages on disk are now."""
    names = {language.locale: language.name for language in config_of.i18n_languages(config)}
    titles = {}
    for name in project.pages():
        translated = project.page_file(lang, name)
        chosen = (
            translated if translated.is_file() else project.page_file(project.source_lang, name)
        )
        titles[name] = render.page_title(chosen.read_text(encoding="utf-8-sig"), name)
    return render.render_status_table(
        survey_once(project, config),
        lang=lang,
        source_lang=project.source_lang,
        names=names,
        titles=titles,
        status_page=page.file.src_uri.split("/", 1)[1],
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill the status table, and tell readers and authors how a translation stands."""
    project = project_of(config)
    lang = build_language(page, project)
    if render.STATUS_MARKER_RE.search(markdown):
        markdown = render.fill_status_marker(markdown, status_table(project, config, page, lang))
        # The table tells how every page of every language stands.
        note_tree(config, page, project.docs_dir)
    if lang == project.source_lang:
        return markdown
    source_file = Path(page.file.abs_src_path).resolve()
    file_lang, _, name = source_file.relative_to(project.docs_dir).as_posix().partition("/")
    original_url = get_relative_url(page.url.removeprefix(f"{lang}/"), page.url)
    if file_lang == project.source_lang:
        log.info(f"{lang}: {name} is not translated yet; the English page is shown with a banner")
        return render.insert_after_title(markdown, render.missing_banner(lang, original_url))
    # A translation's banners follow its English page, whether it exists or not.
    note_read(config, page, [project.page_file(project.source_lang, name)])
    if not project.page_file(project.source_lang, name).is_file():
        log.info(f"{lang}: {name} has no English page, so nothing to keep it true to")
        return markdown
    page_status = status.check_page(project, name, lang)
    banners = []
    if page_status.outdated:
        log.info(
            f"{page_status.translation_file} is outdated: {page_status.outdated_reason()}; "
            f"once it is up to date, run docs-translations stamp {page_status.translation_file}"
        )
        banners.append(render.outdated_banner(lang, original_url))
    messages = [f"{page_status.translation_file}:{d.line}: {d.message}" for d in page_status.drifts]
    for message in messages:
        log.warning(message)
    if messages:
        banners.append(render.drifted_banner(lang, messages))
    for banner in reversed(banners):
        markdown = render.insert_after_title(markdown, banner)
    return markdown
