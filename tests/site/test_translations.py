"""Translations kept true to English, in real builds: banners, report lines, strict failures."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.project import build_site, mkdocs_env

TUTORIAL = "tutorial/background-tasks"
EN_PAGE = f"docs/en/{TUTORIAL}.md"
PT_PAGE = f"docs/pt/{TUTORIAL}.md"
RU_PAGE = f"docs/ru/{TUTORIAL}.md"
LANGUAGES = ["en", "pt", "ru"]
STATUS_WORDS = {
    "en": ("source", "translated"),
    "pt": ("original", "traduzida"),
    "ru": ("оригинал", "переведена"),
}


def built_page(site: Path, url: str) -> BeautifulSoup:
    """Parse the built page at `url` (relative to the site root, ending in /)."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def banners(page: BeautifulSoup) -> list[tuple[str, str, list[str]]]:
    """Each translation banner of a page: its kind, its text, and its links."""
    found = []
    for banner in page.select("article .translation-banner"):
        kind = next(
            c for c in banner["class"] if c.startswith("translation-") and c != "translation-banner"
        )
        found.append(
            (kind, banner.get_text(" ", strip=True), [a["href"] for a in banner.select("a")])
        )
    return found


def resolve(url: str, href: str) -> str:
    """Resolve a relative link of the page at `url` (relative to the site root) to a site path."""
    parts = url.strip("/").split("/")
    for piece in href.split("/"):
        if piece == "..":
            parts.pop()
        elif piece:
            parts.append(piece)
    return "/".join(parts) + "/"


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in a page."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def stamp(project: Path, *pages: str) -> subprocess.CompletedProcess:
    """Run `docs-translations stamp` in the project, as an author would after translating."""
    command = Path(sys.executable).with_name("docs-translations")
    return subprocess.run(
        [str(command), "stamp", *pages], cwd=project, capture_output=True, text=True, check=True
    )


# The real site


def test_every_translation_of_the_real_site_is_current(site):
    """No page is missing, outdated or drifted: no banner anywhere, no report in the log."""
    assert "translations:" not in site.log
    for path in site.site.rglob("*.html"):
        assert "translation-banner" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_page_in_each_language_linked_from_its_home(site, lang):
    """The home page links to the status page, whose tables say every page is translated."""
    prefix = "" if lang == "en" else f"{lang}/"
    home = built_page(site.site, prefix)
    links = [a["href"] for a in home.select("article a") if "translation-status" in a["href"]]
    assert links == ["translation-status/"]
    totals, table = built_page(site.site, f"{prefix}translation-status/").select("article table")
    header = [cell.get_text(strip=True) for cell in totals.select("th")]
    for row, name in zip(totals.select("tbody tr"), ["Português", "Русский"], strict=True):
        counts = dict(zip(header, [cell.get_text(strip=True) for cell in row("td")], strict=True))
        assert counts[header[0]] == name
        assert counts[STATUS_WORDS[lang][1]] == "3"
    header = [cell.get_text(strip=True) for cell in table.select("thead th")]
    assert header[1:] == ["English", "Português", "Русский"]
    rows = [
        [cell.get_text(strip=True) for cell in row.select("td")] for row in table.select("tbody tr")
    ]
    source, translated = STATUS_WORDS[lang]
    assert len(rows) == 3
    assert all(row[1:] == [source, translated, translated] for row in rows), rows
    page_links = {a["href"] for a in table.select("tbody a")}
    assert page_links == {"../", "./", "../tutorial/background-tasks/"}


# A page missing in pt


def test_missing_page_is_shown_in_english_under_a_banner_in_portuguese(project_copy):
    """Served at its pt URL, in the pt theme and nav, with a banner linking to the English page."""
    (project_copy / PT_PAGE).unlink()
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    assert (
        "INFO    -  translations: pt: 1 not translated yet (tutorial/background-tasks.md); "
        "docs-translations status --lang pt lists them"
    ) in build.log
    assert "translations: ru:" not in build.log
    url = f"pt/{TUTORIAL}/"
    page = built_page(build.site, url)
    assert page.html["lang"] == "pt"
    assert page.select_one("article h1").get_text(strip=True).startswith("Background Tasks")
    assert "Tarefas em segundo plano" in page.select_one("nav.md-nav--primary").get_text()
    [(kind, text, links)] = banners(page)
    assert kind == "translation-missing"
    assert text == "Página ainda não traduzida A seguir está o original em inglês desta página."
    # Screen readers read the English text as English, the banner as Portuguese.
    assert page.select_one("article > h1")["lang"] == "en"
    assert page.select_one("article > div[lang=en] .translation-missing")["lang"] == "pt"
    assert [resolve(url, href) for href in links] == [f"{TUTORIAL}/"]
    assert (build.site / TUTORIAL / "index.html").is_file()
    assert banners(built_page(build.site, f"ru/{TUTORIAL}/")) == []
    totals, status = built_page(build.site, "pt/translation-status/").select("article table")
    rows = [[cell.get_text(strip=True) for cell in row.select("td")] for row in status("tr")]
    # The page that needs work comes first.
    assert rows[1] == ["Background Tasks", "original", "não traduzida", "traduzida"]
    counts = [[cell.get_text(strip=True) for cell in row.select("td")] for row in totals("tr")]
    header = [cell.get_text(strip=True) for cell in totals.select("th")]
    assert dict(zip(header, counts[1], strict=True)) == {
        "Idioma": "Português",
        "não traduzida": "1",
        "divergente": "0",
        "desatualizada": "0",
        "traduzida": "2",
        "só em inglês": "0",
    }


# An outdated page, then re-stamped


def test_outdated_page_gets_a_banner_until_it_is_restamped(project_copy):
    """An English edit flags its translations; stamping the ru page clears the ru banner only."""
    edit(project_copy / EN_PAGE, "## Recap { #recap }\n", "## Recap { #recap }\n\nIn short:\n")
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    for lang in ["pt", "ru"]:
        assert (
            f"INFO    -  translations: {lang}: 1 outdated (tutorial/background-tasks.md); "
            f"docs-translations status --lang {lang} lists them"
        ) in build.log
    url = f"ru/{TUTORIAL}/"
    [(kind, text, links)] = banners(built_page(build.site, url))
    assert kind == "translation-outdated"
    assert text == "Перевод устарел Английский оригинал изменился после этого перевода."
    assert [resolve(url, href) for href in links] == [f"{TUTORIAL}/"]
    assert [b[0] for b in banners(built_page(build.site, f"pt/{TUTORIAL}/"))] == [
        "translation-outdated"
    ]

    result = stamp(project_copy, RU_PAGE)
    assert result.stdout.startswith(f"stamped {RU_PAGE}: follows {EN_PAGE} at ")
    rebuild = build_site(project_copy / "mkdocs.yml", project_copy / "site2")
    assert rebuild.returncode == 0, rebuild.log
    assert banners(built_page(rebuild.site, url)) == []
    assert "translations: ru:" not in rebuild.log
    assert "translations: pt: 1 outdated" in rebuild.log


# Drift: includes and anchors


DRIFTED_HL = (
    f"WARNING -  translations: {RU_PAGE}:58: "
    "<* ../../docs_src/background_tasks/tutorial002_an_py310.py hl[13,17,22,25] "
    'run["POST /send-notification/foo@example.com?q=some-query", '
    '"POST /send-notification/foo@example.com"] *>: differs from '
    f"{EN_PAGE}:60: hl[13,16,22,25] in en, hl[13,17,22,25] here"
)


@pytest.mark.parametrize("options", [(), ("-q",)], ids=["default", "quiet"])
def test_changed_highlight_in_ru_fails_the_strict_build(project_copy, options):
    """The warning names the ru page's line and both values, with or without -q."""
    edit(project_copy / RU_PAGE, "hl[13,16,22,25]", "hl[13,17,22,25]")
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site", *options)
    assert build.returncode == 1
    assert DRIFTED_HL in build.log
    assert "Aborted with 1 warnings in strict mode!" in build.log
    assert "Traceback" not in build.log


def test_renamed_anchor_in_pt_fails_the_strict_build(project_copy):
    """A heading anchor that is not the English one is named with both anchors."""
    edit(project_copy / PT_PAGE, "{ #caveat }", "{ #ressalva }")
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert build.returncode == 1
    assert (
        f"WARNING -  translations: {PT_PAGE}:78: heading anchor #ressalva where {EN_PAGE}:80 "
        "has #caveat"
    ) in build.log
    assert "Aborted with 1 warnings in strict mode!" in build.log


def test_drift_is_shown_in_the_page_when_not_strict(project_copy):
    """Without --strict the site builds, and the drifted page tells its author what differs."""
    edit(project_copy / RU_PAGE, "hl[13,16,22,25]", "hl[13,17,22,25]")
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project_copy / "mkdocs.yml")]
    result = subprocess.run(
        [*command, "-d", str(project_copy / "site")],
        capture_output=True,
        text=True,
        check=False,
        env=mkdocs_env(project_copy),
    )
    assert result.returncode == 0, result.stderr
    assert DRIFTED_HL in result.stderr
    [(kind, text, _)] = banners(built_page(project_copy / "site", f"ru/{TUTORIAL}/"))
    assert kind == "translation-drifted"
    assert DRIFTED_HL.removeprefix("WARNING -  translations: ") in text


# Strict means strict


def test_quiet_strict_build_fails_on_a_wrong_include(project_copy):
    """`-q` hides INFO, never the warnings that fail the build: same page:line message, exit 1."""
    for lang in LANGUAGES:
        edit(
            project_copy / f"docs/{lang}/{TUTORIAL}.md",
            "tutorial001.py hl[14]",
            "tutorial001.py hl[40]",
        )
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site", "-q")
    assert build.returncode == 1
    # Every language's warning, then one abort that counts them all.
    for lang, line in [("en", 46), ("pt", 44), ("ru", 44)]:
        assert (
            f"WARNING -  includes: docs/{lang}/{TUTORIAL}.md:{line}: "
            "<* ../../docs_src/background_tasks/tutorial001.py hl[40] "
            'run["POST /send-notification/foo@example.com"] *>: '
            "line 40 is past the end of tutorial001.py (15 lines)"
        ) in build.log
    assert "Aborted with 3 warnings in strict mode!" in build.log
    assert "INFO" not in build.log


def test_language_without_translation_words_is_a_setup_error(project_copy):
    """A language with the directive's labels but no banner words names the table to extend."""
    config = project_copy / "mkdocs.yml"
    edit(
        config,
        "        - locale: ru\n",
        "        - locale: de\n          name: Deutsch\n        - locale: ru\n",
    )
    (project_copy / "docs" / "de").mkdir()
    labels = project_copy / "hooks" / "variant_includes" / "labels.py"
    text = labels.read_text(encoding="utf-8")
    labels.write_text(
        re.sub(r'(?m)^(\s+)"en": (.*)$', r'\1"en": \2\n\1"de": \2', text), encoding="utf-8"
    )
    build = build_site(config, project_copy / "site")
    assert build.returncode == 1
    assert (
        "hooks/translations/labels.py has no words for de: "
        "add an entry for each language to every row of LABELS"
    ) in build.log
    assert "Traceback" not in build.log


# Outdated pages differ as a matter of course


def test_outdated_page_whose_outline_differs_is_info_and_strict_passes(project_copy):
    """An English edit that adds a heading and a link: the translations are outdated, and their
    differences are the work to do, listed with that state (INFO, and with -v each one), not
    warnings; once a translation is stamped without following them, they fail --strict."""
    edit(
        project_copy / EN_PAGE,
        "## Recap { #recap }\n",
        "## Recap { #recap }\n\n### In short\n\nSee [the home page](../index.md).\n",
    )
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site", "-v")
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    assert (
        "INFO    -  translations: ru: 1 outdated (tutorial/background-tasks.md with 2 "
        "differences); docs-translations status --lang ru lists them"
    ) in build.log
    assert f"DEBUG   -  translations:   {RU_PAGE}:" in build.log
    assert "no heading here for `### In short`" in build.log
    page = built_page(build.site, f"ru/{TUTORIAL}/")
    assert [kind for kind, _, _ in banners(page)] == ["translation-outdated"]

    stamp(project_copy, RU_PAGE)
    strict = build_site(project_copy / "mkdocs.yml", project_copy / "site2")
    assert strict.returncode == 1
    assert f"WARNING -  translations: {RU_PAGE}:" in strict.log
    assert "no link here for the link to ../index.md" in strict.log
    assert "Aborted with 2 warnings in strict mode!" in strict.log


# Pages that stay in English


def test_english_only_page_is_english_everywhere_with_a_quiet_line(project_copy):
    """`translate: false`: served in pt and ru in English, in their theme and navigation, with
    one quiet line in their language; listed as English-only; no banner, no warning."""
    notes = project_copy / "docs/en/release-notes.md"
    notes.write_text(
        "---\ntranslate: false\n---\n\n# Release notes\n\n## 1.0\n\nThe first release.\n",
        encoding="utf-8",
    )
    edit(
        project_copy / "mkdocs.yml",
        "  - Translation status: translation-status.md\n",
        "  - Translation status: translation-status.md\n  - Release notes: release-notes.md\n",
    )
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    assert "pt: 1 English-only (release-notes.md)" in build.log
    for lang, line in [("pt", "Esta página existe apenas em inglês."), ("ru", None)]:
        page = built_page(build.site, f"{lang}/release-notes/")
        assert page.html["lang"] == lang
        assert page.select_one("article h1").get_text(strip=True).startswith("Release notes")
        assert banners(page) == []
        note = page.select_one("article .translation-english-only")
        if line is not None:
            assert note.get_text(strip=True) == line
        assert note.find_previous("h1") is not None
        assert note["lang"] == lang
        assert page.select_one("article > h1")["lang"] == "en"
        assert page.select_one("article > div[lang=en] .translation-english-only") is note
    english = built_page(build.site, "release-notes/")
    assert english.select(".translation-english-only") == english.select("article [lang]") == []
    _, status = built_page(build.site, "pt/translation-status/").select("article table")
    rows = [[cell.get_text(strip=True) for cell in row.select("td")] for row in status("tr")]
    assert ["Release notes", "original", "só em inglês", "só em inglês"] in rows

    # A translation of it is a mistake: reported, and --strict fails.
    (project_copy / "docs/pt/release-notes.md").write_text("# Notas\n", encoding="utf-8")
    again = build_site(project_copy / "mkdocs.yml", project_copy / "site2")
    assert again.returncode == 1
    assert (
        "WARNING -  translations: docs/pt/release-notes.md:1: docs/en/release-notes.md is "
        "marked `translate: false`: remove this translation, or the mark"
    ) in again.log


# A quiet log at scale


def test_one_line_per_language_names_a_few_pages_and_counts_many(project_copy):
    """Seven untranslated pages: one INFO line per language with their number, no names; two
    outdated pages are named."""
    for number in range(7):
        (project_copy / f"docs/en/extra-{number}.md").write_text(
            f"# Extra {number}\n", encoding="utf-8"
        )
    edit(project_copy / EN_PAGE, "## Recap { #recap }\n", "## Recap { #recap }\n\nMore.\n")
    home = project_copy / "docs/en/index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert build.returncode == 0, build.log
    lines = [line for line in build.log.splitlines() if "translations:" in line]
    assert lines == [
        f"INFO    -  translations: {lang}: 2 outdated (index.md, tutorial/background-tasks.md), "
        f"7 not translated yet; docs-translations status --lang {lang} lists them"
        for lang in ["pt", "ru"]
    ]
