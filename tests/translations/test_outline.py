"""Drift: a translation's includes and heading anchors against its English page's."""

import textwrap

import pytest

from translations.outline import compare_outlines, read_outline

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
        (
            "## Resumo { #recap }",
            "## Resumo { #recap }\n\n## Mais { #more }",
            "11: heading anchor #more is not in docs/en/t.md",
        ),
    ],
)
def test_missing_and_extra_anchors(old, new, expected):
    """A heading without English's anchor, and an anchor English does not have."""
    page = translate().replace(old, new)
    assert page != translate()
    assert drifts(page) == [expected]


def test_code_blocks_hold_neither_includes_nor_anchors():
    """A directive or a `# comment {#x}` inside fenced code is only text, on either side."""
    fenced = "```bash\n# run it { #not-an-anchor }\n<* ../../docs_src/t/z.py *>\n```\n"
    assert drifts(translate() + "\n" + fenced) == []


def test_malformed_include_is_compared_as_written():
    """A directive the include hook refuses still shows up as a difference, by its text."""
    broken = "<* ../../docs_src/t/a.py hl[1,3 *>"
    assert drifts(translate().replace(INC1, broken)) == [
        f"3: {broken}: includes {broken} where docs/en/t.md:3 includes docs_src/t/a.py"
    ]
