"""The site hook's state across the languages of a build and the rebuilds of `mkdocs serve`.

Real builds of a copy of the site, run in this process through MkDocs's own `build`, as
`mkdocs serve` runs them (a config loaded anew for each), so that the hook's caches and its
build can be looked at; tests/site builds the site as authors do.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from pymdownx.superfences import SuperFencesBlockPreprocessor

from builds import once
from tests.project import copy_project

TUTORIAL = "tutorial/background-tasks"
PROGRAMS = "docs_src/background_tasks"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    """A copy of the site, and a `build(dirty)` that builds it as a rebuild of `serve` does."""
    root = copy_project(tmp_path / "project").resolve()
    monkeypatch.setenv("DOCS_LANGUAGES_IN_TURN", "1")
    monkeypatch.setenv("DOCS_RUNS_CACHE", str(tmp_path / "runs"))
    hook = None

    def build(dirty: bool = False) -> None:
        nonlocal hook
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        if hook is None:
            hook = sys.modules["hooks/site_hook.py"]
            monkeypatch.setattr(hook, "caches", None)
        if hook.caches is None:
            config.plugins.on_startup(command="serve", dirty=dirty)
        mkdocs_build(config, dirty=dirty)

    result = SimpleNamespace(root=root, build=build)
    result.hook = lambda: hook
    return result


def test_languages_and_rebuilds_share_the_models(site, built):
    """One build of three languages builds each directive's model once (tutorial001.py is
    included with three `hl`s); a rebuild with no change, none; an edited program, its own
    models alone. Between builds no build is under way."""
    site.build()
    assert built == {"tutorial001.py": 3, "tutorial002_an_py310.py": 1}
    assert site.hook().build is None
    site.build()
    assert built == {"tutorial001.py": 3, "tutorial002_an_py310.py": 1}
    program = site.root / PROGRAMS / "tutorial001.py"
    program.write_text(program.read_text() + "\n# edited\n")
    site.build()
    assert built == {"tutorial001.py": 6, "tutorial002_an_py310.py": 1}


def test_code_is_highlighted_before_any_language_and_never_again(site, monkeypatch):
    """Every block the pages show, programs and what their runs show, is highlighted ahead, in
    English: no page, in any language, highlights one again."""
    highlighted: list[str] = []
    ahead: list[bool] = []
    highlight_ahead = once.highlight_ahead

    def noted_ahead(*args, **kwargs):
        ahead.append(True)
        try:
            return highlight_ahead(*args, **kwargs)
        finally:
            ahead.append(False)

    highlight = SuperFencesBlockPreprocessor.highlight

    def counting(*args, **kwargs):
        if not ahead[-1]:
            highlighted.append(kwargs["src"])
        return highlight(*args, **kwargs)

    monkeypatch.setattr(once, "highlight_ahead", noted_ahead)
    monkeypatch.setattr(SuperFencesBlockPreprocessor, "highlight", counting)
    site.build()
    assert ahead == [True, False]
    assert site.hook().caches.highlights.blocks
    assert highlighted == []


def test_each_page_records_what_it_was_made_from(site):
    """Under --dirty, a translation is made from its file, the programs its directives read,
    the folders they listed and its English page; the status page from all of docs/."""
    site.build(dirty=True)
    pages = site.hook().caches.built.pages
    programs = site.root / PROGRAMS
    tutorial = pages[f"pt/{TUTORIAL}/index.html"]
    assert {programs / "tutorial001.py", programs / "tutorial002.py"} <= tutorial.files
    assert site.root / f"docs/en/{TUTORIAL}.md" in tutorial.files
    assert site.root / f"docs/pt/{TUTORIAL}.md" in tutorial.files
    assert programs in tutorial.listings
    assert tutorial.trees == frozenset()
    assert pages["ru/translation-status/index.html"].trees == {site.root / "docs"}
    assert pages["index.html"].files == {site.root / "docs/en/index.md"}


def test_a_wrong_directive_makes_its_page_follow_all_of_docs_src(site):
    """A directive of a program not written yet: any change in docs_src/ may fix the page."""
    page = site.root / f"docs/ru/{TUTORIAL}.md"
    page.write_text(page.read_text().replace("tutorial001.py", "missing.py"))
    site.build(dirty=True)
    pages = site.hook().caches.built.pages
    assert pages[f"ru/{TUTORIAL}/index.html"].trees == {site.root / "docs_src"}
    assert pages[f"{TUTORIAL}/index.html"].trees == frozenset()


def test_programs_run_once_for_every_language_and_not_again(site, monkeypatch):
    """The tutorial's programs (every variant) run once for three languages; a rebuild runs
    none; a new process with the same cache folder runs none either, unless told to run afresh."""
    site.build()
    runs = site.hook().caches.runs
    assert runs.programs_run == 6, "tutorial001, and tutorial002 in its five variants"
    site.build()
    assert site.hook().caches.runs.programs_run == 6
    monkeypatch.setattr(site.hook(), "caches", None)
    site.build()
    assert site.hook().caches.runs.programs_run == 0
    monkeypatch.setattr(site.hook(), "caches", None)
    monkeypatch.setenv("DOCS_RUNS_FRESH", "1")
    site.build()
    assert site.hook().caches.runs.programs_run == 6
