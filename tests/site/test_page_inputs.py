"""What a save touches follows from what the pages read: a new kind of page input, added to the
directive alone (tests/site/fixture_option.py), is rebuilt right under `mkdocs serve --dirty`
with no change to the build or its rebuild planning."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from benchmarks.site import Site, generate_site, page_path, read_config, write_config
from tests.browser.servers import free_port, start_server, stop
from tests.project import REPO_ROOT, mkdocs_env
from tests.site.test_dirty_rebuilds import EVERYTHING, DirtyServe, assert_same_site, replace_in

# MkDocs's command line, with the fixture option installed first.
WITH_FIXTURE = (
    "import sys; sys.path[:0] = sys.argv.pop(1).split('|'); "
    "from tests.site import fixture_option; fixture_option.install(); "
    "from mkdocs.__main__ import cli; cli(prog_name='mkdocs')"
)
DIRECTIVE = '<* ../../docs_src/{program} fixture["fixtures/data.txt"] *>\n'


def mkdocs_with_fixture(*arguments: str) -> list[str]:
    """Return the command running MkDocs with `arguments`, the fixture option installed."""
    paths = f"{REPO_ROOT}|{REPO_ROOT / 'hooks'}"
    return [sys.executable, "-c", WITH_FIXTURE, paths, *arguments]


@pytest.fixture
def fixture_site(tmp_path: Path) -> Iterator[DirtyServe]:
    """A generated site whose first page shows a fixture file, served with `--dirty`."""
    site: Site = generate_site(tmp_path / "site", pages=2)
    data = site.root / "docs_src" / "fixtures" / "data.txt"
    data.parent.mkdir()
    data.write_text("first_value\n", encoding="utf-8")
    program = site.program_file(1, 0).relative_to(site.root / "docs_src").as_posix()
    for lang in ("en", "pt", "ru"):
        with site.page_file(lang, 1).open("a", encoding="utf-8") as page:
            page.write("\n" + DIRECTIVE.format(program=program))
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    config = read_config(site.config)
    config["site_url"] = url
    write_config(site.config, config)
    log_path = tmp_path / "serve.log"
    command = mkdocs_with_fixture("serve", "--livereload", "--dirty", "-a", f"127.0.0.1:{port}")
    process = start_server([*command, "-f", str(site.config)], site.root, url, log_path)
    server = DirtyServe(site, log_path, process)
    server.data = data
    server.url = url
    try:
        yield server
    finally:
        stop(process)
        print(f"--- {log_path} ---\n{server.log()}")


def clean_build_with_fixture(site: Site, dest: Path) -> Path:
    """Build `site` from scratch into `dest`, the fixture option installed."""
    command = mkdocs_with_fixture("build", "-f", str(site.config), "-d", str(dest))
    result = subprocess.run(
        command, capture_output=True, text=True, env=mkdocs_env(dest.parent), timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


def test_an_edited_fixture_is_served_as_a_clean_build_makes_it(fixture_site, tmp_path):
    """The page shows the fixture; an edit of it renders that page, in every language, and not
    every page; the served site is then what a clean build makes."""
    assert "first_value" in httpx.get(fixture_site.url + page_path("en", 1)).text
    logged = fixture_site.edit(replace_in(fixture_site.data, "first_value", "second_value"))
    assert EVERYTHING not in logged
    for lang in ("en", "pt", "ru"):
        assert "second_value" in httpx.get(fixture_site.url + page_path(lang, 1)).text
    clean = clean_build_with_fixture(fixture_site.site, tmp_path / "clean")
    assert_same_site(fixture_site.site_dir, clean)
