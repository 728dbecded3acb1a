"""The site builds unchanged with ProperDocs, the maintained MkDocs 1.x, from the same mkdocs.yml.

ProperDocs aliases every `mkdocs.*` module to its own `properdocs.*`, so our hooks, Material and
mkdocs-static-i18n load under it as written; it shares the venv with MkDocs without changing
what `mkdocs build` produces. The site it builds must equal MkDocs's file for file.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.project import REPO_ROOT, Build, build_site, copy_project

ROOTS = {"en": "", "pt": "pt/", "ru": "ru/"}
RU_PAGE = "docs/ru/tutorial/background-tasks.md"
BAD = "<* ../../docs_src/background_tasks/tutorial001.py hl[40] *>"

# What must differ between the two engines' sites, and nothing else:
# - every page's `<meta name="generator">` names the engine ("mkdocs-1.6.1, …" against
#   "mkdocs-ProperDocs 1.6.7, …");
# - a sitemap's `<lastmod>` is the day of its build, which differs when the two builds fall on
#   either side of midnight;
# - sitemap.xml.gz records its build's time in the gzip header, so it is compared unpacked.
GENERATOR_RE = re.compile(r'<meta name="generator" content="[^"]*">')
LASTMOD_RE = re.compile(r"<lastmod>[^<]*</lastmod>")


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site built by ProperDocs from the repository's own files, which it only reads."""
    build = build_site(
        REPO_ROOT / "mkdocs.yml",
        tmp_path_factory.mktemp("properdocs") / "site",
        engine="properdocs",
    )
    assert build.returncode == 0, build.log
    return build


def pages_per_language(site: Path) -> dict[str, set[str]]:
    """Map each language to the pages built for it, relative to its root."""
    pages: dict[str, set[str]] = {lang: set() for lang in ROOTS}
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        lang = next(
            (lang for lang, root in ROOTS.items() if root and relative.startswith(root)), "en"
        )
        pages[lang].add(relative.removeprefix(ROOTS[lang]))
    return pages


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, with only what must differ between the engines normalized."""
    files = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
        if path.suffix == ".html":
            data = GENERATOR_RE.sub('<meta name="generator">', data.decode()).encode()
        if path.name.startswith("sitemap.xml"):
            data = LASTMOD_RE.sub("<lastmod/>", data.decode()).encode()
        files[path.relative_to(site).as_posix()] = data
    return files


def articles(site: Path) -> dict[str, str]:
    """The `<article>` of every page, as HTML, by the page's path in the site."""
    return {
        path.relative_to(site).as_posix(): str(
            BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
        )
        for path in sorted(site.rglob("*.html"))
    }


def test_properdocs_build_is_clean(properdocs_site):
    """`properdocs build --strict` exits 0 and logs no warning at all."""
    assert properdocs_site.returncode == 0
    assert "WARNING" not in properdocs_site.log


def test_same_pages_per_language_as_mkdocs(properdocs_site, site):
    """Each language has exactly the pages MkDocs builds for it."""
    assert pages_per_language(properdocs_site.site) == pages_per_language(site.site)


def test_same_articles_as_mkdocs(properdocs_site, site):
    """Every page's article (text, highlighted code, banners, tabs) is MkDocs's, byte for byte."""
    assert articles(properdocs_site.site) == articles(site.site)


def test_same_site_as_mkdocs_but_the_generator(properdocs_site, site):
    """Every file, search indexes and sitemaps per language included, is MkDocs's but the engine."""
    properdocs_files = site_files(properdocs_site.site)
    mkdocs_files = site_files(site.site)
    assert sorted(properdocs_files) == sorted(mkdocs_files)
    for per_language in ["search/search_index.json", "sitemap.xml"]:
        assert {f"{root}{per_language}" for root in ROOTS.values()} <= properdocs_files.keys()
    differing = [name for name in mkdocs_files if properdocs_files[name] != mkdocs_files[name]]
    assert differing == []


def test_wrong_include_fails_the_properdocs_strict_build(tmp_path):
    """ProperDocs shows our `page:line` warning and `--strict` fails on it, as under MkDocs."""
    project = copy_project(tmp_path / "project")
    page = project / RU_PAGE
    lines = page.read_text(encoding="utf-8").split("\n")
    lines.insert(4, f"\n{BAD}\n")
    page.write_text("\n".join(lines), encoding="utf-8")
    build = build_site(project / "mkdocs.yml", tmp_path / "site", engine="properdocs")
    assert build.returncode == 1
    assert (
        f"WARNING -  includes: {RU_PAGE}:6: {BAD}: "
        "line 40 is past the end of tutorial001.py (15 lines)"
    ) in build.log
    assert "Aborted with 2 warnings in strict mode!" in build.log
    assert "Traceback" not in build.log
