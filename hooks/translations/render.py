"""What the translation checks add to a page: banners, and the table of the status page."""

from __future__ import annotations

import posixpath
import re

from translations.labels import label
from translations.outline import lines_outside_code
from translations.status import PageStatus, State

# Where the status page wants its table; an HTML comment, so the page reads well without it.
STATUS_MARKER_RE = re.compile(r"(?m)^[ \t]*<!--[ \t]*translation-status[ \t]*-->[ \t]*$")
H1_RE = re.compile(r"^#[ \t]+(?P<title>.*?)[ \t]*(?:\{[^}]*\})?[ \t]*#*[ \t]*$")

# The admonition type of each banner (one pymdownx.blocks.admonition knows by default), and
# the class that tests and styles find it by.
BANNER_KINDS = {"missing": "note", "outdated": "warning", "drifted": "danger"}


def render_banner(kind: str, lang: str, text: str) -> str:
    """Return one banner as a pymdownx admonition block with the class `translation-<kind>`."""
    title = label(f"{kind}_title", lang)
    return (
        f"/// {BANNER_KINDS[kind]} | {title}\n"
        f"    attrs: {{class: translation-banner translation-{kind}}}\n\n{text}\n///"
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


def render_status_table(
    statuses: list[PageStatus],
    *,
    lang: str,
    source_lang: str,
    names: dict[str, str],
    titles: dict[str, str],
    status_page: str,
) -> str:
    """Return the Markdown table of every page's state in each language, worded in `lang`.

    `titles` gives each page's title in `lang`; `status_page` is the table's own page, which
    links are made relative to.
    """
    languages = [source_lang, *dict.fromkeys(status.lang for status in statuses)]
    states = {(status.page, status.lang): status.state for status in statuses}
    pages = list(dict.fromkeys(status.page for status in statuses))
    rows = [
        f"| {label('page', lang)} | " + " | ".join(names[other] for other in languages) + " |",
        "| --- |" + " --- |" * len(languages),
    ]
    folder = posixpath.dirname(status_page)
    for page in pages:
        link = posixpath.relpath(page, folder or ".")
        cells = [label(states.get((page, other), State.SOURCE).value, lang) for other in languages]
        rows.append(f"| [{titles[page]}]({link}) | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def fill_status_marker(markdown: str, table: str) -> str:
    """Replace the status page's marker with the table; a page without it stays as it is."""
    return STATUS_MARKER_RE.sub(lambda _: table, markdown)
