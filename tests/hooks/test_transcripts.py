"""What a run shows under its code, in each language: golden files, and the commands it gives."""

from __future__ import annotations

import shlex

import pytest

from runs.requests import Request
from runs.transcript import FileChange, RequestRun, Transcript
from variant_includes.transcripts import curl_command, render_transcript

# A run as the tutorial's tutorial002 gives it, but for a file written before the response and
# one removed, so that every kind of line is shown.
TRANSCRIPT = Transcript(
    module="docs_src.background_tasks.tutorial002_an_py310",
    runs=(
        RequestRun(
            request=Request("POST", "/send-notification/foo@example.com?q=some-query"),
            status=200,
            body='{"message":"Message sent"}',
            content_type="application/json",
            changes=(
                FileChange("audit.txt", "seen\n", after_response=False),
                FileChange("log.txt", "found query: some-query\nmessage to foo\n", True),
            ),
        ),
        RequestRun(
            request=Request("PUT", "/items/1", '{"name": "it\'s ```"}'),
            status=422,
            body="```not json",
            content_type="text/plain",
            changes=(FileChange("audit.txt", None, after_response=True),),
        ),
    ),
)


@pytest.mark.parametrize("lang", ["en", "pt", "ru"])
def test_transcript_renders_as_golden(lang, golden):
    """Start command, each request as curl, the response, what was written before and after."""
    golden(f"transcript-{lang}.md", "\n".join(render_transcript(TRANSCRIPT, lang)) + "\n")


@pytest.mark.parametrize(
    ("request_", "command"),
    [
        (Request("GET", "/items/?q=1&r=2"), "curl 'http://127.0.0.1:8000/items/?q=1&r=2'"),
        (
            Request("POST", "/send-notification/foo@example.com"),
            "curl -X POST http://127.0.0.1:8000/send-notification/foo@example.com",
        ),
        (
            Request("PUT", "/items/1", '{"name": "it\'s"}'),
            "curl -X PUT http://127.0.0.1:8000/items/1 -H 'Content-Type: application/json' "
            '-d \'{"name": "it\'"\'"\'s"}\'',
        ),
    ],
)
def test_each_request_is_a_command_a_shell_sends_as_written(request_, command):
    """The command, split as a shell splits it, sends the method, target and body as written."""
    run = RequestRun(request_, 200, "", None, ())
    assert curl_command(run) == command
    words = shlex.split(command)
    assert words[words.index("curl") + 1 :].count("http://127.0.0.1:8000" + request_.target) == 1
    if request_.body is not None:
        assert words[words.index("-d") + 1] == request_.body
