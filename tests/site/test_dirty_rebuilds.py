"""`mkdocs serve --dirty` never serves a stale page: after each kind of edit an author makes,
the served site is, file for file, the site a clean `mkdocs build` makes of the same sources.

The rebuilds render only the pages an edit touches; which edits reach every page is part of
what is checked (the log's "Rendering every page").
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from benchmarks.site import Site, generate_site, read_config, write_config
from tests.browser.servers import free_port, start_server, stop
from tests.project import mkdocs_env

REBUILD_TIMEOUT = 120.0
SITE_DIR_RE = re.compile(r"Building 'en' documentation to directory: (?P<path>\S+)")
# Logged by the server once a rebuild has ended.
BUILT = "Reloading browsers"
EVERYTHING = "Rendering every page"


class DirtyServe:
    """A `mkdocs serve --dirty` of a generated site, and where it builds to."""

    def __init__(self, site: Site, log_path: Path, process: subprocess.Popen, url: str) -> None:
        self.site = site
        self.log_path = log_path
        self.process = process
        self.url = url

    def log(self) -> str:
        """Return everything the server has printed so far."""
        return self.log_path.read_text(encoding="utf-8")

    @property
    def site_dir(self) -> Path:
        """Return the folder the server builds into and serves from."""
        match = SITE_DIR_RE.search(self.log())
        assert match, self.log()
        return Path(match["path"])

    def edit(self, change: Callable[[], None]) -> str:
        """Make `change`, wait for the rebuild it starts; return what that rebuild logged."""
        before = self.log()
        done = before.count(BUILT)
        change()
        deadline = time.monotonic() + REBUILD_TIMEOUT
        while time.monotonic() < deadline:
            text = self.log()
            if text.count(BUILT) > done:
                return text[len(before) :]
            time.sleep(0.1)
        pytest.fail(f"no rebuild after the edit:\n{self.log()}", pytrace=False)


# How the tests start MkDocs: its own command line, as the README runs it.
MKDOCS = (sys.executable, "-m", "mkdocs")


@contextmanager
def serve_dirty(site: Site, tmp_path: Path, mkdocs: Sequence[str] = MKDOCS) -> Iterator[DirtyServe]:
    """Serve `site` with the README's `mkdocs serve --dirty`, on a port of its own."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    # The served site's links are made from this URL; the clean builds use the same.
    config = read_config(site.config)
    config["site_url"] = url
    write_config(site.config, config)
    log_path = tmp_path / "serve.log"
    command = [*mkdocs, "serve", "--livereload", "--dirty"]
    command += ["-a", f"127.0.0.1:{port}", "-f", str(site.config)]
    process = start_server(command, site.root, url, log_path)
    server = DirtyServe(site, log_path, process, url)
    try:
        yield server
    finally:
        stop(process)
        print(f"--- {log_path} ---\n{server.log()}")


@pytest.fixture
def dirty_serve(tmp_path: Path) -> Iterator[DirtyServe]:
    """Serve a 3-page generated site with the README's `mkdocs serve --dirty`."""
    with serve_dirty(generate_site(tmp_path / "site", pages=3), tmp_path) as server:
        yield server


def clean_build(site: Site, dest: Path, mkdocs: Sequence[str] = MKDOCS) -> Path:
    """Build `site` from scratch into `dest` (not strict: some edits are meant to warn)."""
    result = subprocess.run(
        [*mkdocs, "build", "-f", str(site.config), "-d", str(dest)],
        capture_output=True,
        text=True,
        env=mkdocs_env(dest.parent),
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


def read_tree(root: Path) -> dict[str, bytes]:
    """Return every file below `root` by its path; a gzip file by what it holds."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            files[path.relative_to(root).as_posix()] = (
                gzip.decompress(data) if path.suffix == ".gz" else data
            )
    return files


def assert_same_site(served: Path, clean: Path) -> None:
    """Assert two built sites hold the same files with the same bytes, naming the others."""
    ours, theirs = read_tree(served), read_tree(clean)
    assert sorted(ours.keys() - theirs.keys()) == [], "served, but not in a clean build"
    assert sorted(theirs.keys() - ours.keys()) == [], "in a clean build, but not served"
    assert [path for path in sorted(ours) if ours[path] != theirs[path]] == [], "stale files"


def replace_in(path: Path, old: str, new: str) -> Callable[[], None]:
    """Return an edit that replaces `old` by `new` in a file, once."""

    def change() -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def test_every_rebuild_serves_what_a_clean_build_makes(
    dirty_serve: DirtyServe, tmp_path: Path
) -> None:
    """Edits of a page, a program, a variant, a translation, a title, the page set and the
    config each leave the served site equal to a clean build; only those that reach the
    navigation or the setup render every page."""
    site = dirty_serve.site
    checks = iter(range(100))

    def check_against_clean_build() -> None:
        clean = clean_build(site, tmp_path / f"clean-{next(checks)}")
        assert_same_site(dirty_serve.site_dir, clean)

    check_against_clean_build()
    english = site.page_file("en", 2)
    program = site.program_file(2, 0)
    touched_only = [
        # Prose of an English page: its translations turn outdated, the status pages change.
        replace_in(english, "Background tasks run", "Background work runs"),
        # A program the page includes, in every language.
        replace_in(program, "def write_log", "def write_log_line"),
        # A new variant file next to it: a new tab on each page that includes it.
        lambda: program.with_name(program.name.replace("_an_py310", "_an_py39")).write_text(
            program.read_text(encoding="utf-8"), encoding="utf-8"
        ),
        # A translation whose highlighted lines no longer follow its English page.
        replace_in(site.page_file("ru", 3), " hl[", " hl[1,"),
    ]
    for change in touched_only:
        logged = dirty_serve.edit(change)
        assert EVERYTHING not in logged
        check_against_clean_build()
    everything = [
        # A title, shown in every page's navigation.
        replace_in(site.page_file("en", 1), "# Generated page 001", "# Page one"),
        # A page removed: the Portuguese one falls back to English, under a banner.
        lambda: site.page_file("pt", 2).unlink(),
        # Front matter: a page marked to stay in English, whose translations become mistakes.
        lambda: site.page_file("en", 3).write_text(
            "---\ntranslate: false\n---\n\n" + site.page_file("en", 3).read_text(encoding="utf-8"),
            encoding="utf-8",
        ),
        # The config.
        replace_in(site.config, "site_name: FastAPI Background Tasks", "site_name: Tasks"),
    ]
    for change in everything:
        logged = dirty_serve.edit(change)
        assert EVERYTHING in logged
        check_against_clean_build()
