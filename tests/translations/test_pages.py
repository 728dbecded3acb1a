"""How a language shows its pages, and one line for how a whole language stands."""

from __future__ import annotations

from pathlib import Path

import pytest

from translations.drift import Drift
from translations.pages import ShownPage, show_translation, summarize
from translations.render import in_language
from translations.status import PageStatus, Project, State


def status(page: str, lang: str = "pt", **fields) -> PageStatus:
    """A page's status: translated and stamped, unless `fields` say otherwise."""
    values = {
        "source_file": f"docs/en/{page}",
        "translation_file": f"docs/{lang}/{page}",
        "exists": True,
        "stamp": "0123456789ab",
        "source_stamp": "0123456789ab",
        "drifts": (),
    }
    return PageStatus(page=page, lang=lang, **{**values, **fields})


DIFFERENCE = Drift(7, "heading `### A` has no counterpart in docs/en/x.md")


@pytest.mark.parametrize(
    ("fields", "state", "warnings"),
    [
        ({}, State.TRANSLATED, ()),
        ({"exists": False, "stamp": None}, State.MISSING, ()),
        ({"stamp": "ba9876543210"}, State.OUTDATED, ()),
        ({"stamp": "ba9876543210", "drifts": (DIFFERENCE,)}, State.OUTDATED, ()),
        ({"drifts": (DIFFERENCE,)}, State.DRIFTED, (DIFFERENCE,)),
        ({"translate": False, "exists": False}, State.ENGLISH_ONLY, ()),
        ({"translate": False, "drifts": (DIFFERENCE,)}, State.ENGLISH_ONLY, (DIFFERENCE,)),
    ],
)
def test_state_and_what_fails_a_strict_build(fields, state, warnings):
    """An outdated page's differences are its work to do; a page that claims to be up to date
    and differs has drifted; a translation of an English-only page is a mistake."""
    page = status("x.md", **fields)
    assert page.state is state
    assert page.warnings == warnings


def test_summary_names_up_to_five_pages_and_counts_more():
    """One line per language, each kind with its number, and its pages when they are few."""
    statuses = [
        status("a.md", stamp="ba9876543210", drifts=(DIFFERENCE, DIFFERENCE)),
        status("b.md", stamp="ba9876543210", drifts=(DIFFERENCE,)),
        status("c.md", stamp=None),
        *(status(f"new/{n}.md", exists=False, stamp=None) for n in range(6)),
        status("notes.md", translate=False, exists=False),
        status("z.md"),
        status("a.md", lang="ru"),
    ]
    assert summarize("pt", statuses) == (
        "pt: 3 outdated (a.md with 2 differences, b.md with 1 difference, c.md), "
        "6 not translated yet, 1 English-only (notes.md); "
        "docs-translations status --lang pt lists them"
    )
    assert summarize("ru", statuses) is None


def english_page_in_pt(tmp_path: Path, page_status: PageStatus) -> ShownPage:
    """Show the English page notes.md under /pt/, as it stands by `page_status`."""
    project = Project(tmp_path, tmp_path / "docs", "en", ("pt",))
    return show_translation(
        project,
        "# Notes\n\nText.\n",
        lang="pt",
        file_lang="en",
        name="notes.md",
        original="../../notes/",
        page_status=page_status,
    )


def test_english_only_page_gets_a_quiet_line_and_a_missing_one_a_banner(tmp_path: Path):
    """Both are the English page shown in pt; only the missing one is work to do."""
    english_only = english_page_in_pt(tmp_path, status("notes.md", translate=False, exists=False))
    assert english_only.details == english_only.warnings == english_only.infos == []
    assert english_only.markdown.split("\n")[:3] == [
        "# Notes",
        "",
        '<p class="translation-english-only" lang="pt"><small>Esta página existe apenas em inglês.'
        "</small></p>",
    ]
    missing = english_page_in_pt(tmp_path, status("notes.md", exists=False, stamp=None))
    assert "translation-missing" in missing.markdown
    assert missing.details == [
        "pt: notes.md is not translated yet; the English page is shown with a banner"
    ]


def test_translation_without_english_page_is_told(tmp_path: Path):
    """A page only a translation has follows nothing: the build says so, once."""
    project = Project(tmp_path, tmp_path / "docs", "en", ("pt",))
    shown = show_translation(
        project, "# Só\n", lang="pt", file_lang="pt", name="only.md", original="", page_status=None
    )
    assert shown.infos == ["pt: only.md has no English page, so nothing to keep it true to"]
    assert shown.markdown == "# Só\n"


@pytest.mark.parametrize(
    ("html", "marked"),
    [
        (
            '<h1 id="t">Title</h1>\n<p>Text.</p>',
            '<h1 id="t" lang="en">Title</h1>\n<div lang="en">\n<p>Text.</p>\n</div>',
        ),
        ("<p>No title.</p>", '<div lang="en">\n<p>No title.</p>\n</div>'),
    ],
)
def test_english_text_is_marked_english_its_title_first(html, marked):
    """Screen readers read it as English; the title stays first, where search finds it."""
    assert in_language(html, "en") == marked
