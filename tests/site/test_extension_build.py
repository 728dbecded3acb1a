"""The directive as a Markdown extension in mkdocs.yml, with no hook: both error modes."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.project import build_site

MISSING = (
    "<page>:5: <* ../docs_src/t/zz.py *>: ../docs_src/t/zz.py does not exist "
    "(looked for docs_src/t/zz.py); did you mean a.py?"
)


def make_site(root: Path, options: str, page: str) -> Path:
    """Write a one-page site whose mkdocs.yml loads `variant_includes` with `options`."""
    (root / "docs").mkdir()
    (root / "docs_src" / "t").mkdir(parents=True)
    (root / "docs_src" / "t" / "a.py").write_text("x = 1\ny = 2\n")
    (root / "docs" / "index.md").write_text(page)
    config = textwrap.dedent(
        """\
        site_name: T
        theme:
          name: material
          font: false
        markdown_extensions:
          - pymdownx.superfences
          - pymdownx.highlight
          - variant_includes:
              lang: pt
              lang_root: {docs}
              docs_src: {docs_src}
        """
    ).format(docs=root / "docs", docs_src=root / "docs_src")
    (root / "mkdocs.yml").write_text(config + textwrap.indent(options, " " * 6))
    return root / "mkdocs.yml"


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_extension_renders_the_program(tmp_path, engine):
    """A site without our hooks still gets the program, highlighted, from the extension."""
    config = make_site(tmp_path, "on_error: raise\n", "# T\n\n<* ../docs_src/t/a.py hl[2] *>\n")
    build = build_site(config, tmp_path / "site", engine=engine)
    assert build.returncode == 0, build.log
    page = BeautifulSoup((tmp_path / "site" / "index.html").read_text(), "html.parser")
    assert [line.get_text() for line in page.select(".hll")] == ["y = 2\n"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("on_error: raise\n", [f"ERROR   -  {MISSING}", "Aborted with a BuildError!"]),
        (
            "on_error: render\nlogger: mkdocs.extensions.variant_includes\n",
            [f"WARNING -  {MISSING}", "Aborted with 1 warnings in strict mode!"],
        ),
    ],
    ids=["raise", "render"],
)
def test_wrong_directive_fails_the_strict_build_cleanly(tmp_path, options, expected):
    """CI's mode raises a build error, authors' mode warns where --strict counts: no traceback."""
    page = "# T\n\n<* ../docs_src/t/a.py *>\n\n<* ../docs_src/t/zz.py *>\n"
    build = build_site(make_site(tmp_path, options, page), tmp_path / "site")
    assert build.returncode == 1
    for line in expected:
        assert line in build.log
    assert "Traceback" not in build.log
