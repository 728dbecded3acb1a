"""Transcripts: their JSON round trip, when they failed, and how two of them differ."""

from __future__ import annotations

import dataclasses

import pytest

from runs.requests import Request
from runs.transcript import FileChange, RequestRun, Transcript

POST = Request("POST", "/x", None)


def make_run(*changes: FileChange, status: int = 200, body: str = '{"ok":true}') -> RequestRun:
    """Return a run of POST /x that answered `status` and `body` and made `changes`."""
    return RequestRun(POST, status, body, "application/json", changes)


def make_transcript(*runs: RequestRun, module: str = "docs_src.a") -> Transcript:
    """Return a transcript of `module` with `runs`."""
    return Transcript(module, runs, None, ("docs_src/a.py",))


def test_json_round_trip_keeps_everything():
    """Every field comes back, None and non-ASCII text included."""
    transcript = Transcript(
        module="docs_src.background_tasks.tutorial002_an_py310",
        runs=(
            RequestRun(
                Request("POST", "/items/?q=1", '{"name": "Фу"}'),
                200,
                '{"message":"Message sent"}',
                "application/json",
                (
                    FileChange("log.txt", "message to фу\n", True),
                    FileChange("old/data.txt", None, False),
                    FileChange("empty.txt", "", False),
                ),
                None,
            ),
            RequestRun(POST, None, "", None, (), "the app raised ValueError: boom"),
        ),
        error=None,
        imports=("docs_src/__init__.py", "docs_src/helpers.py"),
    )
    assert Transcript.from_json(transcript.to_json()) == transcript


def test_failed_transcript_round_trip():
    """A program that could not run comes back with its error and no runs."""
    transcript = Transcript("docs_src.a", (), "docs_src.a has no `app`", ())
    assert Transcript.from_json(transcript.to_json()) == transcript


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{}", "not a transcript: KeyError('module')"),
        ("[]", "not a transcript: TypeError('list indices must be integers or slices, not str')"),
        (
            '{"module": "m", "error": null, "imports": [], '
            '"runs": [{"request": {"method": "GET", "target": "/"}}]}',
            "not a transcript: KeyError('status')",
        ),
    ],
)
def test_from_json_refuses_what_is_not_a_transcript(text: str, message: str):
    """JSON of another shape is a ValueError that says so."""
    with pytest.raises(ValueError) as error:
        Transcript.from_json(text)
    assert str(error.value) == message


def test_from_json_refuses_broken_json():
    """Text that is not JSON at all, say half a file, is a ValueError too."""
    with pytest.raises(ValueError, match=r"^Unterminated string"):
        Transcript.from_json('{"module": "docs_src.')


def test_failed_says_whether_the_program_or_a_request_failed():
    """A transcript fails with its own error or with any run's."""
    assert not make_transcript(make_run()).failed
    assert Transcript("m", (), "it broke", ()).failed
    broken = dataclasses.replace(make_run(), error="the app raised ValueError: boom")
    assert make_transcript(make_run(), broken).failed


def test_same_behaviour_ignores_module_imports_and_content_type():
    """Variants of one example differ in name and imports, and still behave the same."""
    mine = make_transcript(make_run(FileChange("log.txt", "a\n", True)))
    theirs = Transcript(
        "docs_src.b_an",
        (dataclasses.replace(mine.runs[0], content_type="text/plain"),),
        None,
        ("docs_src/b_an.py",),
    )
    assert mine.same_behaviour(theirs) is None


@pytest.mark.parametrize(
    ("mine", "theirs", "difference"),
    [
        pytest.param(
            make_run(FileChange("log.txt", "a\n", True)),
            make_run(FileChange("log.txt", "b\n", True)),
            'POST /x: log.txt after the response: "a\\n" here, "b\\n" there',
            id="content",
        ),
        pytest.param(
            make_run(FileChange("log.txt", "a\n", True)),
            make_run(FileChange("log.txt", "a\n", False)),
            'POST /x: log.txt before the response: unchanged here, "a\\n" there',
            id="before-or-after",
        ),
        pytest.param(
            make_run(FileChange("log.txt", None, True)),
            make_run(),
            "POST /x: log.txt after the response: removed here, unchanged there",
            id="removed",
        ),
        pytest.param(
            make_run(FileChange("b.txt", "1", True)),
            make_run(FileChange("a.txt", "2", True), FileChange("b.txt", "3", True)),
            'POST /x: a.txt after the response: unchanged here, "2" there',
            id="first-path-first",
        ),
        pytest.param(
            make_run(FileChange("log.txt", "x", True), status=200),
            make_run(FileChange("log.txt", "y", True), status=422),
            "POST /x: status 200 here, 422 there",
            id="status-before-changes",
        ),
        pytest.param(
            make_run(body='{"message":"Message sent"}'),
            make_run(body='{"message":"Notification sent"}'),
            'POST /x: body "{\\"message\\":\\"Message sent\\"}" here, '
            '"{\\"message\\":\\"Notification sent\\"}" there',
            id="body",
        ),
        pytest.param(
            make_run(body="a" * 100 + "b" * 100),
            make_run(body="a" * 100 + "c" * 100),
            f'POST /x: body …"{"a" * 30}{"b" * 30}"… here, …"{"a" * 30}{"c" * 30}"… there',
            id="long-body-cut-where-they-part",
        ),
    ],
)
def test_same_behaviour_tells_the_first_difference(
    mine: RequestRun, theirs: RequestRun, difference: str
):
    """The first difference, in the order status, body, changes before, changes after."""
    assert make_transcript(mine).same_behaviour(make_transcript(theirs)) == difference


def test_same_behaviour_tells_a_different_request_and_count():
    """Transcripts of other requests, or of fewer, differ before any response is compared."""
    other = dataclasses.replace(make_run(), request=Request("POST", "/y", None))
    assert (
        make_transcript(make_run()).same_behaviour(make_transcript(other))
        == "the request POST /x here, POST /y there"
    )
    assert (
        make_transcript(make_run(), make_run()).same_behaviour(Transcript("m", (), "broke", ()))
        == "2 requests ran here, 0 there"
    )
