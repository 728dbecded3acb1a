"""The directive's grammar: where directives stand, what they say, and how a wrong one is told."""

import textwrap

import pytest

from variant_includes.errors import IncludeError
from variant_includes.grammar import (
    Directive,
    LineRange,
    parse_directive,
    scan_directives,
    scan_raw_includes,
)

PATH = "../../docs_src/background_tasks/tutorial001.py"


def test_parses_path_and_every_option():
    """All three options, in any order, with ranges in every spelling."""
    line = f'   <* {PATH} title["main.py"] ln[1:3, 6-9] hl[1,2 7:8] *>'
    assert parse_directive(line, 12) == Directive(
        text=f'<* {PATH} title["main.py"] ln[1:3, 6-9] hl[1,2 7:8] *>',
        line=12,
        indent="   ",
        path=PATH,
        hl=(LineRange(1, 1), LineRange(2, 2), LineRange(7, 8)),
        ln=(LineRange(1, 3), LineRange(6, 9)),
        title="main.py",
    )


def test_run_names_the_requests_to_send():
    """`run[...]` takes quoted requests, a JSON body after one, beside the other options."""
    line = f'<* {PATH} hl[1] run["POST /items/?q=1", "PUT /items/1 {{\\"name\\": \\"a]\\"}}"] *>'
    directive = parse_directive(line, 3)
    assert directive.hl == (LineRange(1, 1),)
    assert [str(request) for request in directive.run] == [
        "POST /items/?q=1",
        'PUT /items/1 {"name": "a]"}',
    ]


def test_braces_are_an_alias():
    """FastAPI-style `{* ... *}` reads the same as `<* ... *>`."""
    directive = parse_directive(f"{{* {PATH} hl[1,13] *}}", 1)
    assert (directive.path, directive.hl) == (PATH, (LineRange(1, 1), LineRange(13, 13)))


def test_title_escapes_and_brackets():
    """A title may hold `]` and escaped backslashes."""
    assert parse_directive(rf'<* {PATH} title["a]\\b"] *>', 1).title == "a]\\b"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (f"<* {PATH} hl[0] *>", "hl[0]: lines count from 1, so '0' names no line"),
        (f"<* {PATH} hl[9:3] *>", "hl[9:3]: the range '9:3' ends before it starts"),
        (
            f"<* {PATH} hl[1,x] *>",
            "hl[1,x]: 'x' is not a line number or range (write N, A:B or A-B)",
        ),
        (f"<* {PATH} ln[] *>", "ln[]: no lines are named"),
        (
            f"<* {PATH} hl[-2] *>",
            "hl[-2]: '-2' is not a line number or range (write N, A:B or A-B)",
        ),
        (f"<* {PATH} lines[1] *>", "unknown option 'lines'; the options are hl, ln, title, run"),
        (f"<* {PATH} hl[1] hl[2] *>", "hl[...] is given twice"),
        (
            f"<* {PATH} title[main] *>",
            'title[main]: the title must be quoted, e.g. title["main.py"]',
        ),
        (f'<* {PATH} title[""] *>', 'title[""]: the title is empty'),
        (
            f"<* {PATH} hl[1]x *>",
            "cannot read 'x': options are written name[value], separated by spaces, e.g. hl[3,5:7]",
        ),
        (f"<* {PATH}", "the directive opens with <* but does not end with *>"),
        (f"{{* {PATH} *>", "the directive opens with {* but does not end with *}"),
        (
            "<* *>",
            "names no file: write the path first, e.g. "
            "<* ../../docs_src/background_tasks/tutorial001.py *>",
        ),
    ],
)
def test_wrong_directive_says_what_is_wrong(line, message):
    """Each mistake is one `IncludeError` with a message that says what is wrong."""
    with pytest.raises(IncludeError) as caught:
        parse_directive(line, 1)
    assert str(caught.value) == message


def test_directives_in_code_stay_text():
    """Fences of any length and indentation, and inline code spans, hold directives as text."""
    markdown = textwrap.dedent(
        """\
        <* a.py *>
        ```markdown
        <* in-backtick-fence.py *>
        ```
        ~~~~
        <* in-tilde-fence.py *>
        ~~~
        <* still-in-tilde-fence.py *>
        ~~~~
        1. item

            ```
            <* in-indented-fence.py *>
            ```

            <* b.py *>

        Inline `code that runs
        <* in-inline-code.py *>
        over lines` ends here.
        <* c.py *>

        A paragraph with an `unclosed backtick

        {* d.py *}
        """
    )
    assert [line.strip() for _, line in scan_directives(markdown)] == [
        "<* a.py *>",
        "<* b.py *>",
        "<* c.py *>",
        "{* d.py *}",
    ]


def test_directive_must_stand_alone_on_its_line():
    """A directive inside a sentence or after other text is not a directive."""
    markdown = "Write `<* path *>` alone.\nsee <* a.py *>\n"
    assert list(scan_directives(markdown)) == []


def test_scan_reports_line_numbers_from_one():
    """Line numbers count from 1, as an editor shows them."""
    assert list(scan_directives("# Title\n\n  <* a.py *>\n")) == [(3, "  <* a.py *>")]


def test_raw_includes_are_found_in_fences_but_not_in_inline_code():
    """`{! path !}` alone on its line counts inside fenced code blocks, where it is meant to
    be; inline code, a sentence, or no path at all leave it as text."""
    markdown = textwrap.dedent(
        """\
        {! a.md !}
        ```html
        {! in-fence.html !}
        <* in-fence.py *>
        ```
        1. item

            ~~~~css
              {!indented.css!}
            ~~~~

        Write `{! in-a-sentence.html !}` in a fence.
        Inline `code that runs, with `` in it,
        {! in-inline-code.html !}
        over lines` ends here.
        {! after code.js !}

        {! !}
        {!> ../marked.py!}
        {!+ recursive.md !}
        """
    )
    assert list(scan_raw_includes(markdown)) == [
        (1, "a.md"),
        (3, "in-fence.html"),
        (9, "indented.css"),
        (16, "after code.js"),
        (19, "../marked.py"),
        (20, "recursive.md"),
    ]


def test_raw_includes_are_not_directives():
    """`{! !}` and `<* *>` are told apart: each scan finds only its own."""
    markdown = "{! a.html !}\n<* b.py *>\n"
    assert list(scan_directives(markdown)) == [(2, "<* b.py *>")]
    assert list(scan_raw_includes(markdown)) == [(1, "a.html")]
