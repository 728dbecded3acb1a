"""The directive as a Python-Markdown extension, without MkDocs."""

from pathlib import Path

import markdown
import pytest

from includes.errors import IncludeError
from includes.extension import IncludeExtension

ROOT = Path(__file__).parents[2]


def convert(text: str) -> str:
    """Render `text` as an English page with the include extension and superfences."""
    include = IncludeExtension(lang_root=str(ROOT / "docs" / "en"), docs_src=str(ROOT / "docs_src"))
    return markdown.markdown(
        text, extensions=[include, "pymdownx.superfences", "pymdownx.highlight"]
    )


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
