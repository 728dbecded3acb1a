"""Expanding a whole page: every wrong directive is one located message and an error block."""

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from variant_includes.errors import IncludeError
from variant_includes.page import expand_includes

PAGE = "docs/ru/tutorial/background-tasks.md"


@pytest.fixture
def project(tmp_path):
    """docs/ru/tutorial/ and a 15-line docs_src/t/main.py, plus a Latin-1 file."""
    (tmp_path / "docs" / "ru" / "tutorial").mkdir(parents=True)
    (tmp_path / "docs_src" / "t").mkdir(parents=True)
    (tmp_path / "docs_src" / "t" / "main.py").write_text("".join(f"x = {n}\n" for n in range(15)))
    (tmp_path / "docs_src" / "t" / "latin.py").write_bytes("s = 'olá'\n".encode("latin-1"))
    (tmp_path / "outside.py").write_text("x = 1\n")
    return tmp_path


def expand(project, markdown, line_offset=0):
    """Expand `markdown` as the Russian page docs/ru/tutorial/background-tasks.md."""
    return expand_includes(
        markdown,
        page=PAGE,
        lang="ru",
        lang_root=project / "docs" / "ru",
        docs_src=project / "docs_src",
        line_offset=line_offset,
    )


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        (
            "<* ../../docs_src/t/zz.py *>",
            "../../docs_src/t/zz.py does not exist (looked for docs_src/t/zz.py)",
        ),
        (
            "<* ../../outside.py *>",
            "../../outside.py is outside docs_src/, where every included program lives",
        ),
        (
            "<* ../../docs_src/t/main.py hl[1] colour[red] *>",
            "unknown option 'colour'; the options are hl, ln, title, run",
        ),
        (
            "<* ../../docs_src/t/main.py hl[0] *>",
            "hl[0]: lines count from 1, so '0' names no line",
        ),
        (
            "<* ../../docs_src/t/main.py hl[40] *>",
            "line 40 is past the end of main.py (15 lines)",
        ),
        (
            "<* ../../docs_src/t/main.py ln[10:20] *>",
            "line 20 is past the end of main.py (15 lines)",
        ),
        (
            "<* ../../docs_src/t/main.py hl[7:3] *>",
            "hl[7:3]: the range '7:3' ends before it starts",
        ),
        (
            "<* ../../docs_src/t/main.py hl[x] *>",
            "hl[x]: 'x' is not a line number or range (write N, A:B or A-B)",
        ),
        (
            "<* ../../docs_src/t/main.py ln[1:3] hl[9] *>",
            "hl line 9 is not among the lines ln[1:3] shows",
        ),
        ("<* ../../docs_src/t/latin.py *>", "latin.py is not UTF-8 text (byte 0xe1 at offset 7)"),
    ],
)
def test_each_mistake_names_page_line_directive_and_problem(project, directive, message):
    """One message per wrong directive: `page:line: directive: what is wrong`."""
    markdown = f"# Title\n\nText.\n\n  {directive}\n\nMore text.\n"
    expanded, errors = expand(project, markdown, line_offset=3)
    assert [str(error) for error in errors] == [f"{PAGE}:8: {directive}: {message}"]
    assert f"{PAGE}:8: {directive}: {message}" in expanded
    assert "  ////// danger | Ошибка включения" in expanded


def test_error_block_replaces_only_the_wrong_directive(project):
    """The rest of the page, and its good directives, render as usual."""
    markdown = textwrap.dedent(
        """\
        <* ../../docs_src/t/main.py hl[99] *>

        <* ../../docs_src/t/main.py ln[2] *>
        """
    )
    expanded, errors = expand(project, markdown)
    assert [error.line for error in errors] == [1]
    good = expanded.split("<* ../../docs_src/t/main.py hl[99] *>")[-1].split("//////\n", 1)[1]
    assert good.startswith("\n```python\n# Код выше опущен 👆\nx = 1\n# Код ниже опущен 👇\n```\n")


def test_good_page_has_no_errors(project):
    """A page with correct directives reports nothing."""
    _, errors = expand(project, "<* ../../docs_src/t/main.py hl[1:3] *>\n")
    assert errors == []


# Directive-like lines built from the grammar's pieces and from arbitrary text.
PIECES = st.sampled_from(
    [
        "../../docs_src/t/main.py",
        "../../docs_src/t/missing.py",
        "../../docs_src/t/latin.py",
        "/etc/passwd",
        "../../outside.py",
        "hl[",
        "ln[",
        "title[",
        "]",
        '"',
        "1",
        "3:5",
        "9-2",
        "0",
        "99",
        ",",
        " ",
        "x",
        "\\",
        "*>",
        "*}",
    ]
)
BODIES = st.one_of(st.lists(PIECES, max_size=12).map("".join), st.text(max_size=40))


# The project is only read, so sharing it between examples is safe.
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(opener=st.sampled_from(["<*", "{*"]), body=BODIES, closer=st.sampled_from(["*>", "*}", ""]))
def test_any_directive_line_renders_or_raises_include_error(project, opener, body, closer):
    """Whatever an author types on a directive line, the result is a rendering or our error."""
    line = f"{opener} {body} {closer}".replace("\n", " ").replace("\r", " ")
    try:
        _, errors = expand(project, f"{line}\n")
    except Exception as error:  # the property: nothing but IncludeError, reported, never raised
        pytest.fail(f"{line!r} raised {error!r}")
    assert all(isinstance(error, IncludeError) for error in errors)
    assert all(str(error).startswith(f"{PAGE}:1: ") for error in errors)
