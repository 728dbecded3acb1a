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
    """The home page links to the status page, whose table says every page is translated."""
    prefix = "" if lang == "en" else f"{lang}/"
    home = built_page(site.site, prefix)
    links = [a["href"] for a in home.select("article a") if "translation-status" in a["href"]]
    assert links == ["translation-status/"]
    table = built_page(site.site, f"{prefix}translation-status/").select_one("article table")
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
        "INFO    -  translations: pt: tutorial/background-tasks.md is not translated yet; "
        "the English page is shown with a banner"
    ) in build.log
    url = f"pt/{TUTORIAL}/"
    page = built_page(build.site, url)
    assert page.html["lang"] == "pt"
    assert page.select_one("article h1").get_text(strip=True).startswith("Background Tasks")
    assert "Tarefas em segundo plano" in page.select_one("nav.md-nav--primary").get_text()
    [(kind, text, links)] = banners(page)
    assert kind == "translation-missing"
    assert text == "Página ainda não traduzida A seguir está o original em inglês desta página."
    assert [resolve(url, href) for href in links] == [f"{TUTORIAL}/"]
    assert (build.site / TUTORIAL / "index.html").is_file()
    assert banners(built_page(build.site, f"ru/{TUTORIAL}/")) == []
    status = built_page(build.site, "pt/translation-status/").select_one("article table")
    rows = [[cell.get_text(strip=True) for cell in row.select("td")] for row in status("tr")]
    assert ["Background Tasks", "original", "não traduzida", "traduzida"] in rows


# An outdated page, then re-stamped


def test_outdated_page_gets_a_banner_until_it_is_restamped(project_copy):
    """An English edit flags its translations; stamping the ru page clears the ru banner only."""
    edit(project_copy / EN_PAGE, "## Recap { #recap }\n", "## Recap { #recap }\n\nIn short:\n")
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    assert (
        f"INFO    -  translations: {RU_PAGE} is outdated: {EN_PAGE} changed since the stamp "
        in (build.log)
    )
    assert f"once it is up to date, run docs-translations stamp {RU_PAGE}" in build.log
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
    assert f"{RU_PAGE} is outdated" not in rebuild.log
    assert f"{PT_PAGE} is outdated" in rebuild.log


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
    # MkDocs aborts at the end of the first language build that counted a warning: pt's, which
    # mkdocs-static-i18n runs inside the English one; ru is not built.
    for lang, line in [("en", 46), ("pt", 44)]:
        assert (
            f"WARNING -  includes: docs/{lang}/{TUTORIAL}.md:{line}: "
            "<* ../../docs_src/background_tasks/tutorial001.py hl[40] "
            'run["POST /send-notification/foo@example.com"] *>: '
            "line 40 is past the end of tutorial001.py (15 lines)"
        ) in build.log
    assert "Aborted with 1 warnings in strict mode!" in build.log
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
