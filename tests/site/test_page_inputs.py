"""What a save touches follows from what the pages read: a new kind of page input, added to the
directive alone (tests/site/fixture_option.py), is rebuilt right under `mkdocs serve --dirty`
with no change to the build or its rebuild planning."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from benchmarks.site import generate_site, page_path
from tests.project import REPO_ROOT
from tests.site.test_dirty_rebuilds import (
    EVERYTHING,
    DirtyServe,
    assert_same_site,
    clean_build,
    replace_in,
    serve_dirty,
)

# MkDocs's command line, with the fixture option installed first.
WITH_FIXTURE = (
    "import sys; sys.path[:0] = sys.argv.pop(1).split('|'); "
    "from tests.site import fixture_option; fixture_option.install(); "
    "from mkdocs.__main__ import cli; cli(prog_name='mkdocs')"
)
DIRECTIVE = '<* ../../docs_src/{program} fixture["fixtures/data.txt"] *>\n'


def mkdocs_with_fixture() -> list[str]:
    """Return the command that runs MkDocs with the fixture option installed."""
    paths = f"{REPO_ROOT}|{REPO_ROOT / 'hooks'}"
    return [sys.executable, "-c", WITH_FIXTURE, paths]


@pytest.fixture
def fixture_site(tmp_path: Path) -> Iterator[DirtyServe]:
    """A generated site whose first page shows a fixture file, served with `--dirty`."""
    site = generate_site(tmp_path / "site", pages=2)
    data = site.root / "docs_src" / "fixtures" / "data.txt"
    data.parent.mkdir()
    data.write_text("first_value\n", encoding="utf-8")
    program = site.program_file(1, 0).relative_to(site.root / "docs_src").as_posix()
    for lang in ("en", "pt", "ru"):
        with site.page_file(lang, 1).open("a", encoding="utf-8") as page:
            page.write("\n" + DIRECTIVE.format(program=program))
    with serve_dirty(site, tmp_path, mkdocs_with_fixture()) as server:
        server.data = data
        yield server


def test_an_edited_fixture_is_served_as_a_clean_build_makes_it(fixture_site, tmp_path):
    """The page shows the fixture; an edit of it renders that page, in every language, and not
    every page; the served site is then what a clean build makes."""
    assert "first_value" in httpx.get(fixture_site.url + page_path("en", 1)).text
    logged = fixture_site.edit(replace_in(fixture_site.data, "first_value", "second_value"))
    assert EVERYTHING not in logged
    for lang in ("en", "pt", "ru"):
        assert "second_value" in httpx.get(fixture_site.url + page_path(lang, 1)).text
    clean = clean_build(fixture_site.site, tmp_path / "clean", mkdocs_with_fixture())
    assert_same_site(fixture_site.site_dir, clean)
