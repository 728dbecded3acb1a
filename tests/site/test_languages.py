"""Search per language and the links between languages, in real `mkdocs build --strict` runs."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from urllib.parse import urljoin
from xml.dom import minidom

import material
import pytest
import yaml
from bs4 import BeautifulSoup

from languages import links, search_index, sitemaps
from tests.project import REPO_ROOT, Build, build_site

LANGUAGES = ["en", "pt", "ru"]
# Where each language's pages are in the built site: English at the root.
ROOTS = {"en": "", "pt": "pt/", "ru": "ru/"}
TUTORIAL_TITLES = {
    "en": "Background Tasks",
    "pt": "Tarefas em segundo plano",
    "ru": "Фоновые задачи",
}
# Each page's head: the language roots, and English for readers of any other language.
HEAD_LINKS = {"en": "/", "pt": "/pt/", "ru": "/ru/", "x-default": "/"}
SITE_URL = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDE = REPO_ROOT / "hooks" / "theme" / "partials" / "alternate.html"
# The lines of Material's partials/alternate.html that our override changes, and how.
OVERRIDE_CHANGES = {
    "{% for alt in config.extra.alternate %}": (
        "{% for alt in selector_alternates | d(config.extra.alternate) %}"
    ),
    'class="md-select__link">': 'class="md-select__link" target="_self">',
}


def language_of(path: str) -> str:
    """Return the language of a path in the built site, by its first folder."""
    first = path.split("/", 1)[0]
    return first if first in {"pt", "ru"} else "en"


def pages(site: Path) -> dict[str, set[str]]:
    """Return the URL of every built page below its language's root, per language."""
    found: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for path in site.rglob("index.html"):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        lang = language_of(url)
        found[lang].add(url.removeprefix(ROOTS[lang]))
    return found


def soup(path: Path) -> BeautifulSoup:
    """Parse a built HTML file."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def every_page(site: Path) -> list[tuple[str, str]]:
    """Return (language, page URL below its root) for every built page, in a stable order."""
    return sorted((lang, url) for lang, urls in pages(site).items() for url in urls)


def read_index(site: Path, lang: str) -> dict:
    """Return the search index written for `lang`."""
    path = site / ROOTS[lang] / "search" / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8"))


def sitemap_locs(path: Path) -> list[str]:
    """Return the <loc> of every <url> of a sitemap, in order."""
    document = minidom.parse(str(path))
    return [loc.firstChild.data.strip() for loc in document.getElementsByTagName("loc")]


def head_links(page: BeautifulSoup) -> dict[str, str]:
    """Return the head's language links, hreflang to href; a hreflang twice fails."""
    found = page.select("head link[rel=alternate][hreflang]")
    result = {link["hreflang"]: link["href"] for link in found}
    assert len(result) == len(found), found
    return result


def test_the_same_pages_in_every_language(site: Build):
    """Every page is built in every language (untranslated ones in English): what the rest uses."""
    found = pages(site.site)
    assert {"", "tutorial/background-tasks/"} <= found["en"]
    assert found["en"] == found["pt"] == found["ru"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_searches_its_own_index(site: Build, lang: str):
    """One index per language, read with its lunr language, that lists its pages and only them."""
    index = read_index(site.site, lang)
    assert index["config"]["lang"] == [lang]
    locations = {doc["location"] for doc in index["docs"]}
    assert {location.split("#")[0] for location in locations} == pages(site.site)[lang]
    for location in locations:
        url, _, anchor = location.partition("#")
        page = soup(site.site / ROOTS[lang] / url / "index.html")
        assert page.html["lang"] == lang, location
        assert not anchor or page.select_one(f"article [id='{anchor}']"), location
    titles = {doc["title"] for doc in index["docs"]}
    assert TUTORIAL_TITLES[lang] in titles
    for other in LANGUAGES:
        if other != lang:
            other_titles = {doc["title"] for doc in read_index(site.site, other)["docs"]}
            assert titles.isdisjoint(other_titles), other


@pytest.mark.parametrize("lang", ["pt", "ru"])
def test_each_index_keeps_its_letters_as_utf8(site: Build, lang: str):
    """A reader's browser downloads the index: its letters are written as UTF-8, not escaped."""
    raw = (site.site / ROOTS[lang] / "search" / "search_index.json").read_bytes()
    assert TUTORIAL_TITLES[lang].encode("utf-8") in raw
    assert b"\\u" not in raw


def test_page_searches_from_its_language_root(site: Build):
    """Material fetches the index and resolves results from `base`: the language's root.

    Reader choices (palette, tabs) stay under the site's path, so they hold in every language.
    """
    for lang, url in every_page(site.site):
        page_url = urljoin(SITE_URL, ROOTS[lang] + url)
        html = (site.site / ROOTS[lang] / url / "index.html").read_text(encoding="utf-8")
        config = json.loads(BeautifulSoup(html, "html.parser").select_one("#__config").string)
        assert urljoin(page_url, config["base"]) == urljoin(SITE_URL, ROOTS[lang]), page_url
        assert '__md_scope=new URL("/",location)' in html, page_url


def test_every_page_links_the_language_roots_in_its_head(site: Build):
    """hreflang links for en, pt, ru and x-default, on every page and the 404 page."""
    paths = [site.site / ROOTS[lang] / url / "index.html" for lang, url in every_page(site.site)]
    for path in [*paths, site.site / "404.html"]:
        assert head_links(soup(path)) == HEAD_LINKS, path


def test_the_one_404_page_is_english(site: Build):
    """Every language's build writes 404.html; the one readers of any address get is English's."""
    page = soup(site.site / "404.html")
    assert page.html["lang"] == "en"
    assert page.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == (
        "FastAPI Background Tasks"
    )
    assert not list(site.site.glob("*/404.html"))


def test_every_head_link_has_a_sitemap_beside_it(site: Build):
    """Material's JavaScript fetches sitemap.xml beside every head link: none may be missing."""
    hrefs = {
        href
        for lang, url in every_page(site.site)
        for href in head_links(soup(site.site / ROOTS[lang] / url / "index.html")).values()
    }
    assert hrefs == set(HEAD_LINKS.values())
    for href in hrefs:
        assert (site.site / href.lstrip("/") / "sitemap.xml").is_file(), href


def test_selector_leads_to_the_same_page_in_each_language(site: Build):
    """From any page, each language of the selector is that very page in that language."""
    for lang, url in every_page(site.site):
        page_url = urljoin(SITE_URL, ROOTS[lang] + url)
        selector = soup(site.site / ROOTS[lang] / url / "index.html").select(
            "a.md-select__link[hreflang]"
        )
        targets = {link["hreflang"]: urljoin(page_url, link["href"]) for link in selector}
        assert targets == {other: urljoin(SITE_URL, ROOTS[other] + url) for other in LANGUAGES}, (
            page_url
        )


def test_root_sitemap_lists_every_page_of_every_language(site: Build):
    """/sitemap.xml is the whole site, each page once."""
    locs = sitemap_locs(site.site / "sitemap.xml")
    expected = {urljoin(SITE_URL, ROOTS[lang] + url) for lang, url in every_page(site.site)}
    assert sorted(locs) == sorted(expected)


@pytest.mark.parametrize("lang", ["pt", "ru"])
def test_language_sitemap_lists_its_pages_only(site: Build, lang: str):
    """/pt/sitemap.xml lists the Portuguese pages, each still with its alternates."""
    path = site.site / ROOTS[lang] / "sitemap.xml"
    locs = sitemap_locs(path)
    assert sorted(locs) == sorted(
        urljoin(SITE_URL, ROOTS[lang] + url) for url in pages(site.site)[lang]
    )
    alternates = minidom.parse(str(path)).getElementsByTagName("xhtml:link")
    assert len(alternates) == len(locs) * len(LANGUAGES)


def test_override_is_materials_selector_with_our_changes():
    """hooks/theme/partials/alternate.html is Material's partial with our changes and no other.

    When Material changes its partial, this fails: make the override again from the new one.
    """
    comment = re.compile(r"\{#-.*?-#\}\n", re.DOTALL)
    material = comment.sub("", (MATERIAL / "partials" / "alternate.html").read_text("utf-8"))
    for old, new in OVERRIDE_CHANGES.items():
        assert material.count(old) == 1, f"Material's partials/alternate.html has no {old!r}"
        material = material.replace(old, new)
    assert comment.sub("", OVERRIDE.read_text(encoding="utf-8")) == material


def test_materials_head_links_every_extra_alternate():
    """Material's base.html puts each entry of config.extra.alternate in the head, as we rely on."""
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    loop = re.compile(
        r"\s*".join(
            [
                re.escape("{% for alt in config.extra.alternate %}"),
                re.escape(
                    '<link rel="alternate" href="{{ alt.link | url }}" hreflang="{{ alt.lang'
                ),
                r"[^\"]*\}\}\">",
                re.escape("{% endfor %}"),
            ]
        )
    )
    assert loop.search(base), "Material's base.html no longer loops over config.extra.alternate"


def build_variant(project: Path, replace: dict[str, str], remove: tuple[str, ...] = ()) -> Build:
    """Build a copy of the project with mkdocs.yml edited and some pages removed."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")
    for page in remove:
        (project / page).unlink()
    return build_site(config, project / "site")


def test_site_below_a_path(project_copy: Path):
    """With site_url under a path, links, sitemaps and the kept choices follow that path."""
    site_url = "https://example.org/docs/"
    build = build_variant(project_copy, {f"site_url: {SITE_URL}": f"site_url: {site_url}"})
    assert build.returncode == 0, build.log
    page = soup(build.site / "pt" / "tutorial" / "background-tasks" / "index.html")
    assert head_links(page) == {lang: f"/docs{href}" for lang, href in HEAD_LINKS.items()}
    assert '__md_scope=new URL("/docs/",location)' in str(page)
    assert set(sitemap_locs(build.site / "pt" / "sitemap.xml")) == {
        f"{site_url}pt/{url}" for url in pages(build.site)["pt"]
    }


def test_untranslated_page_is_found_in_its_language(project_copy: Path):
    """A page shown in English in /pt/ is in the Portuguese index, and the reader's scope kept."""
    build = build_variant(
        project_copy,
        {"docs_dir: docs\n": "docs_dir: docs\nextra:\n  scope: /mine/\n"},
        remove=("docs/pt/tutorial/background-tasks.md",),
    )
    assert build.returncode == 0, build.log
    index = read_index(build.site, "pt")
    titles = {
        doc["title"] for doc in index["docs"] if doc["location"] == "tutorial/background-tasks/"
    }
    assert titles == {TUTORIAL_TITLES["en"]}
    page = (build.site / "pt" / "index.html").read_text(encoding="utf-8")
    assert '__md_scope=new URL("/mine/",location)' in page


def test_language_needs_static_i18n_to_reconfigure_material(project_copy: Path):
    """The hook reads each build's language from theme.language: without it, a clear error."""
    build = build_variant(
        project_copy, {"reconfigure_material: true": "reconfigure_material: false"}
    )
    assert build.returncode == 1
    assert (
        "ERROR   -  hooks/site_hook.py reads each build's language from theme.language, which "
        "mkdocs-static-i18n sets only with `reconfigure_material: true`"
    ) in build.log
    assert "Traceback" not in build.log


LANGUAGES_OF_A_SITE = [
    links.Language("en", "English", "/", default=True),
    links.Language("pt", "Português", "/pt/", default=False),
]


def test_language_index_is_its_entries_located_from_the_language_root():
    """A language's entries lose its folder; the settings stay, with that language's lunr; the
    index is, byte for byte, what Material's own encoding of the whole would be."""
    settings = {"lang": ["en", "pt"], "separator": "[\\s]+", "pipeline": [], "fields": {}}
    pt = LANGUAGES_OF_A_SITE[1]
    entries = [
        {"location": "pt/", "title": "Início", "text": ""},
        {"location": "pt/page/#b", "title": "B", "text": "<code>é</code>"},
    ]
    index = search_index.language_index(settings, pt, search_index.encode_entries(entries, pt))
    expected = {
        "config": {**settings, "lang": ["pt"]},
        "docs": [
            {"location": "", "title": "Início", "text": ""},
            {"location": "page/#b", "title": "B", "text": "<code>é</code>"},
        ],
    }
    assert index == json.dumps(expected, separators=(",", ":"), ensure_ascii=False)


# The first lines of a sitemap as mkdocs-static-i18n's template writes it, but on one line.
SITEMAP_START = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
)


def test_filter_sitemap_keeps_the_language_under_the_site_path():
    """Only the <url> entries of the language stay, with their alternates and prefixes."""
    urls = textwrap.dedent(
        """
            <url>
                <loc>https://example.org/docs/</loc>
                <xhtml:link rel="alternate" hreflang="pt" href="https://example.org/docs/pt/"/>
            </url>
            <url>
                <loc>https://example.org/docs/pt/</loc>
                <xhtml:link rel="alternate" hreflang="en" href="https://example.org/docs/"/>
            </url>
        </urlset>"""
    )
    _, pt = LANGUAGES_OF_A_SITE
    site_url = "https://example.org/docs/"
    kept = sitemaps.filter_sitemap(SITEMAP_START + urls, pt, LANGUAGES_OF_A_SITE, site_url)
    assert kept == SITEMAP_START + textwrap.dedent(
        """
            <url>
                <loc>https://example.org/docs/pt/</loc>
                <xhtml:link rel="alternate" hreflang="en" href="https://example.org/docs/"/>
            </url>
        </urlset>"""
    )


def test_root_alternates_end_with_x_default():
    """The head links: every language's root, then the default language's as x-default."""
    assert links.root_alternates(LANGUAGES_OF_A_SITE) == [
        {"name": "English", "link": "/", "lang": "en"},
        {"name": "Português", "link": "/pt/", "lang": "pt"},
        {"name": "English", "link": "/", "lang": "x-default"},
    ]
