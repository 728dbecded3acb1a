"""A code block as a translation must keep it: its code, without comments and strings.

Translators translate comments and the texts in strings (a message, a docstring); the rest of
a block is code, the same in every language. Pygments, which highlights the site's code, says
which is which for every language it knows. A block in a language it does not know, or that is
prose to it (text, Markdown), is not compared line by line.
"""

from __future__ import annotations

from functools import cache

from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.token import Comment, String
from pygments.util import ClassNotFound

# What Pygments calls the lexers of prose: text in them is translated like the page's.
PROSE_LEXERS = frozenset({"Text only", "Markdown"})
# Stands for every string, whatever its text in this language.
STRING = '""'


@cache
def code_lexer(language: str) -> Lexer | None:
    """Return the lexer of `language`, or None when Pygments does not know it as code."""
    if not language:
        return None
    try:
        lexer = get_lexer_by_name(language, stripnl=False, tabsize=0)
    except ClassNotFound:
        return None
    return None if lexer.name in PROSE_LEXERS else lexer


def code_lines(
    language: str, lines: tuple[tuple[int, str], ...]
) -> tuple[tuple[int, str], ...] | None:
    """Return the block's lines of code, each with its line number, their comments removed,
    each string one `""`, spacing made single, empty lines left out; None for prose.

    A comment or string that runs over several lines is part of the line it starts on, so a
    docstring translated into more lines is still the same code.
    """
    lexer = code_lexer(language)
    if lexer is None:
        return None
    if not lines:
        return ()
    found: list[tuple[int, str]] = []
    line, start, current, in_string = 0, 0, [], False
    for token, value in lexer.get_tokens("\n".join(text for _, text in lines)):
        if token in Comment or token in String:
            if token in String and not in_string:
                current.append(STRING)
            in_string = token in String
            # A comment may end with its line's newline, which ends the line as code's would.
            inside = value.rstrip("\n")
            line += inside.count("\n")
            value = value[len(inside) :]
            if not value:
                continue
        in_string = False
        *ended, value = value.split("\n")
        for part in ended:
            keep_line(found, lines[start][0], [*current, part])
            line += 1
            start, current = line, []
        current.append(value)
    if start < len(lines):  # a lexer that drops the newline the text ends with
        keep_line(found, lines[start][0], current)
    return tuple(found)


def keep_line(found: list[tuple[int, str]], number: int, parts: list[str]) -> None:
    """Add the code of a line, if it has any, with the number of the line it started on."""
    code = " ".join("".join(parts).split())
    if code:
        found.append((number, code))
