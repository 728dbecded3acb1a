"""Python blocks highlighted once give, wherever they land, the HTML superfences makes itself."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pymdownx.superfences import SuperFencesBlockPreprocessor

from builds import once
from builds.once import highlight_ahead
from highlights import HighlightCache, use_cache
from tests.project import REPO_ROOT, mkdocs_env
from variant_includes.labels import LABELS, label
from variant_includes.render import OMITTED, comment_stand_ins

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
    assert len(cache.blocks) == 8, "each distinct block kept once, the text one too"


def test_a_block_kept_elsewhere_takes_its_place_on_this_page():
    """A hit carries this page's block numbers in its line ids, and only there."""
    cache = HighlightCache()
    convert(fence(ONE), cache)
    html = convert(fence(TWO) + "\n" + fence(ONE), cache)
    assert '<span id="__span-1-1">' in html and 'href="#__codelineno-1-2"' in html
    assert '&lt;a id="__span-0-1"&gt;' in html, "the code's own text is left alone"
    assert html == convert(fence(TWO) + "\n" + fence(ONE), None)


def test_a_site_s_own_python_fence_is_left_alone():
    """A python fence the site configures itself keeps its formatter; the other languages of
    ours are still kept, once each, however often the cache is put in place."""
    own = {"name": "python", "class": "mine", "format": lambda *args, **kwargs: "<p>mine</p>"}
    configs = {"pymdownx.superfences": {"custom_fences": [own]}}
    use_cache(EXTENSIONS, configs, HighlightCache())
    use_cache(EXTENSIONS, configs, HighlightCache())
    fences = configs["pymdownx.superfences"]["custom_fences"]
    assert fences[0] is own
    assert [fence["name"] for fence in fences] == ["python", "bash", "json", "text"]


def test_the_site_highlights_through_the_cache():
    """mkdocs.yml has superfences and no python fence of its own, so the cache applies."""
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "pymdownx.superfences" in text
    assert "custom_fences" not in text


def fences_of(text: str) -> list[str]:
    """Return the fenced blocks of a page, each as a text of its own, unindented."""
    blocks = textwrap.dedent(text).split("```\n")
    return [f"{block.strip()}\n```\n" for block in blocks if block.strip().startswith("```")]


def converted_through(cache: HighlightCache) -> bool:
    """Convert every page through `cache`: tell whether each is superfences's own HTML and no
    block had to be highlighted."""
    kept = dict(cache.blocks)
    same = all(convert(text, cache) == convert(text, None) for text in PAGES)
    return same and cache.blocks == kept


def test_blocks_highlighted_ahead_are_the_pages_own(monkeypatch):
    """Highlighted ahead from the pages' fences alone, every page's blocks are kept, and each
    page is superfences's own HTML. (Here in this process; tests with threads never fork.)"""
    monkeypatch.setattr(once, "usable_cores", lambda: 1)
    cache = HighlightCache()
    configs = {name: dict(options) for name, options in CONFIGS.items()}
    use_cache(EXTENSIONS, configs, cache)
    texts = [fence for text in PAGES for fence in fences_of(text)]
    assert highlight_ahead(texts, EXTENSIONS, configs, cache) == 1
    assert len(cache.blocks) == 8
    assert converted_through(cache)


# Run in a process of its own, without the test runner's threads, so that it forks.
AHEAD_IN_PROCESSES = """
import json
from builds import once
from highlights import HighlightCache, use_cache
from tests.hooks import test_highlights as t
once.usable_cores = lambda: 2
{mishap}
cache = HighlightCache()
configs = {{name: dict(options) for name, options in t.CONFIGS.items()}}
use_cache(t.EXTENSIONS, configs, cache)
texts = [fence for text in t.PAGES for fence in t.fences_of(text)]
processes = once.highlight_ahead(texts, t.EXTENSIONS, configs, cache)
print(json.dumps([processes, len(cache.blocks), t.converted_through(cache)]))
"""
# What can go wrong with the processes: none can be forked, or each dies before it sends.
CANNOT_FORK = """
import os
def refuse():
    raise OSError("no more processes")
os.fork = refuse
"""
DIES = """
import os
once.highlight_share = lambda *args: os._exit(1)
"""


@pytest.mark.parametrize(
    ("mishap", "outcome"),
    [("", [2, 8, True]), (CANNOT_FORK, [2, 8, True]), (DIES, [2, 0, False])],
    ids=["forked", "cannot fork: here", "died: left to the pages"],
)
def test_blocks_highlighted_ahead_in_processes_are_the_pages_own(mishap, outcome, tmp_path):
    """Shared among two forked processes, the blocks they hand back are the pages' own; a
    share that cannot be forked is highlighted here, and one whose process dies is left to
    the pages, the build going on."""
    result = subprocess.run(
        [sys.executable, "-c", AHEAD_IN_PROCESSES.format(mishap=mishap)],
        cwd=tmp_path,
        # As pytest finds them: the project and its hooks, installed or not.
        env={
            **mkdocs_env(tmp_path),
            "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), str(REPO_ROOT / "hooks")]),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == outcome


def test_a_new_markdown_setup_drops_the_kept_blocks():
    """Blocks highlighted with other options (line spans, say) are not reused."""
    cache = HighlightCache()
    convert(PAGES[0], cache)
    assert cache.blocks
    configs = {name: dict(options) for name, options in CONFIGS.items()}
    configs["pymdownx.highlight"]["line_spans"] = "__line"
    use_cache(EXTENSIONS, configs, cache)
    assert cache.blocks == {}
    html = markdown.Markdown(extensions=EXTENSIONS, extension_configs=configs).convert(PAGES[0])
    assert 'id="__line-0-1"' in html and '<span id="__span' not in html


def test_a_text_that_fails_or_warns_ahead_is_left_to_its_page(monkeypatch, caplog):
    """Highlighting ahead never stops the build nor speaks: the page meets the same text and
    reports it with its name and line; the other texts' blocks are kept."""
    monkeypatch.setattr(once, "usable_cores", lambda: 1)
    convert_text = markdown.Markdown.convert

    def failing(md: markdown.Markdown, text: str) -> str:
        if "warns" in text:
            logging.getLogger("mkdocs.plugins.test").warning("a warning")
        if "fails" in text:
            raise ValueError("a failure")
        return convert_text(md, text)

    monkeypatch.setattr(markdown.Markdown, "convert", failing)
    cache = HighlightCache()
    texts = [fence("fails = 1\n"), fence("warns = 1\n"), fence(TWO)]
    with caplog.at_level(logging.DEBUG):
        assert highlight_ahead(texts, EXTENSIONS, dict(CONFIGS), cache) == 1
    assert caplog.records == []
    assert sorted(key[0] for key in cache.blocks) == [TWO.rstrip("\n"), "warns = 1"]
    assert logging.root.manager.disable == logging.NOTSET, "logging is back as it was"


STAND_INS = comment_stand_ins()


def translated(code: str, lang: str) -> str:
    """Return `code` with its English comments for omitted lines in `lang`."""
    for shown, stood_for in STAND_INS.items():
        if shown.endswith(tuple(LABELS[name][lang] for name in LABELS)):
            code = code.replace(stood_for, shown)
    return code


def convert_counting(text: str, cache: HighlightCache, monkeypatch) -> tuple[str, list[str]]:
    """Convert `text` through `cache`; return the HTML and the code of the blocks highlighted."""
    highlighted = []
    highlight = SuperFencesBlockPreprocessor.highlight

    def counting(*args, **kwargs):
        highlighted.append(kwargs["src"])
        return highlight(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(SuperFencesBlockPreprocessor, "highlight", counting)
        html = convert(text, cache)
    return html, highlighted


# The English comments for omitted lines.
ABOVE, HERE_EN, BELOW = (f"# {label(name, 'en')}" for name in OMITTED)
OMITTED_CODE = [
    f"{ABOVE}\n\ndef one():\n    {HERE_EN}\n    return 1\n",
    f"def two():\n    return 2\n{BELOW}\n",
    f"if x:\n        {HERE_EN}\n    y = '<b>'\n{HERE_EN}\nz = 1\n",
]


@pytest.mark.parametrize("code", OMITTED_CODE)
@pytest.mark.parametrize("lang", ["pt", "ru"])
def test_another_language_s_block_is_the_english_one_with_its_comments(code, lang, monkeypatch):
    """Highlighted once, in English: the other language's block is superfences's own HTML."""
    cache = HighlightCache(stand_ins=STAND_INS)
    english = fence(code, 'hl_lines="2"')
    assert len(convert_counting(english, cache, monkeypatch)[1]) == 1
    theirs = translated(english, lang)
    assert theirs != english
    html, highlighted = convert_counting(fence(TWO) + "\n" + theirs, cache, monkeypatch)
    assert highlighted == [TWO.rstrip("\n")], "the block in their language is the English one's"
    assert html == convert(fence(TWO) + "\n" + theirs, None)
    assert not any(stood_for in html for stood_for in STAND_INS.values())


# Where a swap could not be told apart from the code, the block is highlighted as it is.
HERE = {lang: f"# {label('omitted_between', lang)}" for lang in ["en", "pt", "ru"]}
UNSWAPPABLE = {
    "the program's own English comment": f"{HERE['en']}\nx = 1\n{HERE['pt']}\n",
    "inside a string": f's = """\n{HERE["pt"]}\n"""\n',
    "after code on its line": f"x = 1  {HERE['en']}\n{HERE['pt']}\n",
    "two languages' for one": f"{HERE['pt']}\nx = 1\n{HERE['ru']}\n",
}


@pytest.mark.parametrize("code", UNSWAPPABLE.values(), ids=UNSWAPPABLE.keys())
def test_a_block_that_cannot_be_swapped_is_highlighted_as_it_is(code, monkeypatch):
    cache = HighlightCache(stand_ins=STAND_INS)
    html, highlighted = convert_counting(fence(code), cache, monkeypatch)
    assert html == convert(fence(code), None)
    assert code.rstrip("\n") in highlighted, "highlighted as it is"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.sampled_from(
            [
                "x = 1",
                "    y = '#'",
                '"""',
                HERE_EN,
                f"    {ABOVE}",
                BELOW,
                "z = f'{x}'  # note",
                "",
                "def f():",
            ]
        ),
        min_size=1,
        max_size=8,
    ),
    lang=st.sampled_from(["pt", "ru"]),
)
def test_swapped_or_not_a_block_is_superfences_s_own(lines, lang, monkeypatch):
    """Whatever the code around the comments, the block in another language is the HTML
    superfences makes of it."""
    cache = HighlightCache(stand_ins=STAND_INS)
    english = fence("\n".join(lines) + "\n", 'hl_lines="1"')
    convert(english, cache)
    theirs = translated(english, lang)
    assert convert(theirs, cache) == convert(theirs, None)
