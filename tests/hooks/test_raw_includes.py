"""`{! path !}`: the raw text of a docs_src file, pasted where it stands, fences included."""

import textwrap

import pytest

from variant_includes.cache import ModelCache, PageCache
from variant_includes.page import expand_includes

PAGE = "docs/ru/tutorial/custom-ui.md"
HTML = "<!DOCTYPE html>\n<html>\n  <body>\n\n    <h1>`Olá`, мир</h1>\n  </body>\n</html>\n"
RAW = "{! ../../docs_src/ui/page.html !}"


@pytest.fixture
def project(tmp_path):
    """docs/ru/tutorial/, docs_src/ui/page.html and a Latin-1 file, a program in docs_src/t/,
    and files beside docs_src/ that no include may reach."""
    (tmp_path / "docs" / "ru" / "tutorial").mkdir(parents=True)
    (tmp_path / "docs_src" / "ui").mkdir(parents=True)
    (tmp_path / "docs_src" / "ui" / "page.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "docs_src" / "ui" / "latin.html").write_bytes("<p>olá</p>\n".encode("latin-1"))
    (tmp_path / "docs_src" / "t").mkdir()
    (tmp_path / "docs_src" / "t" / "main.py").write_text("x = 1\ny = 2\n")
    (tmp_path / "docs_src_evil").mkdir()
    (tmp_path / "docs_src_evil" / "x.html").write_text("<p>evil</p>\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n")
    return tmp_path


def expand(project, text, line_offset=0, cache=None):
    """Expand `text` as the Russian page docs/ru/tutorial/custom-ui.md."""
    return expand_includes(
        text,
        page=PAGE,
        lang="ru",
        lang_root=project / "docs" / "ru",
        docs_src=project / "docs_src",
        line_offset=line_offset,
        cache=cache,
    )


def test_inside_a_fence_the_file_is_pasted_verbatim(project):
    """The file's text replaces the line, as written, with its final newline not doubled."""
    expanded, errors = expand(project, f"# UI\n\n```html\n{RAW}\n```\n")
    assert expanded == f"# UI\n\n```html\n{HTML}```\n"
    assert errors == []


def test_each_line_gets_the_indentation_of_the_include(project):
    """Inside a list item's indented fence, every line of the file is indented as the include."""
    text = textwrap.dedent(
        f"""\
        1. The page:

            ```html
            {RAW}
            ```
        """
    )
    expanded, errors = expand(project, text)
    assert expanded == textwrap.dedent(
        """\
        1. The page:

            ```html
            <!DOCTYPE html>
            <html>
              <body>

                <h1>`Olá`, мир</h1>
              </body>
            </html>
            ```
        """
    )
    assert errors == []


def test_inside_inline_code_or_after_text_it_stays_text(project):
    """An inline code span, even over several lines, holds it as text; so does a sentence."""
    text = textwrap.dedent(
        f"""\
        Write `{RAW}` in a fence.

        Inline `code over
        {RAW}
        lines` ends here.
        """
    )
    assert expand(project, text) == (text, [])


def test_pasted_text_is_not_read_for_includes(project):
    """What a file holds is shown as it is, even if it looks like a directive."""
    (project / "docs_src" / "ui" / "doc.md").write_text(f"<* ../../docs_src/t/main.py *>\n{RAW}\n")
    text = "```markdown\n{! ../../docs_src/ui/doc.md !}\n```"
    expanded, errors = expand(project, text)
    assert expanded == f"```markdown\n<* ../../docs_src/t/main.py *>\n{RAW}\n```"
    assert errors == []


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "../../docs_src/ui/pages.html",
            "../../docs_src/ui/pages.html does not exist (looked for docs_src/ui/pages.html); "
            "did you mean page.html?",
        ),
        (
            "../../docs_src_evil/x.html",
            "../../docs_src_evil/x.html is outside docs_src/, where every included program lives",
        ),
        (
            "../../mkdocs.yml",
            "../../mkdocs.yml is outside docs_src/, where every included program lives",
        ),
        ("../../docs_src/ui", "../../docs_src/ui is a folder; name a file in it"),
        (
            "../../docs_src/ui/latin.html",
            "latin.html is not UTF-8 text (byte 0xe1 at offset 5)",
        ),
    ],
    ids=["missing", "sibling-folder", "outside", "folder", "not-utf8"],
)
def test_each_mistake_names_page_line_include_and_problem(project, path, message):
    """One message per wrong include, `page:line: {! path !}: what is wrong`, lines counted from
    the file on disk, shown in the page instead of the file."""
    text = f"# UI\n\n```html\n  {{! {path} !}}\n```\n"
    expanded, errors = expand(project, text, line_offset=3)
    expected = f"{PAGE}:7: {{! {path} !}}: {message}"
    assert [str(error) for error in errors] == [expected]
    assert expected in expanded
    assert path not in expanded.replace(expected, "")


def test_an_error_inside_a_fence_closes_the_block_around_its_own(project, golden):
    """The error block cannot sit inside code: the fence is closed before it and opened again
    after it, at the fence's indentation."""
    text = textwrap.dedent(
        """\
        # UI

        1. The page:

            ~~~~html title="page.html"
            <main>
                {! ../../docs_src/ui/nope.html !}
            </main>
            ~~~~

        {! ../../docs_src/ui/nope.css !}
        """
    )
    expanded, errors = expand(project, text)
    assert [error.line for error in errors] == [7, 11]
    golden("raw-include-errors-ru.md", expanded)


def test_errors_come_in_the_order_of_their_lines(project):
    """A wrong raw include above a wrong directive is reported first."""
    text = "{! ../../docs_src/ui/nope.html !}\n\n<* ../../docs_src/t/main.py hl[9] *>\n"
    _, errors = expand(project, text)
    assert [error.line for error in errors] == [1, 3]


def test_the_file_read_is_recorded_with_the_programs(project):
    """The page's cache notes the pasted file beside what its directive read, so a dirty build
    renders the page again when either changes."""
    models = ModelCache()
    directive_reads, reads = PageCache(models), PageCache(models)
    directive = "<* ../../docs_src/t/main.py *>\n"
    expand(project, directive, cache=directive_reads)
    _, errors = expand(project, f"{directive}\n```html\n{RAW}\n```\n", cache=reads)
    assert errors == []
    page_html = (project / "docs_src" / "ui" / "page.html").resolve()
    assert reads.paths == {*directive_reads.paths, page_html}
    assert page_html not in directive_reads.paths
