"""`{! path !}` in real builds: a docs_src HTML file shown in a fence, highlighted, in every
language; a missing one fails `--strict` naming page and line."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from tests.project import build_site

LANGUAGES = ["en", "pt", "ru"]
TUTORIAL = "tutorial/background-tasks"
HTML = '<!DOCTYPE html>\n<html>\n  <body>\n    <h1 class="title">Olá</h1>\n  </body>\n</html>\n'
FENCE = "```html\n{! ../../docs_src/custom_ui/page.html !}\n```\n"


def append_to_page(project: Path, lang: str, text: str) -> int:
    """Append `text` to the tutorial page of `lang`; return the line number it starts on."""
    page = project / "docs" / lang / f"{TUTORIAL}.md"
    before = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    page.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def test_raw_html_is_shown_highlighted_in_every_language(project_copy):
    """The same `{! !}` in a ```html fence of each language's page shows the file's text as
    highlighted HTML: the path resolves from docs/pt/ and docs/ru/ as from docs/en/."""
    (project_copy / "docs_src" / "custom_ui").mkdir()
    (project_copy / "docs_src" / "custom_ui" / "page.html").write_text(HTML, encoding="utf-8")
    for lang in LANGUAGES:
        append_to_page(project_copy, lang, FENCE)
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    for lang in LANGUAGES:
        prefix = "" if lang == "en" else f"{lang}/"
        html = (project_copy / "site" / prefix / TUTORIAL / "index.html").read_text("utf-8")
        block = BeautifulSoup(html, "html.parser").select_one("div.language-html")
        assert block.select_one("code").get_text() == HTML
        tags = [tag.get_text() for tag in block.select("span.nt")]
        assert tags == ["html", "body", "h1", "h1", "body", "html"]
        assert "{!" not in html


def test_missing_raw_include_fails_the_strict_build_naming_page_and_line(project_copy):
    """The message names the page, the line on disk, the include and the problem; no traceback."""
    raw = "{! ../../docs_src/custom_ui/missing.html !}"
    line = append_to_page(project_copy, "ru", f"```html\n{raw}\n```\n") + 1
    build = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert build.returncode == 1
    assert (
        f"WARNING -  includes: docs/ru/{TUTORIAL}.md:{line}: {raw}: ../../docs_src/custom_ui/"
        "missing.html does not exist (looked for docs_src/custom_ui/missing.html)"
    ) in build.log
    assert "Traceback" not in build.log
