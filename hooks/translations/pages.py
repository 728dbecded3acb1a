"""What the translation checks make of one page as a language shows it: banners, status table.

A page shown in a language other than English is one of two things: the English page, shown
because it has no translation yet, or a translation, checked against its English page each time
it is shown. What each says to the author comes back as text, for the caller to log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from translations import render, status


@dataclass
class ShownPage:
    """A page's Markdown with its banners, what to tell the author, and the English page it
    follows (None for a page that follows none)."""

    markdown: str
    infos: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    follows: Path | None = None


def show_translation(
    project: status.Project, markdown: str, *, lang: str, file_lang: str, name: str, original: str
) -> ShownPage:
    """Return page `name` of `file_lang`'s folder as `lang` shows it, `original` the relative
    URL of its English page: a banner if it is missing, outdated or drifted."""
    english = project.page_file(project.source_lang, name)
    if file_lang == project.source_lang:
        info = f"{lang}: {name} is not translated yet; the English page is shown with a banner"
        banner = render.missing_banner(lang, original)
        return ShownPage(render.insert_after_title(markdown, banner), [info])
    if not english.is_file():
        info = f"{lang}: {name} has no English page, so nothing to keep it true to"
        return ShownPage(markdown, [info], follows=english)
    page_status = status.check_page(project, name, lang)
    shown = ShownPage(markdown, follows=english)
    banners = []
    if page_status.outdated:
        shown.infos.append(
            f"{page_status.translation_file} is outdated: {page_status.outdated_reason()}; "
            f"once it is up to date, run docs-translations stamp {page_status.translation_file}"
        )
        banners.append(render.outdated_banner(lang, original))
    shown.warnings = [
        f"{page_status.translation_file}:{drift.line}: {drift.message}"
        for drift in page_status.drifts
    ]
    if shown.warnings:
        banners.append(render.drifted_banner(lang, shown.warnings))
    for banner in reversed(banners):
        shown.markdown = render.insert_after_title(shown.markdown, banner)
    return shown


def show_status(
    project: status.Project,
    markdown: str,
    *,
    lang: str,
    names: dict[str, str],
    survey: Callable[[], list[status.PageStatus]],
    status_page: str,
) -> str | None:
    """Return the status page with its table worded in `lang`, or None for any other page.

    `names` gives each language's own name; `survey()` how every translation stands (made once
    per build by the caller); `status_page` is the page's path below its language folder.
    """
    if not render.STATUS_MARKER_RE.search(markdown):
        return None
    titles = {}
    for name in project.pages():
        translated = project.page_file(lang, name)
        chosen = (
            translated if translated.is_file() else project.page_file(project.source_lang, name)
        )
        titles[name] = render.page_title(chosen.read_text(encoding="utf-8-sig"), name)
    table = render.render_status_table(
        survey(),
        lang=lang,
        source_lang=project.source_lang,
        names=names,
        titles=titles,
        status_page=status_page,
    )
    return render.fill_status_marker(markdown, table)
