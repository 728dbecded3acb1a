"""Search entries read with code as text are Material's own, taken from where it keeps them."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import SearchIndex
from mkdocs.exceptions import PluginError

from languages.search_entries import CodeAsTextIndex, code_as_text, read_code_as_text, take_entries
from tests.project import REPO_ROOT


def site_markdown() -> tuple[list[str], dict[str, dict]]:
    """Return the Markdown extensions and their options as mkdocs.yml sets them."""
    config = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        options[name] = settings or {}
    return names, options


# The site's own, so blocks carry the site's tags.
EXTENSIONS, CONFIGS = site_markdown()
SEARCH_CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": [], "fields": {}}

# Every kind of code a page has: blocks with highlighted lines, titles and table line numbers,
# inline code and inline highlighting, code in a heading and in tabs, text that looks like tags,
# and a block the author left out of search.
PAGE = """# Background `Tasks` { #top }

Some `inline <code>` and `#!python print("a & b")` here.

## Example { #example }

```python hl_lines="2 3" title="main.py"
from fastapi import BackgroundTasks

def write(message: str) -> None:  # "<b>" & 'quotes'
    print(f"{message!r}")
```

/// tab | Python 3.10+

```python linenums="1"
async def two(x: int | None = None) -> int:
    return x or 0
```

///

/// tab | Other

```text
plain <text>
```

///

<div data-search-exclude markdown>

```python
hidden = True
```

</div>

### `BackgroundTasks` in a heading { #heading }

```python

```
"""


def page_of(html: str) -> SimpleNamespace:
    """Return the parts of a page Material's index reads."""
    return SimpleNamespace(content=html, toc=[], url="page/", meta={}, title="Page")


def entries(index_type: type[SearchIndex], html: str) -> list[dict]:
    """Return the entries `index_type` makes of a page of `html`."""
    index = index_type(**SEARCH_CONFIG)
    page = page_of(html)
    index.add_entry_from_context(page)
    assert page.content == html, "the page keeps its content"
    return index.entries


def to_html(text: str) -> str:
    """Convert Markdown as the site does."""
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(text)


def test_every_kind_of_code_gives_materials_entries():
    """Blocks, inline code, headings, tabs and excluded blocks index as Material indexes them."""
    html = to_html(PAGE)
    assert html.count('<span class="hll">') == 2, "the page has highlighted lines"
    assert "linenodiv" in html or "linenos" in html, "the page has line numbers"
    ours = entries(CodeAsTextIndex, html)
    assert ours == entries(SearchIndex, html)
    assert "hidden" not in str(ours), "the excluded block stays out"
    assert "print(f&quot;" not in str(ours) and 'print(f"{message!r}")' in str(ours)


def test_every_program_of_the_site_gives_materials_entries():
    """Each program in docs_src, highlighted as the site shows it, indexes as Material's does."""
    programs = sorted((REPO_ROOT / "docs_src").rglob("*.py"))
    assert programs
    for program in programs:
        code = program.read_text(encoding="utf-8")
        html = to_html(f'# {program.name}\n\n```python hl_lines="1 2"\n{code}```\n')
        assert entries(CodeAsTextIndex, html) == entries(SearchIndex, html), program


# No deadline: the machines are shared, and how fast a case runs is not what is checked.
@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from("ab <>&\"'\n\t#:=()[]{}\\x1_é"), max_size=80))
def test_any_code_gives_materials_entries(code):
    """Whatever the code, its text is what Material reads of its highlighted block."""
    html = to_html(f"## Code\n\n```python\n{code}\n```\n\nAnd `{code.strip()}`.\n")
    assert entries(CodeAsTextIndex, html) == entries(SearchIndex, html)


def test_code_loses_only_its_tags():
    """The view keeps the text, escaped as it was, and the tags outside code."""
    html = '<pre><span></span><code><span class="k">if</span> a &lt; b:\n</code></pre><p>x</p>'
    assert code_as_text(html) == "<pre><span></span><code>if a &lt; b:\n</code></pre><p>x</p>"
    kept = '<pre><code><span data-search-exclude="">x</span></code></pre>'
    assert code_as_text(kept) == kept


def test_the_plugins_index_is_replaced_with_its_entries_kept():
    """The plugin gets an index that reads code as text, with what it held and its config."""
    index = SearchIndex(**SEARCH_CONFIG)
    index.entries.append({"location": "a/", "title": "A", "text": ""})
    search = SimpleNamespace(search_index=index)
    read_code_as_text(search)
    assert type(search.search_index) is CodeAsTextIndex
    assert search.search_index.entries == [{"location": "a/", "title": "A", "text": ""}]
    assert search.search_index.config == index.config


def test_a_plugin_without_materials_index_is_a_clear_error():
    """If Material keeps its index otherwise, the build says so instead of indexing wrongly."""
    with pytest.raises(PluginError, match="search_index"):
        read_code_as_text(SimpleNamespace())


def test_search_entries_are_taken_from_materials_index():
    """Material keeps each page's entries in `search_index.entries`; taking them empties it."""
    index = SearchIndex(lang=["en"], separator=r"[\s]+", pipeline=[], fields={})
    index.add_entry_from_context(
        page_of('<h1 id="t">Title</h1><p>Words.</p><h2 id="s">Section</h2><p>More.</p>')
    )
    search = SimpleNamespace(search_index=index)
    taken = take_entries(search)
    assert [entry["location"] for entry in taken] == ["page/", "page/#s"]
    assert [entry["text"] for entry in taken] == ["<p>Words.</p>", "<p>More.</p>"]
    assert take_entries(search) == []
