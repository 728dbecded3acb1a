"""The directive as a Python-Markdown extension, without MkDocs."""

import os
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import BuildError

from variant_includes import extension
from variant_includes.errors import IncludeError
from variant_includes.extension import IncludeExtension

ROOT = Path(__file__).parents[2]


def test_renders_highlighted_code():
    """The included program becomes highlighted HTML code."""
    html = convert("<* ../../docs_src/background_tasks/tutorial001.py hl[14] *>")
    assert html.count('<span class="hll">') == 1
    assert "write_notification" in html


NOPE = (
    "<page>:3: <* ../../docs_src/background_tasks/nope.py *>: ../../docs_src/background_tasks/"
    "nope.py does not exist (looked for docs_src/background_tasks/nope.py)"
)


def test_wrong_directive_raises_for_ci():
    """`on_error: raise`: a wrong directive is the engine's build error, with the usual message,
    which MkDocs reports on one line."""
    with pytest.raises(BuildError) as caught:
        convert("Text.\n\n<* ../../docs_src/background_tasks/nope.py *>", on_error="raise")
    assert str(caught.value) == NOPE


def test_the_core_raises_its_own_plain_error():
    """The core's error is the same type, engine or not; only the adapter makes it the engine's."""
    assert IncludeError.__mro__ == (IncludeError, Exception, BaseException, object)


def test_without_an_engine_the_extension_raises_the_core_s_error(monkeypatch):
    """Where no engine is installed, `on_error: raise` raises the core's IncludeError."""
    monkeypatch.setattr(extension, "ENGINE_ERRORS", ("no_such_engine.exceptions",))
    with pytest.raises(IncludeError) as caught:
        convert("Text.\n\n<* ../../docs_src/background_tasks/nope.py *>", on_error="raise")
    assert str(caught.value) == NOPE


def test_wrong_directive_is_shown_and_logged_for_authors(caplog):
    """`on_error: render` (the default): an error block in the page, a warning on the logger."""
    html = convert("Text.\n\n<* ../../docs_src/background_tasks/nope.py *>", logger="docs.inc")
    block = BeautifulSoup(html, "html.parser").select_one("div.admonition.danger")
    assert NOPE in block.get_text()
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        ("docs.inc", "WARNING", NOPE)
    ]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ({"lang": "de"}, "variant_includes: lang is 'de'; it must be one of en, pt, ru"),
        (
            {"on_error": "ignore"},
            "variant_includes: on_error is 'ignore'; it must be one of render, raise",
        ),
    ],
)
def test_wrong_option_is_refused(option, message):
    """A language without labels, or an unknown error mode, is a setup error naming the choices."""
    with pytest.raises(ValueError) as caught:
        IncludeExtension(**option)
    assert str(caught.value) == message


def test_entry_point_loads_by_name_in_a_fresh_process(tmp_path):
    """Plain Python-Markdown finds `variant_includes` by its entry point, in another folder."""
    (tmp_path / "docs_src").mkdir()
    (tmp_path / "docs_src" / "main.py").write_text("x = 1\ny = 2\n")
    script = (
        "import markdown\n"
        "from importlib.metadata import entry_points\n"
        "assert entry_points(group='markdown.extensions', name='variant_includes')\n"
        "print(markdown.markdown('<* docs_src/main.py hl[2] *>', extensions=['variant_includes',"
        " 'pymdownx.superfences', 'pymdownx.highlight'], extension_configs={'variant_includes':"
        " {'lang': 'pt', 'lang_root': '.', 'on_error': 'raise'}}))\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert BeautifulSoup(result.stdout, "html.parser").select_one(".hll").get_text() == "y = 2\n"


def test_directive_inside_a_list_item_and_a_block():
    """Indented in a list item or inside an admonition, the code stays inside it."""
    html = convert(
        "1. First:\n\n"
        "    <* ../../docs_src/background_tasks/tutorial002_an_py310.py hl[16] *>\n\n"
        "2. Second.\n\n"
        "/// note\n\n"
        "<* ../../docs_src/background_tasks/tutorial001.py hl[14] *>\n\n"
        "///\n"
    )
    soup = BeautifulSoup(html, "html.parser")
    item = soup.select("ol > li")[0]
    assert len(item.select(".tabbed-set")) == 2  # the named file's tab, the variants' tabs
    assert item.select_one("details") is not None
    assert len(item.select(".hll")) == 5  # line 16 in each of the five variants
    note = soup.select_one("div.admonition.note")
    assert len(note.select(".hll")) == 1
    assert soup.select("ol > li")[1].get_text(strip=True) == "Second."


def test_raw_include_is_pasted_through_the_same_expansion(tmp_path):
    """`{! path !}` lands in the list item's code block, highlighted as HTML; a wrong one is an
    error block between the two halves of its code block."""
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs_src").mkdir()
    (tmp_path / "docs_src" / "page.html").write_text("<html>\n  <body></body>\n</html>\n")
    html = convert(
        "1. The page:\n\n"
        "    ```html\n    {! ../../docs_src/page.html !}\n    ```\n\n"
        "2. A style:\n\n"
        "    ```css\n    {! ../../docs_src/nope.css !}\n    ```\n",
        lang_root=str(tmp_path / "docs" / "en"),
        docs_src=str(tmp_path / "docs_src"),
    )
    first, second = BeautifulSoup(html, "html.parser").select("ol > li")
    assert first.select_one("code").get_text() == "<html>\n  <body></body>\n</html>\n"
    assert [tag.get_text() for tag in first.select("span.nt")] == ["html", "body", "body", "html"]
    error = second.select_one("div.admonition.danger").get_text(strip=True)
    assert error.endswith(
        "<page>:10: {! ../../docs_src/nope.css !}: ../../docs_src/nope.css does not exist "
        "(looked for docs_src/nope.css)"
    )
    assert len(second.select("code")) == 3  # the block's two halves around the message's


def convert(text: str, **options: str) -> str:
    """Render `text` with the extensions the site uses for tabs, details and admonitions."""
    folders = {"lang_root": str(ROOT / "docs" / "en"), "docs_src": str(ROOT / "docs_src")}
    include = IncludeExtension(**{**folders, **options})
    return markdown.markdown(
        text,
        extensions=[
            include,
            "pymdownx.superfences",
            "pymdownx.highlight",
            "pymdownx.blocks.admonition",
            "pymdownx.blocks.details",
            "pymdownx.blocks.tab",
        ],
        extension_configs={"pymdownx.blocks.tab": {"alternate_style": True}},
    )
