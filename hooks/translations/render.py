"""What the translation checks add to a page: banners, and the tables of the status page."""

from __future__ import annotations

import posixpath
import re

from translations.labels import label
from translations.outline import lines_outside_code
from translations.status import TRANSLATION_STATES, PageStatus, State, count_states

# Where the status page wants its table; an HTML comment, so the page reads well without it.
STATUS_MARKER_RE = re.compile(r"(?m)^[ \t]*<!--[ \t]*translation-status[ \t]*-->[ \t]*$")
# The page's title, first in its HTML (MkDocs's Markdown puts nothing before it).
H1_HTML_RE = re.compile(r"(?s)\A\s*<h1(?P<attrs>[^>]*)>(?P<title>.*?)</h1>")
H1_RE = re.compile(r"^#[ \t]+(?P<title>.*?)[ \t]*(?:\{[^}]*\})?[ \t]*#*[ \t]*$")

# The admonition type of each banner (one pymdownx.blocks.admonition knows by default), and
# the class that tests and styles find it by.
BANNER_KINDS = {"missing": "note", "outdated": "warning", "drifted": "danger"}


def render_banner(kind: str, lang: str, text: str) -> str:
    """Return one banner as a pymdownx admonition block with the class `translation-<kind>`,
    in `lang` even where the page's text is English."""
    title = label(f"{kind}_title", lang)
    return (
        f"/// {BANNER_KINDS[kind]} | {title}\n"
        f"    attrs: {{class: translation-banner translation-{kind}, lang: {lang}}}\n\n{text}\n///"
    )


def missing_banner(lang: str, original_url: str) -> str:
    """The banner of an English page shown in `lang` because it has no translation yet."""
    return render_banner("missing", lang, label("missing_text", lang, url=original_url))


def outdated_banner(lang: str, original_url: str) -> str:
    """The banner of a translation whose English page changed after it was stamped."""
    return render_banner("outdated", lang, label("outdated_text", lang, url=original_url))


def drifted_banner(lang: str, messages: list[str]) -> str:
    """The banner an author sees on a drifted page: what differs, as the build log says it."""
    return render_banner("drifted", lang, "\n".join(f"- `{message}`" for message in messages))


def english_only_note(lang: str) -> str:
    """The quiet line of a page that stays in English, shown in another language."""
    text = label("english_only_text", lang)
    return f'<p class="translation-english-only" lang="{lang}"><small>{text}</small></p>'


def in_language(html: str, lang: str) -> str:
    """Mark a page's HTML as text in `lang`: an English page shown in another language is
    read aloud in English by screen readers (WCAG 3.1.2, language of parts).

    The title keeps its place as the page's first element, where the search plugin looks for
    it: it gets the attribute, and what follows it a block of its own.
    """
    title = H1_HTML_RE.match(html)
    if title is None:
        return f'<div lang="{lang}">\n{html}\n</div>'
    heading = f'<h1{title["attrs"]} lang="{lang}">{title["title"]}</h1>'
    return f'{heading}\n<div lang="{lang}">{html[title.end() :]}\n</div>'


def insert_after_title(markdown: str, block: str) -> str:
    """Put `block` right under the page's first `# Title`, or at the top if it has none."""
    lines = markdown.split("\n")
    at = next((number for number, line in lines_outside_code(markdown) if H1_RE.match(line)), 0)
    return "\n".join([*lines[:at], "", block, "", *lines[at:]])


def page_title(markdown: str, fallback: str) -> str:
    """Return the text of a page's first `# Title`, without its attribute list."""
    for _, line in lines_outside_code(markdown):
        if match := H1_RE.match(line):
            return match["title"]
    return fallback


# The order in which the status page lists pages: those that need work first.
NEEDS_WORK = (State.MISSING, State.DRIFTED, State.OUTDATED)


def render_status_tables(
    statuses: list[PageStatus],
    *,
    lang: str,
    source_lang: str,
    names: dict[str, str],
    titles: dict[str, str],
    status_page: str,
) -> str:
    """Return the status page's tables, worded in `lang`: each language's totals, then every
    page's state in each language, the pages that need work first (the worst first).

    `titles` gives each page's title in `lang`; `status_page` is the tables' own page, which
    links are made relative to.
    """
    translated = list(dict.fromkeys(status.lang for status in statuses))
    totals = [
        f"| {label('language', lang)} | "
        + " | ".join(label(state.value, lang) for state in TRANSLATION_STATES)
        + " |",
        "| --- |" + " ---: |" * len(TRANSLATION_STATES),
    ]
    for other, counts in count_states(statuses, translated).items():
        cells = [str(count) for count in counts.values()]
        totals.append(f"| {names[other]} | " + " | ".join(cells) + " |")
    return (
        "\n".join(totals)
        + "\n\n"
        + render_pages_table(
            statuses,
            lang=lang,
            languages=[source_lang, *translated],
            names=names,
            titles=titles,
            status_page=status_page,
        )
    )


def render_pages_table(
    statuses: list[PageStatus],
    *,
    lang: str,
    languages: list[str],
    names: dict[str, str],
    titles: dict[str, str],
    status_page: str,
) -> str:
    """Return the table of every page's state in each of `languages`, worded in `lang`."""
    states = {(status.page, status.lang): status.state for status in statuses}
    pages = list(dict.fromkeys(status.page for status in statuses))

    def work(page: str) -> int:
        found = {states.get((page, other)) for other in languages}
        return next((rank for rank, state in enumerate(NEEDS_WORK) if state in found), 99)

    rows = [
        f"| {label('page', lang)} | " + " | ".join(names[other] for other in languages) + " |",
        "| --- |" + " --- |" * len(languages),
    ]
    folder = posixpath.dirname(status_page)
    for page in sorted(pages, key=work):
        link = posixpath.relpath(page, folder or ".")
        cells = [label(states.get((page, other), State.SOURCE).value, lang) for other in languages]
        rows.append(f"| [{titles[page]}]({link}) | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def fill_status_marker(markdown: str, tables: str) -> str:
    """Replace the status page's marker with the tables; a page without it stays as it is."""
    return STATUS_MARKER_RE.sub(lambda _: tables, markdown)
