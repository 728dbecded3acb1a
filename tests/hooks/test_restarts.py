"""`mkdocs serve`'s restart on hook edits, in-process: stamps, the child's check, the builder."""

from __future__ import annotations

import logging
import os
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from builds import restarts

HOOK = """\
import words


def on_page_markdown(markdown, **kwargs):
    return f"{markdown}\\n\\nThe word is {words.WORD}.\\n"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a minimal MkDocs project whose hook imports `words.py` from its own folder."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks/serve_hook.py").write_text(HOOK, encoding="utf-8")
    (tmp_path / "hooks/words.py").write_text('WORD = "first"\n', encoding="utf-8")
    config = "site_name: Restarts\ntheme: mkdocs\nhooks: [hooks/serve_hook.py]\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp_path


def check(project: Path) -> str | None:
    """Run the child's check of the hooks of `project`."""
    return restarts.check_hooks(str(project / "mkdocs.yml"), project / "hooks")


def test_stamps_see_python_files_added_removed_and_changed(tmp_path: Path) -> None:
    """Only `.py` files count, caches and hidden names aside; a new time alone is a change."""
    for name in ("a.py", "sub/b.py", "__pycache__/c.py", ".hidden/d.py", ".e.py", "notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n", encoding="utf-8")
    before = restarts.stamp_hooks(tmp_path)
    assert sorted(before) == [tmp_path / "a.py", tmp_path / "sub/b.py"]
    assert restarts.changed_hooks(before, restarts.stamp_hooks(tmp_path)) == []

    (tmp_path / "notes.txt").write_text("edited\n", encoding="utf-8")
    (tmp_path / "__pycache__/c.py").write_text("edited\n", encoding="utf-8")
    assert restarts.changed_hooks(before, restarts.stamp_hooks(tmp_path)) == []

    mtime_ns = before[tmp_path / "a.py"][0]
    os.utime(tmp_path / "a.py", ns=(mtime_ns + 10**9, mtime_ns + 10**9))
    (tmp_path / "sub/b.py").unlink()
    (tmp_path / "new.py").write_text("y = 2\n", encoding="utf-8")
    after = restarts.stamp_hooks(tmp_path)
    assert restarts.changed_hooks(before, after) == [
        tmp_path / "a.py",
        tmp_path / "new.py",
        tmp_path / "sub/b.py",
    ]


def test_hooks_that_load_pass_the_check(project: Path) -> None:
    """The child loads the config, importing the hook and its module, and reports nothing."""
    assert check(project) is None


def test_syntax_error_is_located_at_its_line(project: Path) -> None:
    """A syntax error in a module the hook imports is named by its file and line."""
    (project / "hooks/words.py").write_text('WORD = "second"\nif True\n', encoding="utf-8")
    assert check(project) == "hooks/words.py:2: SyntaxError: expected ':'"


def test_error_on_import_is_located_in_the_hooks_code(project: Path) -> None:
    """An exception names the innermost frame in hooks/, not MkDocs's or the standard library's."""
    words = textwrap.dedent("""\
        import json

        WORD = json.loads("{broken")
    """)
    (project / "hooks/words.py").write_text(words, encoding="utf-8")
    assert check(project) == (
        "hooks/words.py:3: JSONDecodeError: "
        "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"
    )


def test_missing_hook_is_a_config_error_of_mkdocs_yml(project: Path) -> None:
    """A hook file that mkdocs.yml names and that is gone: MkDocs's own message, at mkdocs.yml."""
    (project / "hooks/serve_hook.py").unlink()
    path = project / "hooks/serve_hook.py"
    assert check(project) == (
        f"mkdocs.yml: Abort: Config value 'hooks': The path '{path}' isn't an existing file."
    )


def test_failure_outside_the_hooks_names_the_innermost_frame(tmp_path: Path) -> None:
    """With no frame in the hooks' code, the place is the innermost frame, however far."""
    report = {
        "type": "OSError",
        "message": "no space left",
        "frames": [[str(tmp_path / "main.py"), 1], ["/usr/lib/python3/x.py", 7]],
    }
    described = restarts.describe_failure(report, tmp_path, tmp_path / "hooks")
    assert described == "/usr/lib/python3/x.py:7: OSError: no space left"


@pytest.mark.parametrize("server", [SimpleNamespace(), SimpleNamespace(builder=None)])
def test_server_without_builder_is_a_plugin_error(server: SimpleNamespace, project: Path) -> None:
    """An MkDocs whose server no longer rebuilds through `builder` is told plainly."""
    with pytest.raises(PluginError, match=r"LiveReloadServer has no callable `builder`"):
        restarts.restart_on_hook_edits(server, str(project / "mkdocs.yml"), project / "hooks")


def test_builder_builds_then_checks_then_restarts(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Untouched hooks build; a broken edit logs one line and builds nothing; a fix restarts."""
    builds: list[tuple] = []
    watched: list[str] = []
    restarted: list[object] = []
    server = SimpleNamespace(builder=lambda *args: builds.append(args), watch=watched.append)
    monkeypatch.setattr(restarts, "restart_server", restarted.append)
    hooks = project / "hooks"
    restarts.restart_on_hook_edits(server, str(project / "mkdocs.yml"), hooks)
    assert watched == [str(hooks)]

    with caplog.at_level(logging.INFO):
        server.builder()
        assert builds == [()]
        assert caplog.records == []

        (hooks / "words.py").write_text("WORD = (\n", encoding="utf-8")
        server.builder()
        assert builds == [()]
        assert restarted == []
        assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
            (
                "mkdocs.plugins.restarts",
                "ERROR",
                "restarts: hooks/words.py:1: SyntaxError: '(' was never closed; "
                "serving the last good site until it is fixed",
            )
        ]

        caplog.clear()
        (hooks / "words.py").write_text('WORD = "fixed"\n', encoding="utf-8")
        server.builder()
        assert builds == [()]
        assert restarted == [server]
        assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
            ("INFO", "restarts: hooks/words.py changed: restarting the server")
        ]
