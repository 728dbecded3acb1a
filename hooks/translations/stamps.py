"""What a page's front matter says to the translation checks.

A translation: which version of its English page it follows, a short hash. An English page:
whether it is translated at all (`translate: false` keeps it in English in every language).
"""

from __future__ import annotations

import hashlib
import re

import yaml

# The front matter key, and how many hex digits of the SHA-256 it keeps: short enough to read,
# long enough that two versions of one page never share it.
STAMP_KEY = "source_hash"
HASH_LENGTH = 12

FRONT_MATTER_RE = re.compile(
    r"""(?xs)
    \A---[ \t]*\n                 # the opening line
    (?P<body>.*?)                 # YAML, left as the author wrote it
    ^(?:---|\.\.\.)[ \t]*(?:\n|\Z)  # the closing line
    """,
    re.MULTILINE,
)
STAMP_LINE_RE = re.compile(rf"(?m)^{STAMP_KEY}[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
TRANSLATE_KEY = "translate"
TRANSLATE_LINE_RE = re.compile(rf"(?m)^{TRANSLATE_KEY}[ \t]*:")


def source_hash(text: str) -> str:
    """Return the stamp of an English page's text: the same text gives the same stamp anywhere."""
    normalized = text.replace("\r\n", "\n")
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def read_stamp(text: str) -> str | None:
    """Return the stamp in a page's front matter, or None when it has none."""
    front = FRONT_MATTER_RE.match(text.replace("\r\n", "\n"))
    if front is None:
        return None
    stamp = STAMP_LINE_RE.search(front["body"])
    return stamp["value"].strip("'\"") if stamp else None


def write_stamp(text: str, stamp: str) -> str:
    """Return the page with `stamp` in its front matter; every other line stays as it was."""
    text = text.replace("\r\n", "\n")
    line = f"{STAMP_KEY}: {stamp}"
    front = FRONT_MATTER_RE.match(text)
    if front is None:
        return f"---\n{line}\n---\n\n{text}"
    body = front["body"]
    if STAMP_LINE_RE.search(body):
        body = STAMP_LINE_RE.sub(line, body, count=1)
    else:
        body = f"{body}{line}\n"
    start, end = front.span("body")
    return text[:start] + body + text[end:]


def translates(text: str) -> bool:
    """Tell whether an English page is to be translated: not when its front matter says
    `translate: false`. Front matter that is not YAML is MkDocs's to report."""
    front = FRONT_MATTER_RE.match(text.replace("\r\n", "\n"))
    if front is None or not TRANSLATE_LINE_RE.search(front["body"]):
        return True
    try:
        meta = yaml.safe_load(front["body"])
    except yaml.YAMLError:
        return True
    return not (isinstance(meta, dict) and meta.get(TRANSLATE_KEY) is False)
