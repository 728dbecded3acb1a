"""Resolving a directive's path inside docs_src/, and reading the program as lines."""

import os

import pytest

from variant_includes.errors import IncludeError
from variant_includes.sources import read_code, resolve_include


@pytest.fixture
def project(tmp_path):
    """A project with docs/en/tutorial/ and docs_src/topic/main.py."""
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs_src" / "topic").mkdir(parents=True)
    (tmp_path / "docs_src" / "topic" / "main.py").write_text("print('hi')\n")
    return tmp_path


def resolve(project, path):
    """Resolve `path` as the page docs/en/... would."""
    return resolve_include(path, project / "docs" / "en", project / "docs_src")


def error_of(project, path):
    """Return the message `resolve` refuses `path` with."""
    with pytest.raises(IncludeError) as caught:
        resolve(project, path)
    return str(caught.value)


def test_resolves_against_the_language_folder(project):
    """`../../docs_src/...` from docs/en/ reaches the program."""
    assert resolve(project, "../../docs_src/topic/main.py") == (
        project / "docs_src" / "topic" / "main.py"
    )


def test_resolution_ignores_the_current_directory(project, monkeypatch, tmp_path_factory):
    """The same path resolves the same from any working directory."""
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    assert resolve(project, "../../docs_src/topic/main.py").is_file()


def test_missing_file_suggests_a_close_name(project):
    """A typo names what was looked for and the file that was probably meant."""
    assert error_of(project, "../../docs_src/topic/mian.py") == (
        "../../docs_src/topic/mian.py does not exist (looked for docs_src/topic/mian.py); "
        "did you mean main.py?"
    )


def test_folder_is_refused(project):
    """A folder inside docs_src/ is named as one, not as missing."""
    assert error_of(project, "../../docs_src/topic") == (
        "../../docs_src/topic is a folder; name a file in it"
    )


def test_absolute_path_is_refused(project):
    """An absolute path would tie the page to one machine."""
    path = str(project / "docs_src" / "topic" / "main.py")
    assert error_of(project, path) == (
        f"{path} is an absolute path; write it relative to the language folder, "
        "e.g. ../../docs_src/background_tasks/tutorial001.py"
    )


@pytest.mark.parametrize(
    "path", ["../../pyproject.toml", "../../docs_src/../secret.py", "../../docs_src_evil/x.py"]
)
def test_paths_outside_docs_src_are_refused(project, path):
    """`..` escapes and a sibling folder whose name starts like docs_src are outside."""
    (project / "secret.py").write_text("x = 1\n")
    (project / "pyproject.toml").write_text("")
    (project / "docs_src_evil").mkdir()
    (project / "docs_src_evil" / "x.py").write_text("x = 1\n")
    assert error_of(project, path) == (
        f"{path} is outside docs_src/, where every included program lives"
    )


def test_symlink_out_of_docs_src_is_refused(project):
    """A link inside docs_src/ that points outside is judged by where it points."""
    (project / "secret.py").write_text("x = 1\n")
    os.symlink(project / "secret.py", project / "docs_src" / "topic" / "link.py")
    assert error_of(project, "../../docs_src/topic/link.py") == (
        "../../docs_src/topic/link.py is outside docs_src/, where every included program lives"
    )


@pytest.mark.parametrize(
    ("raw", "lines"),
    [
        (b"a = 1\nb = 2\n", ["a = 1", "b = 2"]),
        (b"\xef\xbb\xbfa = 1\n", ["a = 1"]),
        (b"a = 1\r\nb = 2\r\n", ["a = 1", "b = 2"]),
        (b"a = 1\rb = 2", ["a = 1", "b = 2"]),
        (b"a = 1\nb = 2", ["a = 1", "b = 2"]),
        (b"if x:\n\treturn 1\n", ["if x:", "    return 1"]),
        ("s = 'Привет, olá'\n".encode(), ["s = 'Привет, olá'"]),
        (b"a = 1\n\n", ["a = 1", ""]),
        (b"", []),
    ],
    ids=[
        "plain",
        "bom",
        "crlf",
        "cr",
        "no-final-newline",
        "tab",
        "non-ascii",
        "blank-end",
        "empty",
    ],
)
def test_reads_any_reasonable_text_file(tmp_path, raw, lines):
    """BOM, CRLF, tabs, a missing final newline and non-ASCII text all read as the editor shows."""
    path = tmp_path / "x.py"
    path.write_bytes(raw)
    assert read_code(path) == lines


def test_non_utf8_file_is_refused(tmp_path):
    """A Latin-1 file is named with the offending byte."""
    path = tmp_path / "latin.py"
    path.write_bytes("s = 'olá'\n".encode("latin-1"))
    with pytest.raises(IncludeError) as caught:
        read_code(path)
    assert str(caught.value) == "latin.py is not UTF-8 text (byte 0xe1 at offset 7)"


def test_unusable_paths_are_refused(project):
    """A NUL byte or a symlink loop is an author's error, not a crash."""
    assert error_of(project, "../../docs_src/a\x00.py") == (
        "../../docs_src/a\x00.py is not a usable path (embedded null byte)"
    )
    loop = project / "docs_src" / "topic" / "loop.py"
    os.symlink(loop, loop)
    assert error_of(project, "../../docs_src/topic/loop.py").startswith(
        "../../docs_src/topic/loop.py is not a usable path ("
    )
