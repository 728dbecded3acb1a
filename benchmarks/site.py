"""A synthetic multilingual site to benchmark: the project itself plus N pages per language.

The site is a copy of the project (mkdocs.yml, hooks, its pages and programs) with `pages`
generated pages per language, each with `includes` directives of generated `docs_src/`
programs that have `_an_py310`, `_an`, `_py310` and plain variants; some directives carry
`ln[...]`. The Portuguese and Russian pages are translations with the same includes and
anchors, stamped, so `mkdocs build --strict` passes. The stock copy is the same pages built
without our hooks, by markdown-include-variants and mdx_include, as FastAPI's docs are.
"""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, SoupStrainer, Tag

from tests.project import PROJECT_PARTS, copy_project
from translations.stamps import source_hash, write_stamp
from variant_includes.labels import LABELS

LANGUAGES = ("en", "pt", "ru")
# What each language calls the generated page and its sections; anchors stay English.
WORDS = {
    "en": ("Generated page", "Example", "This section shows one program of `docs_src/`."),
    "pt": ("Página gerada", "Exemplo", "Esta seção mostra um programa de `docs_src/`."),
    "ru": (
        "Сгенерированная страница",
        "Пример",
        "Этот раздел показывает программу из `docs_src/`.",
    ),
}
# A paragraph of prose, so a page is not all code; an edit in the serve loop goes here.
PROSE = (
    "Background tasks run after the response has been sent, so the client does not wait for "
    "them. Each example below declares a parameter of type BackgroundTasks and adds a task to "
    "it; the highlighted lines are the ones the text talks about."
)
# Variant sets: the named file first. Every other program has no Annotated twin, as in FastAPI.
FULL_VARIANTS = ("_an_py310", "_an", "_py310", "")
PLAIN_VARIANTS = ("_py310", "")


@dataclass(frozen=True)
class Site:
    """A generated site: its folder, its size, and how to build it."""

    root: Path
    pages: int
    includes: int
    stock: bool = False

    @property
    def config(self) -> Path:
        """The mkdocs.yml that builds every language."""
        return self.root / "mkdocs.yml"

    @property
    def english_config(self) -> Path:
        """The mkdocs.yml beside it that builds English only."""
        return self.root / "mkdocs.en.yml"

    @property
    def cwd(self) -> Path:
        """Where MkDocs runs: markdown-include-variants reads `../../docs_src` from the cwd."""
        return self.root / "docs" / "en" if self.stock else self.root

    def page_file(self, lang: str, number: int) -> Path:
        """Return the Markdown file of generated page `number` in `lang`."""
        return self.root / "docs" / lang / page_name(number)

    def program_file(self, page: int, program: int) -> Path:
        """Return the named file of one page's program."""
        variants = FULL_VARIANTS if program % 2 == 0 else PLAIN_VARIANTS
        return (
            self.root / "docs_src" / folder_name(page) / f"{program_name(program)}{variants[0]}.py"
        )


def page_name(number: int) -> str:
    """Return a generated page's path below `docs/<lang>/`."""
    return f"generated/page{number:03}.md"


def page_path(lang: str, number: int) -> str:
    """Return a generated page's URL path, below the site's root."""
    prefix = "" if lang == "en" else f"{lang}/"
    return f"{prefix}generated/page{number:03}/"


def folder_name(page: int) -> str:
    """Return the `docs_src/` folder of a page's programs."""
    return f"bench_page{page:03}"


def program_name(program: int) -> str:
    """Return a program's base name, without its variant suffixes."""
    return f"tutorial{program + 1:03}"


def program_lines(name: str, suffix: str, endpoints: int) -> list[str]:
    """Return one variant of a program: Annotated or not, Python 3.10 unions or `Union`."""
    annotated, py310 = "_an" in suffix, "_py310" in suffix
    optional = "str | None" if py310 else "Union[str, None]"
    depends = "Annotated[str, Depends(get_query)]" if annotated else "str = Depends(get_query)"
    lines = []
    if annotated and py310:
        lines += ["from typing import Annotated", ""]
    elif not py310:
        lines += ["from typing import Union", ""]
    lines.append("from fastapi import BackgroundTasks, Depends, FastAPI")
    if annotated and not py310:
        lines.append("from typing_extensions import Annotated")
    lines += [
        "",
        "app = FastAPI()",
        "",
        "",
        "def write_log(message: str):",
        f'    with open("log_{name}.txt", mode="a") as log:',
        "        log.write(message)",
        "",
        "",
        f"def get_query(background_tasks: BackgroundTasks, q: {optional} = None):",
        "    if q:",
        '        message = f"found query: {q}\\n"',
        "        background_tasks.add_task(write_log, message)",
        "    return q",
        "",
        "",
    ]
    for number in range(endpoints):
        lines += [
            f'@app.get("/{name}/items/{number}")',
            f"async def read_items_{number}(q: {depends}):",
            f'    return {{"items": {number}, "q": q}}',
            "",
            "",
        ]
    lines += [
        f'@app.post("/{name}/send-notification/{{email}}")',
        "async def send_notification(",
        f"    email: str, background_tasks: BackgroundTasks, q: {depends}",
        "):",
        '    message = f"message to {email}\\n"',
        "    background_tasks.add_task(write_log, message)",
        '    return {"message": "Message sent"}',
    ]
    return lines


def line_of(lines: list[str], text: str) -> int:
    """Return the 1-based number of the first line that contains `text`."""
    return next(number for number, line in enumerate(lines, 1) if text in line)


def directive_options(lines: list[str], kind: int) -> str:
    """Return the options of a directive of the named file: `hl`, a range, or `ln` with `hl`."""
    query = line_of(lines, "def get_query")
    add_task = line_of(lines, "background_tasks.add_task(write_log")
    signature = line_of(lines, "email: str, background_tasks")
    if kind == 0:
        return f"hl[{query},{add_task}]"
    if kind == 1:
        return f"hl[{line_of(lines, 'def write_log')}:{line_of(lines, 'log.write')},{signature}]"
    endpoint = line_of(lines, "/send-notification/")
    return f"ln[{query}:{query + 4},{endpoint}:{len(lines)}] hl[{add_task},{signature}]"


def run_option(page: int) -> str:
    """Return the `run[...]` of a page's first program: a notification, with a query."""
    name = f"{folder_name(page)}_{program_name(0)}"
    return f'run["POST /{name}/send-notification/foo@example.com?q=page-{page}"]'


def write_programs(root: Path, page: int, programs: int) -> list[tuple[str, list[str]]]:
    """Write one page's programs with their variants; return each named file's path and lines."""
    folder = root / "docs_src" / folder_name(page)
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text("", encoding="utf-8")
    named = []
    for program in range(programs):
        name = f"{folder_name(page)}_{program_name(program)}"
        suffixes = FULL_VARIANTS if program % 2 == 0 else PLAIN_VARIANTS
        for suffix in suffixes:
            lines = program_lines(name, suffix, endpoints=(page + program) % 3)
            path = folder / f"{program_name(program)}{suffix}.py"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            if suffix == suffixes[0]:
                named.append((f"../../docs_src/{folder_name(page)}/{path.name}", lines))
    return named


def page_text(lang: str, page: int, includes: list[str]) -> str:
    """Return a generated page in `lang`: a title, then one section per include."""
    title, section, intro = WORDS[lang]
    parts = [f"# {title} {page:03} {{ #generated-page-{page:03} }}", "", PROSE, ""]
    for number, directive in enumerate(includes, 1):
        parts += [f"## {section} {number} {{ #example-{number} }}", "", intro, "", directive, ""]
    return "\n".join(parts)


def add_pages_to_nav(config: dict, pages: int) -> None:
    """List the generated pages in the nav, as an author adding pages would."""
    config["nav"].append({"Generated": [page_name(number) for number in range(1, pages + 1)]})


def read_config(path: Path) -> dict:
    """Read an mkdocs.yml."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_config(path: Path, config: dict) -> None:
    """Write an mkdocs.yml."""
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def english_only(config: dict) -> dict:
    """Return the config with every language but the default one switched off (`build: false`)."""
    config = copy.deepcopy(config)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if "i18n" in plugin)
    for language in i18n["languages"]:
        language["build"] = bool(language.get("default"))
    return config


def generate_site(dest: Path, pages: int, includes: int = 3) -> Site:
    """Copy the project into `dest` and add `pages` generated pages in every language."""
    root = copy_project(dest)
    for page in range(1, pages + 1):
        named = write_programs(root, page, programs=(includes + 1) // 2)
        directives = []
        for number in range(includes):
            path, lines = named[number // 2]
            # The first include of each page runs its program, as a tutorial's result would.
            run = f" {run_option(page)}" if number == 0 else ""
            directives.append(f"<* {path} {directive_options(lines, number % 3)}{run} *>")
        english = page_text("en", page, directives)
        for lang in LANGUAGES:
            text = page_text(lang, page, directives)
            if lang != "en":
                text = write_stamp(text, source_hash(english))
            target = root / "docs" / lang / page_name(page)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    config = read_config(root / "mkdocs.yml")
    add_pages_to_nav(config, pages)
    write_config(root / "mkdocs.yml", config)
    write_config(root / "mkdocs.en.yml", english_only(config))
    return Site(root, pages, includes)


def stock_config(config: dict) -> dict:
    """Return our config as the stock pipeline has it: no hooks, FastAPI's include extensions."""
    stock = {key: value for key, value in config.items() if key not in {"hooks", "watch"}}
    # Our one theme override reads what hooks/site_hook.py adds to each page.
    stock["theme"] = {key: value for key, value in config["theme"].items() if key != "custom_dir"}
    stock["markdown_extensions"] = [*config["markdown_extensions"], "mdx_include"]
    stock["markdown_extensions"].append("markdown_include_variants")
    return stock


def make_stock_site(site: Site, dest: Path) -> Site:
    """Copy `site`'s pages and programs into `dest`, for the stock pipeline's `{* *}` directive."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        if part not in {"hooks", "mkdocs.yml"}:
            shutil.copytree(site.root / part, dest / part)
    for page in (dest / "docs").rglob("*.md"):
        # The stock pipeline runs no program: `run[...]` is ours alone.
        text = re.sub(r' run\["[^\]]*"\]', "", page.read_text(encoding="utf-8"))
        page.write_text(re.sub(r"(?m)^<\*(.*)\*>[ \t]*$", r"{*\1*}", text), encoding="utf-8")
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        write_config(dest / name, stock_config(read_config(site.root / name)))
    return Site(dest, site.pages, site.includes, stock=True)


@dataclass(frozen=True)
class Section:
    """The code blocks of one section of a built page: the named file's first, then the rest."""

    page: str
    anchor: str
    highlighted: tuple[str, ...]
    others_highlighted: int
    others: int


def highlighted_lines(block: Tag) -> tuple[str, ...]:
    """Return the text of each highlighted line of a code block."""
    return tuple(line.get_text().rstrip("\n") for line in block.select(".hll"))


# The summary of a full-file preview, in every language: ours, and markdown-include-variants'.
PREVIEWS = ("Full file preview", *LABELS["full_file_preview"].values())


def other_blocks(blocks: list[Tag]) -> list[Tag]:
    """Return the variants' blocks: a full-file preview is not one, nor what a run shows."""
    return [
        block
        for block in blocks
        if not any(
            "example" in (details.get("class") or [])
            or any(preview in details.summary.get_text() for preview in PREVIEWS)
            for details in block.find_parents("details")
            if details.summary
        )
    ]


def read_sections(html: str, page: str) -> Iterator[Section]:
    """Yield each `h2` section of a page that holds code: the first block is the named file's."""
    # Only the article: every page also holds the whole nav, which is most of its HTML.
    article = BeautifulSoup(html, "html.parser", parse_only=SoupStrainer("article")).article
    for heading in article.find_all("h2"):
        blocks = []
        for element in heading.find_all_next(["h2", "div"]):
            if element.name == "h2":
                break
            if "highlight" in (element.get("class") or []):
                blocks.append(element)
        if blocks:
            others = other_blocks(blocks[1:])
            yield Section(
                page,
                heading.get("id", ""),
                highlighted_lines(blocks[0]),
                sum(1 for block in others if block.select(".hll")),
                len(others),
            )


def built_pages(site_dir: Path) -> list[str]:
    """Return every page of a built site, relative to it."""
    return sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("index.html"))


@dataclass(frozen=True)
class HighlightCheck:
    """How the highlights of two builds of the same pages compare, section by section."""

    pages_compared: int
    sections: int
    mismatches: tuple[str, ...]
    # Blocks of the other variants, and how many of them have highlighted lines: (ours, stock).
    other_blocks: tuple[int, int]
    other_highlighted: tuple[int, int]


def compare_highlights(ours: Path, stock: Path) -> HighlightCheck:
    """Compare the named file's highlighted lines in every section of every page of two builds."""
    pages = built_pages(ours)
    mismatches = []
    if pages != built_pages(stock):
        mismatches.append(
            f"the builds have different pages: {set(pages) ^ set(built_pages(stock))}"
        )
    sections = 0
    others, others_highlighted = [0, 0], [0, 0]
    for page in sorted(set(pages) & set(built_pages(stock))):
        ours_sections = list(read_sections((ours / page).read_text(encoding="utf-8"), page))
        stock_sections = list(read_sections((stock / page).read_text(encoding="utf-8"), page))
        if [s.anchor for s in ours_sections] != [s.anchor for s in stock_sections]:
            mismatches.append(f"{page}: sections with code differ")
        for mine, theirs in zip(ours_sections, stock_sections, strict=False):
            sections += 1
            if mine.highlighted != theirs.highlighted:
                mismatches.append(
                    f"{page}#{mine.anchor}: ours {mine.highlighted}, stock {theirs.highlighted}"
                )
            for index, section in enumerate((mine, theirs)):
                others[index] += section.others
                others_highlighted[index] += section.others_highlighted
    return HighlightCheck(
        len(pages), sections, tuple(mismatches), tuple(others), tuple(others_highlighted)
    )
