"""Rendering a directive's model as Markdown for pymdown-extensions: fenced code, tabs, tips.

Nothing here reads a file or aligns lines: `model.py` did that once for every language, and
rendering only adds the words of the page's language.
"""

from __future__ import annotations

import re
from dataclasses import replace

from variant_includes.errors import IncludeError
from variant_includes.grammar import FENCE_RE
from variant_includes.labels import LANGUAGES as LABEL_LANGUAGES
from variant_includes.labels import label
from variant_includes.model import Include, Tab

# Slash counts of the blocks the directive emits. A nested block must not reuse the count of a
# block it sits in, and pages use 3 or 4 for their own admonitions, so ours start above that.
DETAILS_FENCE = "/" * 6
TAB_FENCE = "/" * 7
TIP_FENCE = "/" * 8

# The fence language and comment marker of each kind of program.
LANGUAGES = {".py": ("python", "#")}
DEFAULT_LANGUAGE = ("text", "#")
# The labels of the comments that stand for omitted lines.
OMITTED = ("omitted_above", "omitted_between", "omitted_below")


def render_code(tab: Tab, lang: str) -> list[str]:
    """Render a tab's fenced code block of its shown lines, omitted parts marked with a comment."""
    fence_language, comment = LANGUAGES.get(tab.variant.path.suffix, DEFAULT_LANGUAGE)
    hl = set(tab.hl)
    body: list[str] = []
    highlighted: list[int] = []
    previous = 0
    for number in tab.shown:
        if number > previous + 1:
            name = "omitted_above" if previous == 0 else "omitted_between"
            indent = re.match(r"\s*", tab.code[number - 1]).group()
            body.append(f"{indent}{comment} {label(name, lang)}")
        body.append(tab.code[number - 1])
        if number in hl:
            highlighted.append(len(body))
        previous = number
    if tab.shown and previous < len(tab.code):
        body.append(f"{comment} {label('omitted_below', lang)}")
    longest_ticks = max((len(run) for run in re.findall(r"`+", "\n".join(body))), default=0)
    fence = "`" * max(3, longest_ticks + 1)
    header = fence + fence_language
    if highlighted:
        header += f' hl_lines="{" ".join(map(str, highlighted))}"'
    if tab.title:
        header += f' title="{tab.title}"'
    return [header, *body, fence]


def comment_stand_ins() -> dict[str, str]:
    """Return each python comment that marks omitted lines, in every language, with the English
    one: a block differs from its English twin only in those lines."""
    _, comment = LANGUAGES[".py"]
    return {
        f"{comment} {label(name, lang)}": f"{comment} {label(name, 'en')}"
        for name in OMITTED
        for lang in sorted(LABEL_LANGUAGES - {"en"})
    }


def render_block(fence: str, header: str, content: list[str]) -> list[str]:
    """Wrap Markdown lines in a pymdownx block (`/// tab | ...`)."""
    return [f"{fence} {header}", "", *content, "", fence]


def tab_label(tab: Tab, lang: str) -> str:
    """Label a tab: `Python 3.10+`, or `Python 3.10+ - non-Annotated`."""
    # "non-Annotated" tells a tab from the Annotated one for the same Python; alone, it needs
    # no telling apart, and the word would point at a version that does not exist.
    python = label("python", lang, version=tab.variant.python_label)
    if tab.annotated_twin:
        return label("non_annotated", lang, python=python)
    return python


def render_tab(tab: Tab, lang: str) -> list[str]:
    """Render one other variant as a tab, with the tip to prefer `Annotated` where it has one."""
    content = []
    if tab.tip:
        tip = [label("prefer_annotated", lang)]
        content += [*render_block(TIP_FENCE, f"tip | {label('tip', lang)}", tip), ""]
    content += render_code(tab, lang)
    return render_block(TAB_FENCE, f"tab | {tab_label(tab, lang)}", content)


def whole_file(tab: Tab) -> Tab | None:
    """Return the tab showing its whole program when it shows an excerpt (`ln`), else None."""
    every_line = tuple(range(1, len(tab.code) + 1))
    return None if tab.shown == every_line else replace(tab, shown=every_line)


def render_named(tab: Tab, lang: str) -> list[str]:
    """Render the named file's code, and, under an excerpt, its whole program collapsed, so that
    the copy button gives a program that runs."""
    output = render_code(tab, lang)
    whole = whole_file(tab)
    if whole is not None:
        preview = render_code(whole, lang)
        output += [
            "",
            *render_block(DETAILS_FENCE, f"details | {label('full_file_preview', lang)}", preview),
        ]
    return output


def render_include(include: Include, lang: str, indent: str = "") -> str:
    """Render a directive's model as Markdown in `lang`, indented as the directive was."""
    output = render_named(include.named, lang)
    if include.others:
        output = render_block(TAB_FENCE, f"tab | {tab_label(include.named, lang)}", output)
        tabs = [line for tab in include.others for line in ["", *render_tab(tab, lang)]][1:]
        details = render_block(DETAILS_FENCE, f"details | {label('other_variants', lang)}", tabs)
        output += ["", *details]
    return indent_lines(output, indent)


def render_fences(include: Include, lang: str) -> list[str]:
    """Render each code block of a directive's model in `lang`, as a fenced block of its own."""
    tabs = [include.named, *include.others, whole_file(include.named)]
    return ["\n".join(render_code(tab, lang)) for tab in tabs if tab is not None]


def render_error(error: IncludeError, lang: str, indent: str) -> str:
    """Render an include error as a danger admonition, so the author sees it in the page."""
    message = ["```text", str(error), "```"]
    block = render_block(DETAILS_FENCE, f"danger | {label('include_error', lang)}", message)
    return indent_lines(block, indent)


def render_fenced_error(error: IncludeError, lang: str, fence: str) -> str:
    """Render an include error that stands inside a fenced code block (`fence`, its opening
    line): the block is closed before the error block and opened again after it."""
    indent = fence[: len(fence) - len(fence.lstrip())]
    closing = indent + FENCE_RE.match(fence)["fence"]
    return "\n".join([closing, "", render_error(error, lang, indent), "", fence])


def indent_lines(lines: list[str], indent: str) -> str:
    """Join lines, each indented as the directive was, so lists and admonitions keep them."""
    return "\n".join(indent + line if line else "" for line in lines)
