"""The requests of a directive's `run[...]`: `"METHOD /target"`, optionally with a JSON body.

`parse_requests` reads the bracketed value, one or more double-quoted requests separated by
commas and/or spaces, and `parse_request` each request; a mistake is a `ValueError` that says
what is wrong and how to write it.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")

# One request of run[...], in double quotes; inside, a backslash escapes a quote or a backslash.
QUOTED_RE = re.compile(
    r"""(?x)
    "
    (?P<text>(?:[^"\\]|\\.)*)     # \" and \\ are escapes; any other backslash stays as written
    "
    """,
    re.DOTALL,
)

# What separates the requests: commas and/or whitespace.
SEPARATORS_RE = re.compile(r"[\s,]*")

# Unquoted text, up to where the next request could begin: what the author forgot to quote.
UNQUOTED_RE = re.compile(r'[^,"]*')

# One request, once unquoted.
REQUEST_RE = re.compile(
    r"""(?x)
    ^\s*
    (?P<method>\S+)               # GET, POST, ...
    (?:\s+(?P<target>\S+))?       # the path and query, percent-encoded: /items/?q=1
    (?:\s+(?P<rest>.*?))?         # a JSON body, or more of a target that holds whitespace
    \s*$
    """,
    re.DOTALL,
)

# How a JSON text may begin besides a keyword: what marks the rest of a request as a body.
JSON_START = '{["-0123456789'

# Characters a target keeps as written: `quote` encodes the rest, as a suggestion.
TARGET_SAFE = string.punctuation


@dataclass(frozen=True)
class Request:
    """One request to send a program: method, target (path and query), and a JSON body or None."""

    method: str
    target: str
    body: str | None = None

    def __str__(self) -> str:
        return " ".join(part for part in (self.method, self.target, self.body) if part is not None)


def parse_request(text: str) -> Request:
    """Parse `POST /items/ {"name": "Foo"}` into a `Request`."""
    match = REQUEST_RE.match(text)
    if match is None:
        raise ValueError('the request is empty (write "METHOD /path", e.g. "POST /items/")')
    method, target, rest = match["method"], match["target"], match["rest"]
    if method not in METHODS:
        if method.upper() in METHODS:
            raise ValueError(f"'{method}' is not a method (write {method.upper()}, in upper case)")
        raise ValueError(f"'{method}' is not a method (write one of {', '.join(METHODS)})")
    if target is None:
        raise ValueError(
            f"'{text.strip()}' has no target (write the method, a space and the path, "
            f'e.g. "{method} /items/")'
        )
    if rest is not None and not is_body(rest):
        # Words that cannot begin JSON are the rest of a target the author wrote with a space.
        target = text.strip()[len(method) :].strip()
        raise ValueError(
            f"the target '{target}' holds whitespace "
            f"(percent-encode it: '{quote(target, safe=TARGET_SAFE)}')"
        )
    if not target.startswith("/"):
        raise ValueError(
            f"the target '{target}' does not start with / (write '{suggest_target(target)}')"
        )
    if not target.isascii() or not target.isprintable():
        raise ValueError(
            f"the target '{target}' holds characters a URL cannot "
            f"(percent-encode them: '{quote(target, safe=TARGET_SAFE)}')"
        )
    if rest is not None:
        check_body(rest)
    return Request(method, target, rest)


def is_body(rest: str) -> bool:
    """Say whether the text after a target reads as a JSON body rather than more target."""
    if rest[0] in JSON_START:
        return True
    try:
        json.loads(rest)
    except ValueError:
        return False
    return True


def check_body(body: str) -> None:
    """Raise a `ValueError` saying where `body` stops being JSON, if it does."""
    try:
        json.loads(body)
    except json.JSONDecodeError as error:
        where = f"column {error.colno}"
        if error.lineno > 1:
            where = f"line {error.lineno}, {where}"
        raise ValueError(f"the body '{body}' is not JSON: {error.msg} at {where}") from None


def suggest_target(target: str) -> str:
    """Return the target an author meant: the path and query of a URL, else the text after /."""
    parts = urlsplit(target)
    if parts.scheme and parts.netloc:
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return f"/{target}"


def parse_requests(value: str) -> tuple[Request, ...]:
    """Parse the value of `run[...]`: double-quoted requests separated by commas and/or spaces."""
    requests = []
    position = SEPARATORS_RE.match(value).end()
    while position < len(value):
        quoted = QUOTED_RE.match(value, position)
        if quoted is None:
            if value[position] == '"':
                raise ValueError(
                    f"'{value[position:].strip()}' has no closing double quote "
                    '(end each request with ")'
                )
            text = UNQUOTED_RE.match(value, position)[0].strip()
            raise ValueError(f"'{text}' is not in double quotes (write \"{text}\")")
        requests.append(parse_request(re.sub(r'\\([\\"])', r"\1", quoted["text"])))
        position = SEPARATORS_RE.match(value, quoted.end()).end()
    if not requests:
        raise ValueError('no request is given (write run["METHOD /path"], e.g. run["GET /items/"])')
    return tuple(requests)
