"""What a program did when it was run: each request, its response, and the files it changed.

A transcript travels as JSON twice: from the child process that ran the program, and to the
cache on disk; `to_json` and `from_json` are each other's inverse.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from runs.requests import Request

# How much of a long text a difference quotes on each side of where the texts part.
EXCERPT = 30


@dataclass(frozen=True)
class FileChange:
    """A file the program created, changed (its new content) or removed (content None).

    `path` is relative to the folder the program ran in, with forward slashes; `after_response`
    says whether the change happened after the response was complete.
    """

    path: str
    content: str | None
    after_response: bool


@dataclass(frozen=True)
class RequestRun:
    """One request and what came of it; `status` is None when the app sent no response."""

    request: Request
    status: int | None
    body: str
    content_type: str | None
    changes: tuple[FileChange, ...]
    error: str | None = None


@dataclass(frozen=True)
class Transcript:
    """A program's run: its module, as uvicorn names it, and each request in the order sent.

    `error` is set when the program could not run at all; `imports` lists the `docs_src` files
    it imported (paths relative to the project root), which a cached transcript depends on.
    """

    module: str
    runs: tuple[RequestRun, ...]
    error: str | None = None
    imports: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        """Say whether the program or any of its requests failed."""
        return self.error is not None or any(run.error is not None for run in self.runs)

    def same_behaviour(self, other: Transcript) -> str | None:
        """Return None when `other` answered the same requests alike, else the first difference.

        Statuses, bodies and file changes are compared, not the module or the errors' wording,
        so that variants of one example can be held to the same behaviour.
        """
        if len(self.runs) != len(other.runs):
            return f"{len(self.runs)} requests ran here, {len(other.runs)} there"
        for mine, theirs in zip(self.runs, other.runs, strict=True):
            difference = compare_runs(mine, theirs)
            if difference is not None:
                return difference
        return None

    def to_json(self) -> str:
        """Return the transcript as JSON text."""
        return json.dumps(
            {
                "module": self.module,
                "error": self.error,
                "imports": list(self.imports),
                "runs": [
                    {
                        "request": {
                            "method": run.request.method,
                            "target": run.request.target,
                            "body": run.request.body,
                        },
                        "status": run.status,
                        "body": run.body,
                        "content_type": run.content_type,
                        "changes": [
                            {
                                "path": change.path,
                                "content": change.content,
                                "after_response": change.after_response,
                            }
                            for change in run.changes
                        ],
                        "error": run.error,
                    }
                    for run in self.runs
                ],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Transcript:
        """Return the transcript that `to_json` wrote; a `ValueError` if `text` is not one."""
        try:
            data: Any = json.loads(text)
            return cls(
                module=data["module"],
                error=data["error"],
                imports=tuple(data["imports"]),
                runs=tuple(
                    RequestRun(
                        request=Request(**run["request"]),
                        status=run["status"],
                        body=run["body"],
                        content_type=run["content_type"],
                        changes=tuple(FileChange(**change) for change in run["changes"]),
                        error=run["error"],
                    )
                    for run in data["runs"]
                ),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a transcript: {error!r}") from None


def compare_runs(mine: RequestRun, theirs: RequestRun) -> str | None:
    """Return the first difference between two runs of a request, or None."""
    if mine.request != theirs.request:
        return f"the request {mine.request} here, {theirs.request} there"
    if mine.status != theirs.status:
        return f"{mine.request}: status {mine.status} here, {theirs.status} there"
    if mine.body != theirs.body:
        here, there = quote_parted(mine.body, theirs.body)
        return f"{mine.request}: body {here} here, {there} there"
    my_changes = {(change.after_response, change.path): change for change in mine.changes}
    their_changes = {(change.after_response, change.path): change for change in theirs.changes}
    # Before the response first, then after it; paths in order within each.
    for after, path in sorted(my_changes.keys() | their_changes.keys()):
        here, there = my_changes.get((after, path)), their_changes.get((after, path))
        if here != there:
            when = "after the response" if after else "before the response"
            here_text, there_text = describe_changes(here, there)
            return f"{mine.request}: {path} {when}: {here_text} here, {there_text} there"
    return None


def describe_changes(here: FileChange | None, there: FileChange | None) -> tuple[str, str]:
    """Say what each side did to a file: its content, `removed`, or `unchanged` (no change)."""
    if here and there and here.content is not None and there.content is not None:
        return quote_parted(here.content, there.content)
    return describe_change(here), describe_change(there)


def describe_change(change: FileChange | None) -> str:
    """Say what a change did to its file: its content quoted, `removed` or `unchanged`."""
    if change is None:
        return "unchanged"
    if change.content is None:
        return "removed"
    return quote_from(change.content, 0)


def quote_parted(here: str, there: str) -> tuple[str, str]:
    """Quote two different texts, each from a little before the first character they differ in."""
    parted = next(
        (index for index, (a, b) in enumerate(zip(here, there, strict=False)) if a != b),
        min(len(here), len(there)),
    )
    start = max(0, parted - EXCERPT)
    return quote_from(here, start), quote_from(there, start)


def quote_from(text: str, start: int) -> str:
    """Quote `text` from `start` as JSON, at most twice `EXCERPT` characters, marking cuts."""
    end = start + 2 * EXCERPT
    quoted = json.dumps(text[start:end], ensure_ascii=False)
    return ("…" if start else "") + quoted + ("…" if end < len(text) else "")
