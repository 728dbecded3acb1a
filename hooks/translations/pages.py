"""What the translation checks make of one page as a language shows it: banners, status table.

A page shown in a language other than English is one of three things: the English page, shown
because it has no translation yet; the English page of a page that stays in English
(`translate: false`); or a translation, checked against its English page. What each says to
the author comes back as text, for the caller to log; how a whole language stands is one line
(`summarize`), so that a docs set of hundreds of pages keeps a readable log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from translations import render, status
from translations.status import State

# How many pages a summary names before it gives only their number.
NAMED_PAGES = 5

# The states a summary counts, each with how it says them.
SUMMARIZED = {
    State.OUTDATED: "outdated",
    State.MISSING: "not translated yet",
    State.ENGLISH_ONLY: "English-only",
}


@dataclass
class ShownPage:
    """A page's Markdown with its banners, what to tell the author, and the English page it
    follows (None for a page that follows none)."""

    markdown: str
    details: list[str] = field(default_factory=list)  # for the verbose log
    warnings: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    follows: Path | None = None


def show_translation(
    project: status.Project,
    markdown: str,
    *,
    lang: str,
    file_lang: str,
    name: str,
    original: str,
    page_status: status.PageStatus | None,
) -> ShownPage:
    """Return page `name` of `file_lang`'s folder as `lang` shows it, `original` the relative
    URL of its English page and `page_status` how it stands (None: it has no English page)."""
    english = project.page_file(project.source_lang, name)
    if file_lang == project.source_lang:
        if page_status is not None and page_status.state is State.ENGLISH_ONLY:
            note = render.english_only_note(lang)
            return ShownPage(render.insert_after_title(markdown, note))
        detail = f"{lang}: {name} is not translated yet; the English page is shown with a banner"
        banner = render.missing_banner(lang, original)
        return ShownPage(render.insert_after_title(markdown, banner), [detail])
    if page_status is None:
        info = f"{lang}: {name} has no English page, so nothing to keep it true to"
        return ShownPage(markdown, infos=[info], follows=english)
    shown = ShownPage(markdown, follows=english)
    banners = []
    where = page_status.translation_file
    if page_status.outdated:
        shown.details.append(
            f"{where} is outdated: {page_status.outdated_reason()}; "
            f"once it is up to date, run docs-translations stamp {where}"
        )
        shown.details += [
            f"  {where}:{drift.line}: {drift.message}" for drift in page_status.drifts
        ]
        banners.append(render.outdated_banner(lang, original))
    shown.warnings = [f"{where}:{drift.line}: {drift.message}" for drift in page_status.warnings]
    if shown.warnings and page_status.state is State.DRIFTED:
        banners.append(render.drifted_banner(lang, shown.warnings))
    for banner in reversed(banners):
        shown.markdown = render.insert_after_title(shown.markdown, banner)
    return shown


def summarize(lang: str, statuses: list[status.PageStatus]) -> str | None:
    """Return one line for how `lang`'s pages stand, or None when every page is translated.

    `pt: 3 outdated (a.md, b.md with 2 differences, c.md), 120 not translated yet; ...`: each
    kind with its number, and its pages when there are no more than NAMED_PAGES of them.
    """
    parts = []
    for state, words in SUMMARIZED.items():
        pages = [page for page in statuses if page.lang == lang and page.state is state]
        if not pages:
            continue
        part = f"{len(pages)} {words}"
        if len(pages) <= NAMED_PAGES:
            part += f" ({', '.join(map(summary_name, pages))})"
        parts.append(part)
    if not parts:
        return None
    return f"{lang}: {', '.join(parts)}; docs-translations status --lang {lang} lists them"


def summary_name(page: status.PageStatus) -> str:
    """Name a page in a summary; an outdated one with how much it differs from English."""
    count = len(page.drifts) if page.state is State.OUTDATED else 0
    if count:
        return f"{page.page} with {count} difference{'s' if count > 1 else ''}"
    return page.page


def show_status(
    project: status.Project,
    markdown: str,
    *,
    lang: str,
    names: dict[str, str],
    statuses: list[status.PageStatus],
    status_page: str,
) -> str | None:
    """Return the status page with its tables worded in `lang`, or None for any other page.

    `names` gives each language's own name; `statuses` how every translation stands;
    `status_page` is the page's path below its language folder.
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
    tables = render.render_status_tables(
        statuses,
        lang=lang,
        source_lang=project.source_lang,
        names=names,
        titles=titles,
        status_page=status_page,
    )
    return render.fill_status_marker(markdown, tables)
