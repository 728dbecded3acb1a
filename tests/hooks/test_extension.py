"""The directive as a Python-Markdown extension, without MkDocs."""

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from variant_includes.errors import IncludeError
from variant_includes.extension import IncludeExtension

ROOT = Path(__file__).parents[2]


def test_renders_highlighted_code():
    """The included program becomes highlighted HTML code."""
    html = convert("<* ../../docs_src/background_tasks/tutorial001.py hl[14] *>")
    assert html.count('<span class="hll">') == 1
    assert "write_notification" in html


def test_wrong_directive_raises():
    """Without a build log to warn in, a wrong directive is an exception with the usual message."""
    with pytest.raises(IncludeError) as caught:
        convert("Text.\n\n<* ../../docs_src/background_tasks/nope.py *>")
    assert str(caught.value) == (
        "<page>:3: <* ../../docs_src/background_tasks/nope.py *>: ../../docs_src/background_tasks/"
        "nope.py does not exist (looked for docs_src/background_tasks/nope.py)"
    )


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


def convert(text: str) -> str:
    """Render `text` with the extensions the site uses for tabs, details and admonitions."""
    include = IncludeExtension(lang_root=str(ROOT / "docs" / "en"), docs_src=str(ROOT / "docs_src"))
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
