"""Finding and reading the programs a directive names, confined to docs_src/."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from variant_includes.errors import IncludeError

# Markdown expands tabs relative to the page's indentation; expanding them against the file's own
# columns first keeps the code as an editor shows it, wherever the directive is indented.
TAB_SIZE = 4


@dataclass(frozen=True)
class Stamp:
    """A file or folder as last looked at: a write, or an entry added or removed, changes it."""

    path: Path
    # To the nanosecond where the file system keeps it so; on one that keeps seconds, an edit
    # in the same second that keeps the size goes unseen until the next change.
    mtime_ns: int | None  # None, as size: the path did not exist
    size: int | None


def resolve_include(path: str, lang_root: Path, docs_src: Path) -> Path:
    """Resolve a directive's path against `docs/<lang>/`; it must be a file inside `docs_src/`.

    The check is on the resolved real path (symlinks followed), not on the string, so neither
    `..` nor a link can reach outside, and a sibling such as `docs_src_evil/` is not inside.
    """
    if PurePosixPath(path).is_absolute() or Path(path).is_absolute():
        raise IncludeError(
            f"{path} is an absolute path; write it relative to the language folder, "
            "e.g. ../../docs_src/background_tasks/tutorial001.py"
        )
    root = docs_src.resolve()
    try:
        target = (lang_root / path).resolve()
    except (OSError, RuntimeError, ValueError) as error:  # a NUL byte, a symlink loop
        raise IncludeError(f"{path} is not a usable path ({error})") from None
    if not is_inside(target, root):
        raise IncludeError(f"{path} is outside docs_src/, where every included program lives")
    if target.is_dir():
        raise IncludeError(f"{path} is a folder; name a file in it")
    if not target.is_file():
        shown = target.relative_to(root.parent).as_posix()
        message = f"{path} does not exist (looked for {shown})"
        if target.parent.is_dir():
            names = sorted(p.name for p in target.parent.iterdir() if p.is_file())
            close = difflib.get_close_matches(target.name, names, n=1)
            if close:
                message += f"; did you mean {close[0]}?"
        raise IncludeError(message)
    return target


def is_inside(path: Path, docs_src: Path) -> bool:
    """Whether `path`, links followed, lies inside `docs_src/`; one that cannot resolve does not."""
    try:
        return path.resolve().is_relative_to(docs_src.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def read_code(path: Path) -> list[str]:
    """Read a program as lines: UTF-8 with or without a BOM, any line endings, tabs expanded."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise IncludeError(f"{path.name} cannot be read ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise IncludeError(
            f"{path.name} is not UTF-8 text (byte 0x{error.object[error.start]:02x} "
            f"at offset {error.start})"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it does not start a new one
    return [line.expandtabs(TAB_SIZE) for line in lines]


def stamp_path(path: Path) -> Stamp:
    """Return the stamp of `path` now (links followed): its modification time and size."""
    try:
        status = path.stat()
    except OSError:  # missing, or a broken link: a file that appears later changes the stamp
        return Stamp(path, None, None)
    return Stamp(path, status.st_mtime_ns, status.st_size)


def is_unchanged(stamps: tuple[Stamp, ...]) -> bool:
    """Whether every path still has the stamp it had, so what was read from them still holds."""
    return all(stamp_path(stamp.path) == stamp for stamp in stamps)
