"""Drift: a translation's includes and heading anchors against its English page's."""

import textwrap

import pytest

from translations.drift import compare_outlines
from translations.outline import read_outline

EN = "docs/en/t.md"
INC1 = "<* ../../docs_src/t/a.py hl[1,3] *>"
INC2 = "<* ../../docs_src/t/b_an_py310.py hl[13,16,22,25] *>"

ENGLISH = textwrap.dedent(
    f"""\
    # Title {{ #title }}

    {INC1}

    ## Use it {{ #use-it }}

    {INC2}

    ## Recap {{ #recap }}
    """
)


def drifts(translation: str) -> list[str]:
    """Compare `translation` with ENGLISH; return `line: message` for each drift."""
    found = compare_outlines(read_outline(ENGLISH), read_outline(translation), EN)
    return [f"{drift.line}: {drift.message}" for drift in found]


def translate() -> str:
    """Return ENGLISH with its headings in Portuguese: a faithful translation."""
    return (
        ENGLISH.replace("# Title", "# Título").replace("Use it", "Use").replace("Recap", "Resumo")
    )


def test_faithful_translation_has_no_drift():
    """Other words, the same includes and anchors, front matter above: nothing to report."""
    page = "---\nsource_hash: 0123456789ab\n---\n\n" + translate()
    assert drifts(page) == []


def test_spacing_of_options_is_not_drift():
    """`hl[1, 3]` names the same lines as `hl[1,3]`."""
    assert drifts(translate().replace("hl[1,3]", "hl[1, 3]")) == []


def test_changed_highlight_names_both_values():
    """The message says what English has and what the translation has, at the translation's line."""
    page = translate().replace("hl[13,16,22,25]", "hl[13,17,22,25]")
    assert drifts(page) == [
        "7: <* ../../docs_src/t/b_an_py310.py hl[13,17,22,25] *>: differs from docs/en/t.md:7: "
        "hl[13,16,22,25] in en, hl[13,17,22,25] here"
    ]


def test_added_and_dropped_options():
    """An option only one side has is named as missing on the other."""
    page = translate().replace("hl[1,3] *>", 'hl[1,3] title["a.py"] *>')
    page = page.replace(" hl[13,16,22,25]", "")
    assert drifts(page) == [
        '3: <* ../../docs_src/t/a.py hl[1,3] title["a.py"] *>: differs from docs/en/t.md:3: '
        'no title[...] in en, title["a.py"] here',
        "7: <* ../../docs_src/t/b_an_py310.py *>: differs from docs/en/t.md:7: "
        "hl[13,16,22,25] in en, no hl[...] here",
    ]


def test_changed_requests_are_drift_and_spacing_is_not():
    """`run[...]` is compared as `hl` is: the same requests, however spaced, are no drift."""
    english = ENGLISH.replace("hl[1,3] *>", 'hl[1,3] run["POST /a?q=1", "GET /b"] *>')
    same = translate().replace("hl[1,3] *>", 'hl[1,3] run[ "POST /a?q=1","GET  /b" ] *>')
    assert compare_outlines(read_outline(english), read_outline(same), EN) == []
    other = translate().replace("hl[1,3] *>", 'hl[1,3] run["POST /a"] *>')
    found = compare_outlines(read_outline(english), read_outline(other), EN)
    assert [f"{drift.line}: {drift.message}" for drift in found] == [
        '3: <* ../../docs_src/t/a.py hl[1,3] run["POST /a"] *>: differs from docs/en/t.md:3: '
        'run["POST /a?q=1", "GET /b"] in en, run["POST /a"] here'
    ]


def test_other_program_is_named():
    """An include of another program where English includes this one."""
    page = translate().replace("b_an_py310.py", "b_py310.py")
    assert drifts(page) == [
        "7: <* ../../docs_src/t/b_py310.py hl[13,16,22,25] *>: includes docs_src/t/b_py310.py "
        "where docs/en/t.md:7 includes docs_src/t/b_an_py310.py"
    ]


def test_missing_include_is_reported_where_it_belongs():
    """A dropped include is reported at the translation's next include, or at its last one."""
    assert drifts(translate().replace(INC1, "")) == [
        f"7: the include of docs/en/t.md:3 is missing: {INC1}"
    ]
    assert drifts(translate().replace(INC2, "")) == [
        f"3: the include of docs/en/t.md:7 is missing: {INC2}"
    ]


def test_extra_include_is_reported():
    """An include English does not have."""
    page = translate().replace("## Resumo", "<* ../../docs_src/t/c.py *>\n\n## Resumo")
    assert drifts(page) == ["9: <* ../../docs_src/t/c.py *>: docs/en/t.md has no such include"]


def test_includes_out_of_order_are_drift():
    """Swapped includes: the same programs, not in the order English shows them."""
    page = translate().replace(INC1, "@@").replace(INC2, INC1).replace("@@", INC2)
    assert len(drifts(page)) == 2


def test_renamed_anchor_names_both():
    """A heading whose anchor is not English's."""
    page = translate().replace("{ #use-it }", "{ #use }")
    assert drifts(page) == ["5: heading anchor #use where docs/en/t.md:5 has #use-it"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("## Use { #use-it }", "## Use", "9: no heading has the anchor #use-it of docs/en/t.md:5"),
    ],
)
def test_missing_and_extra_anchors(old, new, expected):
    """A heading without English's anchor, and an anchor English does not have."""
    page = translate().replace(old, new)
    assert page != translate()
    assert drifts(page) == [expected]


def test_extra_heading_is_told_with_its_anchor_and_the_count():
    """A heading English does not have: its anchor, and the heading with both counts."""
    page = translate().replace("## Resumo { #recap }", "## Resumo { #recap }\n\n## Mais { #more }")
    assert drifts(page) == [
        "11: heading anchor #more is not in docs/en/t.md",
        "11: heading `## Mais` has no counterpart in docs/en/t.md (4 headings here, 3 in en)",
    ]


def test_code_blocks_hold_neither_includes_nor_headings():
    """A directive or a `# comment {#x}` inside fenced code is only text, on either side."""
    fenced = "```bash\n# run it { #not-an-anchor }\n<* ../../docs_src/t/z.py *>\n```\n"
    english = read_outline(ENGLISH + "\n" + fenced)
    assert compare_outlines(english, read_outline(translate() + "\n" + fenced), EN) == []
    assert len(english.headings) == 3
    assert len(english.includes) == 2


def test_malformed_include_is_compared_as_written():
    """A directive the include hook refuses still shows up as a difference, by its text."""
    broken = "<* ../../docs_src/t/a.py hl[1,3 *>"
    assert drifts(translate().replace(INC1, broken)) == [
        f"3: {broken}: includes {broken} where docs/en/t.md:3 includes docs_src/t/a.py"
    ]


# Headings, links and code blocks: what FastAPI's own checker compares, told at page:line.

PAGE = textwrap.dedent(
    """\
    ---
    # a comment of the front matter, not a heading
    title: Page
    ---

    # Title { #title }

    Read [the tutorial](tutorial/index.md#start), [Starlette](https://www.starlette.dev/)
    and <https://example.com>, and `[not a link](x.md)` in code.

    ## Run it { #run-it }

    ```console
    $ uvicorn main:app
    ```

    <a href="../about.md">About</a>

    ### Details

    ```python
    def hello(name: str):
        # Say hello
        return {"message": f"Hello {name}"}
    ```

    [docs]: https://fastapi.tiangolo.com
    """
)
TRANSLATED = (
    PAGE.replace("# Title", "# Título")
    .replace("Read [the tutorial]", "Leia [o tutorial]")
    .replace("https://www.starlette.dev/", "https://www.starlette.dev/pt/")
    .replace("Run it", "Execute")
    .replace("### Details", "### Detalhes")
    .replace("# Say hello", "# Diga olá\n    # em português")
    .replace('f"Hello {name}"', 'f"Olá {name}"')
)


def page_drifts(translation: str, english: str = PAGE) -> list[str]:
    """Compare `translation` with `english`; return `line: message` for each drift."""
    found = compare_outlines(read_outline(english), read_outline(translation), EN)
    return [f"{drift.line}: {drift.message}" for drift in found]


def test_outline_reads_headings_links_and_code_blocks():
    """Front matter and code hold no heading; inline code holds no link; each part has its line."""
    outline = read_outline(PAGE)
    assert [(h.line, h.level, h.anchor) for h in outline.headings] == [
        (6, 1, "title"),
        (11, 2, "run-it"),
        (19, 3, None),
    ]
    assert [(link.line, link.url, link.internal) for link in outline.links] == [
        (8, "tutorial/index.md#start", True),
        (8, "https://www.starlette.dev/", False),
        (9, "https://example.com", False),
        (17, "../about.md", True),
        (27, "https://fastapi.tiangolo.com", False),
    ]
    assert [(block.line, block.language, len(block.code)) for block in outline.code_blocks] == [
        (13, "console", 1),
        (21, "python", 3),
    ]


def test_translated_words_comments_strings_and_outbound_links_are_no_drift():
    """A faithful translation: other words, comments over more lines, other texts in strings,
    a link out of the site to its page in the reader's language."""
    assert page_drifts(TRANSLATED) == []


def test_heading_at_another_level():
    """A heading moved down a level, its anchor kept: the anchors agree, the outline does not."""
    moved = TRANSLATED.replace("## Execute { #run-it }", "### Execute { #run-it }")
    assert page_drifts(moved) == [
        "11: heading `### Execute` is level 3 where docs/en/t.md:11 `## Run it` is level 2"
    ]


def test_dropped_heading():
    """A heading the translation lacks, with both counts, told where it belongs: after the
    last heading."""
    assert page_drifts(TRANSLATED.replace("### Detalhes\n", "")) == [
        "11: no heading here for `### Details` of docs/en/t.md:19 (2 headings here, 3 in en)"
    ]


def test_added_dropped_and_redirected_links():
    """A link added, one dropped, and one to the site's pages that leads elsewhere."""
    added = TRANSLATED.replace("em código", "").replace(
        "and <https://example.com>", "and <https://example.com> ([more](more.md))"
    )
    assert page_drifts(added) == [
        "9: link to more.md has no counterpart in docs/en/t.md (6 links here, 5 in en)"
    ]
    dropped = TRANSLATED.replace('<a href="../about.md">About</a>', "About")
    assert page_drifts(dropped) == [
        "28: no link here for the link to ../about.md of docs/en/t.md:17 (4 links here, 5 in en)"
    ]
    redirected = TRANSLATED.replace("tutorial/index.md#start", "tutorial/other.md#start")
    assert page_drifts(redirected) == [
        "8: link to tutorial/other.md#start where docs/en/t.md:8 links to tutorial/index.md#start"
    ]


def test_changed_code_names_the_first_line_that_differs():
    """Code other than its comments and strings: the first differing line, on both sides."""
    changed = TRANSLATED.replace("def hello(name: str):", "def hello(name: int):")
    assert page_drifts(changed) == [
        "22: code differs: `def hello(name: int):` where docs/en/t.md:22 has "
        "`def hello(name: str):`"
    ]
    longer = TRANSLATED.replace('{name}"}', '{name}"}\n    pass')
    assert page_drifts(longer) == [
        "26: code differs: `pass` is not in the block of docs/en/t.md:21"
    ]
    shorter = TRANSLATED.replace('    return {"message": f"Olá {name}"}\n', "")
    assert page_drifts(shorter) == [
        '22: code differs: no line for `return {"": ""name""}` of docs/en/t.md:24'
    ]


def test_code_block_added_dropped_or_in_another_language():
    """Blocks pair by language: one more, one fewer, and one whose language changed."""
    added = TRANSLATED + "\n```bash\nls\n```\n"
    assert page_drifts(added) == [
        "30: code block ```bash has no counterpart in docs/en/t.md (3 code blocks here, 2 in en)"
    ]
    dropped = TRANSLATED.replace("```console\n$ uvicorn main:app\n```\n", "")
    assert page_drifts(dropped) == [
        "18: no code block here for the ```console of docs/en/t.md:13 (1 code blocks here, 2 in en)"
    ]
    other = TRANSLATED.replace("```console", "```bash")
    assert page_drifts(other) == ["13: code block ```bash where docs/en/t.md:13 is ```console"]


def test_prose_blocks_are_compared_by_language_only():
    """Text and Markdown blocks, and languages Pygments does not know, are translated freely."""
    for language in ("text", "markdown", "", "not-a-language"):
        english = f"# T\n\n```{language}\nHello, world\n```\n"
        assert page_drifts(english.replace("Hello, world", "Olá, mundo\nem dois"), english) == []


def test_raw_includes_are_compared_like_includes():
    """A `{! path !}` in a fence is part of the outline: another file, or none, is drift."""
    english = "# T\n\n```html\n{! ../../docs_src/t/page.html !}\n```\n"
    assert page_drifts(english, english) == []
    other = english.replace("page.html", "other.html")
    assert page_drifts(other, english) == [
        "4: {! ../../docs_src/t/other.html !}: includes docs_src/t/other.html where "
        "docs/en/t.md:4 includes docs_src/t/page.html"
    ]
    dropped = english.replace("{! ../../docs_src/t/page.html !}", "<p>Hi</p>")
    assert page_drifts(dropped, english) == [
        "1: the include of docs/en/t.md:4 is missing: {! ../../docs_src/t/page.html !}",
        "3: code block ```html has no counterpart in docs/en/t.md (1 code blocks here, 0 in en)",
    ]


def test_headings_pair_by_level_when_the_translation_has_no_anchors():
    """Only B is missing: the headings without anchors still pair with the right ones."""
    english = "# A { #a }\n\n## B { #b }\n\n### C { #c }\n"
    found = [d for d in page_drifts("# A\n\n### C\n", english) if "anchor" not in d]
    assert found == ["3: no heading here for `## B` of docs/en/t.md:3 (2 headings here, 3 in en)"]


def test_a_link_out_pairs_with_one_to_the_same_site():
    """The link dropped is the one named, though neither leads to the site's own pages."""
    english = "A [x](https://a.example/en/) and <a href='https://b.example'>b</a>.\n"
    translation = "Um <a href='https://b.example'>b</a>.\n"
    assert page_drifts(translation, english) == [
        "1: no link here for the link to https://a.example/en/ of docs/en/t.md:1 "
        "(1 links here, 2 in en)"
    ]
    localized = english.replace("https://a.example/en/", "https://www.a.example/pt/")
    assert page_drifts(localized, english) == []


def test_a_block_added_before_one_of_the_same_language_is_the_one_named():
    """Blocks pair by language and first line of code: the new block is the extra one."""
    english = "```console\n$ fastapi dev\n```\n"
    translation = "```console\n$ pip install x\n```\n\n" + english
    assert page_drifts(translation, english) == [
        "1: code block ```console has no counterpart in docs/en/t.md (2 code blocks here, 1 in en)"
    ]
