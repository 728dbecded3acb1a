"""The requests of `run[...]`: how they are written, and how a wrong one is told."""

from __future__ import annotations

import pytest

from runs.requests import Request, parse_request, parse_requests


def test_requests_are_quoted_and_separated_by_commas_or_spaces():
    """Commas, spaces, both, or nothing at all separate quoted requests."""
    value = ' "POST /a", "GET /b?q=1" ,"PUT /c""DELETE /d"   "HEAD /"  '
    assert parse_requests(value) == (
        Request("POST", "/a", None),
        Request("GET", "/b?q=1", None),
        Request("PUT", "/c", None),
        Request("DELETE", "/d", None),
        Request("HEAD", "/", None),
    )


def test_the_tutorial_requests():
    """The requests the Background Tasks page sends, as its directive writes them."""
    value = (
        '"POST /send-notification/foo@example.com?q=some-query", '
        '"POST /send-notification/foo@example.com"'
    )
    assert [str(request) for request in parse_requests(value)] == [
        "POST /send-notification/foo@example.com?q=some-query",
        "POST /send-notification/foo@example.com",
    ]


def test_a_json_body_follows_the_target():
    """Escaped quotes and backslashes are unescaped; other backslashes stay for JSON to read."""
    value = r'"POST /items/ {\"name\": \"Foo\", \"path\": \"a\\\\b\", \"note\": \"x\ny\"}"'
    (request,) = parse_requests(value)
    assert request == Request("POST", "/items/", r'{"name": "Foo", "path": "a\\b", "note": "x\ny"}')
    assert str(request) == r'POST /items/ {"name": "Foo", "path": "a\\b", "note": "x\ny"}'


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("PUT /items/1   [1, 2]  ", "[1, 2]"),
        ("PATCH /items/1 true", "true"),
        ("POST /items/ null", "null"),
        ("POST /items/ -1.5", "-1.5"),
        ('POST /items/ "text"', '"text"'),
        ('POST /items/ {"a":\n  1}', '{"a":\n  1}'),
    ],
)
def test_any_json_value_is_a_body(text: str, body: str):
    """A body is any JSON value, kept as written (without the spaces around it)."""
    assert parse_request(text).body == body


def test_str_is_method_target_and_body():
    """A request reads back as it is written in run[...]."""
    assert str(Request("GET", "/items/?q=1", None)) == "GET /items/?q=1"
    assert str(Request("POST", "/items/", '{"a": 1}')) == 'POST /items/ {"a": 1}'


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", 'no request is given (write run["METHOD /path"], e.g. run["GET /items/"])'),
        (" , ", 'no request is given (write run["METHOD /path"], e.g. run["GET /items/"])'),
        ("POST /items/", "'POST /items/' is not in double quotes (write \"POST /items/\")"),
        (
            '"GET /a", POST /b, "GET /c"',
            "'POST /b' is not in double quotes (write \"POST /b\")",
        ),
        (
            '"GET /a" "POST /b',
            "'\"POST /b' has no closing double quote (end each request with \")",
        ),
        (
            r'"POST /b {\"a\": 1}\"',
            '\'"POST /b {\\"a\\": 1}\\"\' has no closing double quote (end each request with ")',
        ),
    ],
)
def test_wrong_lists_of_requests(value: str, message: str):
    """Each mistake in writing the list is told with the text it is in, and how to write it."""
    with pytest.raises(ValueError) as error:
        parse_requests(value)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", 'the request is empty (write "METHOD /path", e.g. "POST /items/")'),
        ("   ", 'the request is empty (write "METHOD /path", e.g. "POST /items/")'),
        (
            "FETCH /items/",
            "'FETCH' is not a method (write one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS)",
        ),
        ("post /items/", "'post' is not a method (write POST, in upper case)"),
        (
            "POST",
            "'POST' has no target (write the method, a space and the path, e.g. \"POST /items/\")",
        ),
        (
            "/items/",
            "'/items/' is not a method (write one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS)",
        ),
        ("GET items/?q=1", "the target 'items/?q=1' does not start with / (write '/items/?q=1')"),
        (
            "GET http://127.0.0.1:8000/items/?q=1",
            "the target 'http://127.0.0.1:8000/items/?q=1' does not start with / "
            "(write '/items/?q=1')",
        ),
        (
            "GET /items/my item",
            "the target '/items/my item' holds whitespace (percent-encode it: '/items/my%20item')",
        ),
        (
            "GET /items/?q=some query here",
            "the target '/items/?q=some query here' holds whitespace "
            "(percent-encode it: '/items/?q=some%20query%20here')",
        ),
        (
            "GET /items/café",
            "the target '/items/café' holds characters a URL cannot "
            "(percent-encode them: '/items/caf%C3%A9')",
        ),
        (
            'POST /items/ {"a": 1 "b": 2}',
            "the body '{\"a\": 1 \"b\": 2}' is not JSON: Expecting ',' delimiter at column 9",
        ),
        (
            'POST /items/ {"a":\n 1,\n}',
            "the body '{\"a\":\n 1,\n}' is not JSON: "
            "Expecting property name enclosed in double quotes at line 3, column 1",
        ),
        ("POST /items/ [1, 2", "the body '[1, 2' is not JSON: Expecting ',' delimiter at column 6"),
    ],
)
def test_wrong_requests(text: str, message: str):
    """Each mistake in a request is told with the author's text, and how to write it."""
    with pytest.raises(ValueError) as error:
        parse_request(text)
    assert str(error.value) == message


def test_a_wrong_request_in_a_list_is_told():
    """`parse_requests` reports the first wrong request as `parse_request` does."""
    with pytest.raises(ValueError) as error:
        parse_requests('"GET /a", "GET b"')
    assert str(error.value) == "the target 'b' does not start with / (write '/b')"
