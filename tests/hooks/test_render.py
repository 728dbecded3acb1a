"""Rendered Markdown, compared with golden files; `pytest --update-golden` rewrites them."""

import textwrap
from pathlib import Path

import pytest

from variant_includes.page import expand_includes

ROOT = Path(__file__).parents[2]
TUTORIAL = "../../docs_src/background_tasks"

# (golden file, page language, page Markdown) for the real programs.
REAL_CASES = [
    ("tutorial001-hl-en", "en", f"<* {TUTORIAL}/tutorial001.py hl[1,13] *>"),
    ("tutorial002-variants-en", "en", f"<* {TUTORIAL}/tutorial002_an_py310.py hl[13,16,22,25] *>"),
    ("tutorial002-variants-pt", "pt", f"<* {TUTORIAL}/tutorial002_an_py310.py hl[13,16,22,25] *>"),
    ("tutorial002-variants-ru", "ru", f"<* {TUTORIAL}/tutorial002_an_py310.py hl[13,16,22,25] *>"),
    (
        "tutorial002-ln-title-pt",
        "pt",
        f'<* {TUTORIAL}/tutorial002_an_py310.py ln[13:17,20:26] hl[16,25] title["main.py"] *>',
    ),
    (
        "tutorial001-in-list-ru",
        "ru",
        f"1. Шаг первый:\n\n    {{* {TUTORIAL}/tutorial001.py hl[14] *}}\n\n2. Шаг второй.",
    ),
]


@pytest.mark.parametrize(("name", "lang", "markdown"), REAL_CASES, ids=[c[0] for c in REAL_CASES])
def test_real_programs_render_as_golden(name, lang, markdown, golden):
    """The tutorial's directives render to the expected Markdown in each language."""
    rendered, errors = expand_includes(
        markdown,
        page=f"docs/{lang}/tutorial/x.md",
        lang=lang,
        lang_root=ROOT / "docs" / lang,
        docs_src=ROOT / "docs_src",
    )
    assert errors == []
    golden(f"{name}.md", rendered)


@pytest.fixture
def project(tmp_path):
    """An empty project with docs/en/ and docs_src/t/."""
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs_src" / "t").mkdir(parents=True)
    return tmp_path


def render_small(project, files: dict[str, bytes], markdown: str) -> str:
    """Write `files` into docs_src/t/ and expand `markdown` as docs/en/page.md."""
    for name, content in files.items():
        (project / "docs_src" / "t" / name).write_bytes(content)
    rendered, errors = expand_includes(
        markdown,
        page="docs/en/page.md",
        lang="en",
        lang_root=project / "docs" / "en",
        docs_src=project / "docs_src",
    )
    assert errors == []
    return rendered


def test_ln_marks_each_omitted_part_and_previews_the_whole_file(project):
    """Code above, between and below the shown ranges is marked; hl counts the file's lines.
    The whole program follows, collapsed, with the same highlights, for a copy that runs."""
    code = "".join(f"x{n} = {n}\n" for n in range(1, 11)).encode()
    rendered = render_small(
        project, {"a.py": code}, "<* ../../docs_src/t/a.py ln[3:4,7] hl[4,7] *>"
    )
    whole = "".join(f"x{n} = {n}\n" for n in range(1, 11))
    assert rendered == textwrap.dedent(
        """\
        ```python hl_lines="3 5"
        # Code above omitted 👆
        x3 = 3
        x4 = 4
        # Code here omitted 👈
        x7 = 7
        # Code below omitted 👇
        ```

        ////// details | 👀 Full file preview

        ```python hl_lines="4 7"
        {whole}```

        //////"""
    ).replace("{whole}", whole)


def test_empty_file_renders_an_empty_block(project):
    """An empty program is an empty code block, not an error."""
    assert render_small(project, {"e.py": b""}, "<* ../../docs_src/t/e.py *>") == "```python\n```"


def test_awkward_file_renders_as_written(project):
    """BOM, CRLF, a tab, non-ASCII and a missing final newline; backticks lengthen the fence."""
    code = "\ufeffs = 'olá'\r\nif s:\r\n\tdoc = '```'".encode()
    rendered = render_small(project, {"w.py": code}, "  <* ../../docs_src/t/w.py hl[3] *>")
    assert rendered == textwrap.indent(
        "````python hl_lines=\"3\"\ns = 'olá'\nif s:\n    doc = '```'\n````", "  "
    )


def test_variant_without_counterpart_is_not_highlighted(project):
    """A highlighted line that a variant lacks highlights nothing there."""
    files = {
        "m_an.py": b"from typing import Annotated\n\nx = 1\n",
        "m.py": b"x = 1\n",
    }
    rendered = render_small(project, files, "<* ../../docs_src/t/m_an.py hl[1,3] *>")
    blocks = [line for line in rendered.splitlines() if line.startswith("```python")]
    assert blocks == ['```python hl_lines="1 3"', '```python hl_lines="1"']


# One settings module in five variant folders; there is no app02_an_py39/.
CONFIG_AN = b"""\
from typing import Annotated

from fastapi import Header


def read_region(region: Annotated[str | None, Header()] = None):
    return region or "eu"
"""
CONFIG = b"""\
from fastapi import Header


def read_region(region: str | None = Header(default=None)):
    return region or "eu"
"""


def test_variant_folders_render_as_tabs(project, golden):
    """Each folder's config.py is a tab, titled; only a Python with an Annotated one gets a tip."""
    for folder, code in [
        ("app02_an_py310", CONFIG_AN),
        ("app02_an", CONFIG_AN.replace(b"str | None", b"Optional[str]")),
        ("app02_py310", CONFIG),
        ("app02_py39", CONFIG.replace(b"str | None", b"Optional[str]")),
        ("app02", CONFIG.replace(b"str | None", b"Optional[str]")),
    ]:
        (project / "docs_src" / "t" / folder).mkdir()
        (project / "docs_src" / "t" / folder / "config.py").write_bytes(code)
    rendered = render_small(
        project, {}, '<* ../../docs_src/t/app02_an_py310/config.py hl[6] title["config.py"] *>'
    )
    golden("folder-variants-en.md", rendered)


def test_no_annotated_variant_means_no_tip(project):
    """Without any `_an` file, tabs are named by Python alone and carry no tip."""
    files = {"m_py310.py": b"x: int | None = None\n", "m.py": b"x: Optional[int] = None\n"}
    rendered = render_small(project, files, "<* ../../docs_src/t/m_py310.py hl[1] *>")
    assert [line for line in rendered.splitlines() if line.startswith("//")] == [
        "/////// tab | Python 3.10+",
        "///////",
        "////// details | 🤓 Other versions and variants",
        "/////// tab | Python 3.8+",
        "///////",
        "//////",
    ]
