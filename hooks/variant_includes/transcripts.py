"""What a program did when the build ran it (`run[...]`), as Markdown under its code.

Each request, as a command a reader can copy to send to their own server; the response; and
each file the program wrote, marked as written before the response was complete or after it was
sent, as the run measured it. Every word comes from the labels of the page's language; the data
(requests, bodies, files) is shown as it is.
"""

from __future__ import annotations

import json
import re
import shlex
from http import HTTPStatus

from runs.transcript import FileChange, RequestRun, Transcript
from variant_includes.labels import label

# The address `uvicorn` serves on by default, which the commands send to.
SERVER = "http://127.0.0.1:8000"
RUN_FENCE = "/" * 6


def curl_command(run: RequestRun) -> str:
    """Return the request as a curl command line."""
    request = run.request
    words = ["curl"]
    if request.method != "GET":
        words += ["-X", request.method]
    words.append(shlex.quote(SERVER + request.target))
    if request.body is not None:
        words += ["-H", shlex.quote("Content-Type: application/json")]
        words += ["-d", shlex.quote(request.body)]
    return " ".join(words)


def fenced(code: str, language: str) -> list[str]:
    """Return `code` as a fenced block, its fence longer than any run of backticks in it."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{language}", *code.rstrip("\n").split("\n"), fence]


def status_text(status: int | None) -> str:
    """Return `200 OK` for 200: the code and its standard phrase."""
    if status is None:
        return "—"
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def body_language(run: RequestRun) -> str:
    """Return the fence language of the response body: json when it is JSON."""
    if run.content_type and "json" in run.content_type:
        try:
            json.loads(run.body)
        except ValueError:
            return "text"
        return "json"
    return "text"


def render_change(change: FileChange, lang: str) -> list[str]:
    """Render one file the program wrote or removed, and when."""
    when = "after" if change.after_response else "before"
    if change.content is None:
        return [label(f"run_removed_{when}", lang, path=change.path)]
    return [
        label(f"run_written_{when}", lang, path=change.path),
        "",
        *fenced(change.content, "text"),
    ]


def render_request(run: RequestRun, lang: str) -> list[str]:
    """Render a request, what changed before its response, the response, and what came after."""
    lines = [label("run_request", lang), "", *fenced(curl_command(run), "bash")]
    for change in (change for change in run.changes if not change.after_response):
        lines += ["", *render_change(change, lang)]
    lines += ["", label("run_response", lang, status=status_text(run.status))]
    lines += ["", *fenced(run.body or "", body_language(run))]
    for change in (change for change in run.changes if change.after_response):
        lines += ["", *render_change(change, lang)]
    return lines


def render_transcript(transcript: Transcript, lang: str) -> list[str]:
    """Render a program's run: how to start it, then each request, collapsed under a title."""
    content = [label("run_start", lang), "", *fenced(f"uvicorn {transcript.module}:app", "bash")]
    for run in transcript.runs:
        content += ["", *render_request(run, lang)]
    title = f"details | {label('run_title', lang)}"
    return [
        f"{RUN_FENCE} {title}",
        "    type: example",
        "    open: true",
        "",
        *content,
        "",
        RUN_FENCE,
    ]
