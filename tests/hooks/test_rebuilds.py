"""What a dirty rebuild redoes: the plan from changed stamps, and the pieces it relies on."""

from __future__ import annotations

import inspect
import logging
import os
from pathlib import Path
from types import SimpleNamespace

import mkdocs.commands.build
import pytest
from jinja2 import DictLoader, Environment

from builds.logs import DIRTY_WARNING, drop_dirty_warning
from builds.rebuilds import PageRecord, changed_paths, plan_rebuild, stamp_trees, title_key
from builds.state import CompiledTemplates

PAGE = "---\nsource_hash: abc\n---\n# Title { #title }\n\nText.\n"


@pytest.fixture
def project(tmp_path: Path) -> SimpleNamespace:
    """A project with a page, an image, a program and a hook, stamped once."""
    files = {
        "mkdocs.yml": "site_name: T\n",
        "docs/en/page.md": PAGE,
        "docs/en/image.png": "png",
        "docs_src/t/a.py": "x = 1\n",
        "hooks/hook.py": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    root = tmp_path.resolve()
    roots = [root / "mkdocs.yml", root / "docs", root / "docs_src", root / "hooks"]
    return SimpleNamespace(
        root=root,
        roots=roots,
        before=stamp_trees(roots),
        keys={root / "docs/en/page.md": title_key(PAGE)},
    )


def plan_after(project: SimpleNamespace, change) -> object:
    """Return the plan of the rebuild after `change(root)`."""
    change(project.root)
    return plan_rebuild(
        project.before,
        stamp_trees(project.roots),
        docs_dir=project.root / "docs",
        tracked=[project.root / "docs_src"],
        title_keys=project.keys,
    )


def rewrite(name: str, text: str):
    """Return a change that writes `text` into the file `name`, a second later than before."""

    def change(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        before = path.stat().st_mtime_ns if path.exists() else 0
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(before + 10**9, before + 10**9))

    return change


def test_the_first_build_renders_everything(project):
    """With nothing built before, every page is rendered."""
    planned = plan_rebuild(
        None, project.before, docs_dir=project.root, tracked=[], title_keys=project.keys
    )
    assert planned.everything == "nothing was built yet"
    assert planned.redoes(PageRecord("T", frozenset()))


@pytest.mark.parametrize(
    ("change", "changed"),
    [
        (rewrite("docs/en/page.md", PAGE.replace("Text.", "Other text.")), "docs/en/page.md"),
        (rewrite("docs/en/image.png", "png2"), "docs/en/image.png"),
        (rewrite("docs_src/t/a.py", "x = 2\n"), "docs_src/t/a.py"),
    ],
    ids=["page text", "image", "program"],
)
def test_a_change_that_keeps_titles_redoes_only_what_it_touches(project, change, changed):
    """Prose, an image or a program: only pages made from the changed path are redone."""
    planned = plan_after(project, change)
    assert planned.everything is None
    assert project.root / changed in planned.changed
    touched = PageRecord("T", frozenset({project.root / changed}))
    untouched = PageRecord("T", frozenset({project.root / "docs/en/other.md"}))
    assert planned.entries == set()
    assert planned.redoes(touched)
    assert not planned.redoes(untouched)
    assert planned.redoes(None), "a page never rendered is rendered"


@pytest.mark.parametrize(
    ("added", "redone"),
    [
        # A variant file beside the program: its folder's listing changes.
        (["docs_src/t/a_py310.py"], {"lister", "follower"}),
        # A variant folder beside the program's folder: the parent folder's listing changes.
        (["docs_src/t_py310/a.py"], {"parent lister", "follower"}),
        # A file inside an existing variant folder: no listing changes.
        (["docs_src/t_py310/a.py", "docs_src/t_py310/b.py"], {"follower"}),
    ],
    ids=["variant file", "variant folder", "file in a variant folder"],
)
def test_a_new_variant_touches_the_pages_that_listed_its_folder(project, added, redone):
    """A file or a folder new to a listed folder changes the listing; an edit inside does not;
    a page that follows all of docs_src/ sees every change; one that read a file, only it."""
    root = project.root
    program = root / "docs_src/t/a.py"
    records = {
        "lister": PageRecord("T", frozenset({program}), frozenset({root / "docs_src/t"})),
        "parent lister": PageRecord("T", frozenset(), frozenset({root / "docs_src"})),
        "follower": PageRecord("T", frozenset(), trees=frozenset({root / "docs_src"})),
        "reader": PageRecord("T", frozenset({program})),
    }
    *before, last = added
    for name in before:
        rewrite(name, "x = 1\n")(root)
    project.before = stamp_trees(project.roots)
    planned = plan_after(project, rewrite(last, "y = 1\n"))
    assert planned.everything is None
    assert planned.changed == {root / last}
    assert {name for name, record in records.items() if planned.redoes(record)} == redone


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (rewrite("docs/en/page.md", PAGE.replace("# Title", "# New")), "the title or front"),
        (rewrite("docs/en/page.md", PAGE.replace("abc", "def")), "the title or front"),
        (rewrite("docs/en/new.md", "# New\n"), "was added or removed"),
        (lambda root: (root / "docs/en/page.md").unlink(), "was added or removed"),
        (rewrite("hooks/hook.py", "x = 1\n"), "hook.py changed"),
        (rewrite("mkdocs.yml", "site_name: U\n"), "mkdocs.yml changed"),
    ],
    ids=["title", "front matter", "page added", "page removed", "hook", "config"],
)
def test_a_change_of_navigation_or_setup_redoes_everything(project, change, reason):
    """Titles, the set of pages, the hooks and the config reach every page."""
    planned = plan_after(project, change)
    assert reason in planned.everything
    assert planned.redoes(PageRecord("T", frozenset()))


def test_stamps_leave_out_what_no_build_reads(project):
    """Editors' swap files and Python's bytecode change no stamp."""
    (project.root / "hooks" / "__pycache__").mkdir()
    (project.root / "hooks" / "__pycache__" / "hook.cpython-311.pyc").write_bytes(b"")
    (project.root / "docs_src" / "t" / ".a.py.swp").write_bytes(b"")
    after = stamp_trees(project.roots)
    assert changed_paths(project.before, after) == set()


def test_mkdocs_still_words_its_dirty_warning_so():
    """The filter drops one message of MkDocs's; when MkDocs rewords it, this fails."""
    assert DIRTY_WARNING in inspect.getsource(mkdocs.commands.build.build)


def test_the_dirty_warning_filter_drops_that_warning_alone():
    """MkDocs's warning about dirty builds goes; any other warning stays."""

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs", logging.WARNING, __file__, 1, message, None, None)

    assert not drop_dirty_warning(record(DIRTY_WARNING + ", this will likely lead to ..."))
    assert drop_dirty_warning(record("Doc file 'a.md' contains a link to 'b.md', not found"))


def test_templates_compile_once_for_every_environment():
    """A second environment loads the compiled template; an edited template compiles anew."""
    cache = CompiledTemplates()
    sources = {"page.html": "Hello {{ name }}"}
    first = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert first.get_template("page.html").render(name="en") == "Hello en"
    assert len(cache.compiled) == 1

    second = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    compiled = []
    second.compile = lambda *args, **kwargs: compiled.append(args)  # would compile anew
    assert second.get_template("page.html").render(name="pt") == "Hello pt"
    assert compiled == []

    kept = dict(cache.compiled)
    sources["page.html"] = "Olá {{ name }}"
    third = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert third.get_template("page.html").render(name="pt") == "Olá pt"
    assert cache.compiled != kept, "the edited template's code replaces the old"
