"""Line alignment between two variants of one example, to carry highlights across."""

from __future__ import annotations

import difflib

# How alike two differing lines must be to count as the same line rewritten
# (`q: str | None` against `q: Union[str, None]` is about 0.8; unrelated lines score far lower).
SAME_LINE_RATIO = 0.6


def align_lines(source: list[str], target: list[str]) -> dict[int, int]:
    """Map 1-based line numbers of `source` to the corresponding lines of `target`.

    Identical runs map one to one; a rewritten stretch maps each line to the most alike line of
    the other side's stretch, keeping their order; a line with no counterpart is left out.
    """
    matcher = difflib.SequenceMatcher(
        a=[line.rstrip() for line in source], b=[line.rstrip() for line in target], autojunk=False
    )
    mapping: dict[int, int] = {}
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(a_end - a_start):
                mapping[a_start + offset + 1] = b_start + offset + 1
        elif tag == "replace":
            mapping.update(_pair_rewritten(source, target, a_start, a_end, b_start, b_end))
    return mapping


def _pair_rewritten(
    source: list[str], target: list[str], a_start: int, a_end: int, b_start: int, b_end: int
) -> dict[int, int]:
    """Pair the lines of two rewritten stretches by likeness, in order."""
    pairs: dict[int, int] = {}
    next_b = b_start
    for a in range(a_start, a_end):
        scored = [
            (difflib.SequenceMatcher(a=source[a].strip(), b=target[b].strip()).ratio(), b)
            for b in range(next_b, b_end)
        ]
        if not scored:
            break
        ratio, best = max(scored, key=lambda pair: (pair[0], -pair[1]))
        if ratio >= SAME_LINE_RATIO:
            pairs[a + 1] = best + 1
            next_b = best + 1
    return pairs


def carry_lines(lines: set[int], mapping: dict[int, int]) -> list[int]:
    """Return the target's lines that correspond to `lines`, in order."""
    return sorted(mapping[line] for line in lines if line in mapping)
