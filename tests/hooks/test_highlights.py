"""Python blocks highlighted once give, wherever they land, the HTML superfences makes itself."""

from __future__ import annotations

import textwrap

import markdown
import pytest

from rebuilds.highlights import HighlightCache, use_cache
from tests.project import REPO_ROOT

# The Markdown extensions as the site configures them, so the line ids are the site's.
EXTENSIONS = ["attr_list", "pymdownx.highlight", "pymdownx.superfences"]
CONFIGS = {
    "pymdownx.highlight": {
        "anchor_linenums": True,
        "line_spans": "__span",
        "pygments_lang_class": True,
    }
}

# Its text looks like a line id, in a tag-like string, which no renumbering may touch.
ONE = "def one():\n    return '<a id=\"__span-0-1\">'\n"
TWO = "async def two(x: int) -> int:\n    return x\n"


def fence(code: str, options: str = "") -> str:
    """Return a python fence of `code` with `options`."""
    return f"``` {{ .python {options} }}\n{code}```\n" if options else f"```python\n{code}```\n"


PAGES = [
    # The same blocks, at other places, with and without options, ids and other languages.
    "\n".join([fence(ONE), fence(TWO, 'hl_lines="2"'), fence(ONE)]),
    "\n".join(["```text\nplain\n```\n", fence(TWO, 'hl_lines="2"'), fence(ONE, 'linenums="1"')]),
    "\n".join([fence(ONE, "#named"), fence(TWO), fence(ONE, 'title="one.py"'), fence(ONE)]),
    textwrap.indent(fence(TWO, 'hl_lines="1"'), "    "),
]


def convert(text: str, cache: HighlightCache | None) -> str:
    """Convert `text` as a page, through `cache` if given."""
    configs = {name: dict(options) for name, options in CONFIGS.items()}
    if cache is not None:
        use_cache(EXTENSIONS, configs, cache)
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=configs).convert(text)


@pytest.mark.parametrize("order", [PAGES, PAGES[::-1]], ids=["in order", "reversed"])
def test_cached_blocks_are_what_superfences_makes(order):
    """Every page, converted after the others filled the cache, is superfences's own HTML."""
    cache = HighlightCache()
    for text in order:
        assert convert(text, cache) == convert(text, None)
    assert len(cache.blocks) == 7, "each distinct block kept once"


def test_a_block_kept_elsewhere_takes_its_place_on_this_page():
    """A hit carries this page's block numbers in its line ids, and only there."""
    cache = HighlightCache()
    convert(fence(ONE), cache)
    html = convert(fence(TWO) + "\n" + fence(ONE), cache)
    assert '<span id="__span-1-1">' in html and 'href="#__codelineno-1-2"' in html
    assert '&lt;a id="__span-0-1"&gt;' in html, "the code's own text is left alone"
    assert html == convert(fence(TWO) + "\n" + fence(ONE), None)


def test_a_site_s_own_python_fence_is_left_alone():
    """A python fence the site configures itself keeps its formatter."""
    own = {"name": "python", "class": "mine", "format": lambda *args, **kwargs: "<p>mine</p>"}
    configs = {"pymdownx.superfences": {"custom_fences": [own]}}
    use_cache(EXTENSIONS, configs, HighlightCache())
    assert configs["pymdownx.superfences"]["custom_fences"] == [own]


def test_the_site_highlights_through_the_cache():
    """mkdocs.yml has superfences and no python fence of its own, so the cache applies."""
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "pymdownx.superfences" in text
    assert "custom_fences" not in text
