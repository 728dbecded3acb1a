"""Line alignment between two variants of one example, to carry highlights across.

Variants are rewrites of one program: a block sits a level deeper, a call or a signature is
joined into one line in one file and spread over several in another, a type is spelled another
way. Lines are compared by their tokens, so indentation and line breaks do not count, in two
passes: difflib pairs the lines that are the same, then each stretch it could not pair is
matched token by token, which pairs a joined line with every line it was split into.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

# The units lines are compared by: a word, or one punctuation mark. Whitespace is not one.
TOKEN_RE = re.compile(r"\w+|[^\w\s]")

# A comma right before a closing bracket, as black leaves after the last item of a split call
# (its "magic trailing comma"): it comes and goes as the call is split or joined, so it is
# dropped before lines are compared, looking past line breaks for the bracket.
TRAILING_COMMA_RE = re.compile(r",(?=\s*[)\]}])")

WORD_RE = re.compile(r"\w")


@dataclass(frozen=True)
class SharedToken:
    """A token the two stretches share, and the line it stands in on each side."""

    token: str
    source_line: int
    target_line: int


def tokenize_lines(lines: list[str]) -> list[list[str]]:
    """Return each line's tokens, without the trailing commas that splitting a call adds."""
    text = TRAILING_COMMA_RE.sub("", "\n".join(lines))
    return [TOKEN_RE.findall(line) for line in text.split("\n")]


def has_no_word(key: str) -> bool:
    """Whether a line holds no word: a blank line, or brackets alone such as `)`, `],` or `):`."""
    return WORD_RE.search(key) is None


def align_lines(source: list[str], target: list[str]) -> dict[int, tuple[int, ...]]:
    """Map 1-based line numbers of `source` to the corresponding lines of `target`.

    A line maps to one line, to the several lines it was split into, or (left out) to none.
    """
    source_tokens, target_tokens = tokenize_lines(source), tokenize_lines(target)
    # Blank lines and lines of brackets alone are everywhere, so they may not anchor a pairing
    # (difflib's "junk"): paired on their own, the `)` closing one call would pair with the `)`
    # closing another, a run of blank lines with another run. They still pair where they stand
    # next to lines that pair.
    matcher = difflib.SequenceMatcher(
        has_no_word,
        a=[" ".join(tokens) for tokens in source_tokens],
        b=[" ".join(tokens) for tokens in target_tokens],
        autojunk=False,
    )
    mapping: dict[int, tuple[int, ...]] = {}
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(a_end - a_start):
                mapping[a_start + offset + 1] = (b_start + offset + 1,)
        elif tag == "replace":
            stretch = pair_by_tokens(
                dict(enumerate(source_tokens[a_start:a_end], start=a_start + 1)),
                dict(enumerate(target_tokens[b_start:b_end], start=b_start + 1)),
            )
            mapping.update(stretch)
    return mapping


def pair_by_tokens(
    source: dict[int, list[str]], target: dict[int, list[str]]
) -> dict[int, tuple[int, ...]]:
    """Pair the lines of two rewritten stretches (line number to tokens) by the tokens they share.

    The stretches are matched as two runs of tokens, so line breaks do not matter; two lines pair
    when the tokens they share make at least half of either. A joined line shares all of each of
    its split lines, so it pairs with every one of them, and each of them with it.
    """
    source_run = [(token, line) for line, tokens in source.items() for token in tokens]
    target_run = [(token, line) for line, tokens in target.items() for token in tokens]
    matcher = difflib.SequenceMatcher(
        a=[token for token, _ in source_run], b=[token for token, _ in target_run], autojunk=False
    )
    shared: Counter[tuple[int, int]] = Counter()
    # difflib's own recursion (longest run, then each side of it), but chance punctuation at
    # the ends of a run is cut off and left to the stretches beside it, where it may belong.
    stretches = [(0, len(source_run), 0, len(target_run))]
    while stretches:
        a_low, a_high, b_low, b_high = stretches.pop()
        a, b, size = matcher.find_longest_match(a_low, a_high, b_low, b_high)
        if size == 0:
            continue
        run = [
            SharedToken(source_run[a + k][0], source_run[a + k][1], target_run[b + k][1])
            for k in range(size)
        ]
        pieces = cut_where_both_lines_change(run)
        evidence = [is_evidence(piece, source, target) for piece in pieces]
        if any(evidence):
            first, last = evidence.index(True), len(evidence) - evidence[::-1].index(True)
            skipped, kept = sum(map(len, pieces[:first])), sum(map(len, pieces[first:last]))
            a, b, size = a + skipped, b + skipped, kept
        for piece, counts in zip(pieces, evidence, strict=True):
            if counts:
                shared.update((item.source_line, item.target_line) for item in piece)
        stretches += [(a_low, a, b_low, b), (a + size, a_high, b + size, b_high)]
    pairs: dict[int, tuple[int, ...]] = {}
    for (a_line, b_line), count in sorted(shared.items()):
        if 2 * count >= min(len(source[a_line]), len(target[b_line])):
            pairs[a_line] = (*pairs.get(a_line, ()), b_line)
    return pairs


def cut_where_both_lines_change(run: list[SharedToken]) -> list[list[SharedToken]]:
    """Cut a run of shared tokens where both sides start a new line at the same token."""
    # While one side stays in one line, the run follows a line the other side split: one piece
    # of evidence. Where both start a new line together, what follows may be another statement
    # altogether, matched on by chance: the `:` ending one line, then the next line's words.
    pieces: list[list[SharedToken]] = []
    for item in run:
        previous = pieces[-1][-1] if pieces else None
        if previous is None or (
            item.source_line != previous.source_line and item.target_line != previous.target_line
        ):
            pieces.append([])
        pieces[-1].append(item)
    return pieces


def is_evidence(
    piece: list[SharedToken], source: dict[int, list[str]], target: dict[int, list[str]]
) -> bool:
    """Whether a piece holds a word, or is a whole line of brackets matching a whole line."""
    # A `(` or `) :` alone is in nearly every line, so it shows nothing, unless it is all of a
    # `)` line and all of the `)` line it matches.
    if any(WORD_RE.match(item.token) for item in piece):
        return True
    first = piece[0]
    return len(piece) == len(source[first.source_line]) == len(target[first.target_line])


def carry_lines(lines: set[int], mapping: dict[int, tuple[int, ...]]) -> list[int]:
    """Return the target's lines that correspond to `lines`, in order."""
    return sorted({target for line in lines for target in mapping.get(line, ())})
