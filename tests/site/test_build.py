"""The built site: its pages per language, their language, and the code the prose points at."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

LANGUAGES = ["en", "pt", "ru"]
TUTORIAL = "tutorial/background-tasks/index.html"

# What the theme says in each language: the skip link and the variants block's summary.
SKIP_LINK = {"en": "Skip to content", "pt": "Ir para o conteúdo", "ru": "Перейти к содержанию"}
SITE_NAME = {
    "en": "FastAPI Background Tasks",
    "pt": "Tarefas em segundo plano do FastAPI",
    "ru": "Фоновые задачи FastAPI",
}
OTHER_VARIANTS = {
    "en": "🤓 Other versions and variants",
    "pt": "🤓 Outras versões e variantes",
    "ru": "🤓 Другие версии и варианты",
}
NON_ANNOTATED = {"en": "non-Annotated", "pt": "sem Annotated", "ru": "без Annotated"}
PREFER_ANNOTATED = {
    "en": "Prefer to use the Annotated version if possible.",
    "pt": "Prefira usar a versão com Annotated, se possível.",
    "ru": "По возможности используйте версию с Annotated.",
}


def page_of(site, lang: str, path: str = TUTORIAL) -> BeautifulSoup:
    """Parse a built page of one language."""
    prefix = "" if lang == "en" else f"{lang}/"
    return BeautifulSoup((site.site / prefix / path).read_text(encoding="utf-8"), "html.parser")


def code_lines(block) -> list[str]:
    """The lines of a highlighted code block, as text."""
    return [span.get_text() for span in block.select("code > span[id^='__span']")]


def highlighted(block) -> list[str]:
    """The highlighted lines of a code block, as text without the line break."""
    return [line.get_text().rstrip("\n") for line in block.select(".hll")]


def test_build_is_clean(site):
    """`mkdocs build --strict` logs no warning at all."""
    assert "WARNING" not in site.log


def test_exactly_the_expected_pages_per_language(site):
    """Every language has its home page, the tutorial and the translation status, nothing else."""
    pages = {
        path.relative_to(site.site).as_posix()
        for path in site.site.rglob("*.html")
        if path.name != "404.html"
    }
    assert pages == {
        f"{prefix}{page}"
        for prefix in ["", "pt/", "ru/"]
        for page in ["index.html", TUTORIAL, "translation-status/index.html"]
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_speaks_its_language(site, lang):
    """`lang` is set, and the theme's own words are in the page's language."""
    page = page_of(site, lang)
    assert page.html["lang"] == lang
    assert page.select_one("a.md-skip").get_text(strip=True) == SKIP_LINK[lang]
    assert page.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == SITE_NAME[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_selector_lists_each_language_in_its_own_name(site, lang):
    """The selector offers English, Português and Русский; the others link to the same page."""
    links = page_of(site, lang).select("a.md-select__link[hreflang]")
    assert {link.get_text(strip=True) for link in links} == {"English", "Português", "Русский"}
    others = {link["hreflang"]: link["href"] for link in links if link["hreflang"] != lang}
    prefix = "../../../" if lang != "en" else "../../"
    assert others == {
        other: f"{prefix}{'' if other == 'en' else other + '/'}tutorial/background-tasks/"
        for other in LANGUAGES
        if other != lang
    }


def test_heading_anchors_match_across_languages(site):
    """Every heading has the English anchor in every language."""
    anchors = {
        lang: [h["id"] for h in page_of(site, lang).select("article h1, article h2")]
        for lang in LANGUAGES
    }
    assert anchors["en"] == [
        "background-tasks",
        "using-backgroundtasks",
        "create-a-task-function",
        "add-the-background-task",
        "dependency-injection",
        "technical-details",
        "caveat",
        "recap",
    ]
    assert anchors["pt"] == anchors["en"] == anchors["ru"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tutorial001_highlights_what_the_prose_points_at(site, lang):
    """Import and parameter; the task function; the add_task call."""
    blocks = page_of(site, lang).select("article div.highlight")
    assert [highlighted(block) for block in blocks[:3]] == [
        [
            "from fastapi import BackgroundTasks, FastAPI",
            "async def send_notification(email: str, background_tasks: BackgroundTasks):",
        ],
        [
            'def write_notification(email: str, message=""):',
            '    with open("log.txt", mode="w") as email_file:',
            '        content = f"notification for {email}: {message}"',
            "        email_file.write(content)",
        ],
        ['    background_tasks.add_task(write_notification, email, message="some notification")'],
    ]


def expected_tutorial002_highlights(lines: list[str]) -> list[int]:
    """Where the four lines that declare or use BackgroundTasks stand in one variant."""
    signature = next(i for i, line in enumerate(lines) if line.startswith("def get_query("))
    dependency_task = next(i for i in range(signature, len(lines)) if ".add_task(" in lines[i])
    parameter = next(i for i, line in enumerate(lines) if "Depends(get_query)" in line)
    path_task = next(i for i in range(parameter, len(lines)) if ".add_task(" in lines[i])
    return [signature, dependency_task, parameter, path_task]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_tutorial002_tab_highlights_the_same_statements(site, lang):
    """Each of the five variant tabs highlights exactly its own four BackgroundTasks lines."""
    section = page_of(site, lang).select("article .tabbed-set")
    tabs = [block for tab_set in section for block in tab_set.select(".tabbed-block")]
    labels = [label.get_text() for tab_set in section for label in tab_set.select("label")]
    assert labels == [
        "Python 3.10+",
        "Python 3.9+",
        "Python 3.8+",
        f"Python 3.10+ - {NON_ANNOTATED[lang]}",
        f"Python 3.8+ - {NON_ANNOTATED[lang]}",
    ]
    for label, tab in zip(labels, tabs, strict=True):
        block = tab.select_one("div.highlight")
        lines = code_lines(block)
        marked = [
            i
            for i, line in enumerate(block.select("code > span[id^='__span']"))
            if line.select(".hll")
        ]
        assert marked == expected_tutorial002_highlights(lines), label


@pytest.mark.parametrize("lang", LANGUAGES)
def test_variants_sit_in_a_collapsed_block_with_tips(site, lang):
    """The other variants are behind a closed details block; non-Annotated ones carry the tip."""
    page = page_of(site, lang)
    details = page.select("article details:not(.example)")
    assert [d.summary.get_text(strip=True) for d in details] == [OTHER_VARIANTS[lang]]
    assert not details[0].has_attr("open")
    tips = [
        tip.select_one("p:not(.admonition-title)").get_text()
        for tip in details[0].select(".admonition.tip")
    ]
    assert tips == [PREFER_ANNOTATED[lang]] * 2


def test_no_third_party_fonts(site):
    """Fonts come from the reader's system: no page asks Google Fonts for anything."""
    for path in site.site.rglob("*.html"):
        assert "fonts.googleapis.com" not in path.read_text(encoding="utf-8"), path
