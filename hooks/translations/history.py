"""What git remembers of the pages: which commit last changed each, and their texts back then.

Pure functions over the project's folder, which may be a subfolder of its git work tree: paths
in and out are relative to that folder (`docs/pt/index.md`), and every command runs there.
Each asks git once for all pages, so that a few hundred pages cost a handful of processes.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path


class HistoryError(Exception):
    """Git cannot tell the project's history: no git, no work tree, no commit, a shallow clone."""


def call_git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run `git ARGS` in `root` and return how it went; no git at all is a HistoryError."""
    try:
        return subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True)
    except FileNotFoundError:
        raise HistoryError("git is not installed: no `git` command on the PATH") from None


def run_git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Return what `git ARGS` prints, run in `root`; a failure is a HistoryError in git's words."""
    result = call_git(root, *args, stdin=stdin)
    if result.returncode != 0:
        error = result.stderr.decode(errors="replace").strip()
        raise HistoryError(f"git {args[0]} failed in {root}: {error}")
    return result.stdout


def check_history(root: Path) -> str:
    """Return the project folder's path below the top of its work tree (`''` or `site/`), once
    sure that git holds its whole history."""
    found = call_git(root, "rev-parse", "--is-shallow-repository", "--show-prefix")
    if found.returncode != 0:
        # Git's words tell "no repository" from, say, a repository owned by another user.
        said = found.stderr.decode(errors="replace").strip()
        raise HistoryError(f"{root}: not in a git work tree, so there is no history ({said})")
    shallow, prefix = found.stdout.decode().split("\n")[:2]
    if shallow == "true":
        # The commits a translation follows may be among those the clone left out.
        raise HistoryError(
            f"{root}: a shallow clone holds only the latest commits; "
            "fetch the whole history first: git fetch --unshallow"
        )
    if call_git(root, "rev-parse", "--verify", "HEAD").returncode != 0:
        raise HistoryError(f"{root}: no commit yet, so there is no history")
    return prefix


def split_z(output: bytes) -> list[str]:
    """Return the fields of `-z` output, each path as the file system names it."""
    return [field.decode(errors="surrogateescape") for field in output.split(b"\0") if field]


def committed_blobs(root: Path, folders: Iterable[str]) -> dict[str, str]:
    """Return the blob of every file committed under `folders` at HEAD, by path."""
    output = run_git(root, "ls-tree", "-r", "-z", "HEAD", "--", *folders)
    blobs = {}
    for entry in split_z(output):
        meta, _, path = entry.partition("\t")
        blobs[path] = meta.split()[2]
    return blobs


def changed_files(root: Path, folders: Iterable[str]) -> set[str]:
    """Return the files under `folders` that differ from HEAD, staged or not."""
    output = run_git(root, "diff", "--name-only", "-z", "--relative", "HEAD", "--", *folders)
    return set(split_z(output))


def last_commits(root: Path, folders: Iterable[str], blobs: dict[str, str]) -> dict[str, str]:
    """Return, for each path of `blobs`, the newest commit that wrote that blob to it.

    One walk of the history of `folders`, newest first. A commit counts only if it leaves the
    file as HEAD has it: when both sides of a merge changed a file, the side the merge kept is
    the one its text came from, whichever is newer. `-c` lists a merge only for a file it made
    differ from every parent (a resolved conflict), as `git log -1 -- FILE` does.
    """
    output = run_git(
        root,
        "log",
        "--format=commit %H",
        "--raw",
        "-c",
        "--no-abbrev",
        "--no-renames",
        "--no-show-signature",
        "-z",
        "--relative",
        "--",
        *folders,
    )
    found: dict[str, str] = {}
    commit = ""
    fields = iter(split_z(output))
    for field in fields:
        field = field.lstrip("\n")
        if field.startswith("commit "):
            commit = field.removeprefix("commit ")
            continue
        # A raw entry: `:<modes> <blobs> <status>`, the blob after the change last but one,
        # then the path as a field of its own.
        path = next(fields)
        if path not in found and blobs.get(path) == field.split()[-2]:
            found[path] = commit
    return found


def file_commits(root: Path, path: str) -> list[str]:
    """Return the commits that changed `path`, newest first."""
    output = run_git(root, "log", "--format=%H", "--no-show-signature", "--", path)
    return output.decode().split()


def read_texts(root: Path, revisions: list[str]) -> list[str | None]:
    """Return the text of each `<commit>:<path>` (path from the top of the work tree), None
    where that commit has no such file."""
    if not revisions:
        return []
    output = run_git(
        root,
        "cat-file",
        "--batch",
        stdin="".join(f"{rev}\n" for rev in revisions).encode(errors="surrogateescape"),
    )
    texts: list[str | None] = []
    position = 0
    for _ in revisions:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if header[-1] == b"missing":
            texts.append(None)
            continue
        size = int(header[2])
        texts.append(output[position : position + size].decode("utf-8-sig", errors="replace"))
        position += size + 1
    return texts
