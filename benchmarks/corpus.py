"""A generated documentation corpus: example programs in four variants, and pages including them.

`write_corpus(root, includes=400)` writes, under `root`:

- `docs_src/topicNN/progNNNN{_an_py310,_py310,_an,}.py`: one FastAPI-style program per include,
  in the four variants the directive knows, made from one description by the rewrites that
  variants of real examples differ by: `Annotated` parameters against defaults, `X | None`
  against `Union[X, None]`, a signature or a call joined on one line in one variant and split
  one argument a line in another, a block indented under a `with` in some variants only;
- `docs/<lang>/pageNN.md` for each language: the same pages, each with its share of the
  directives `{* ../../docs_src/topicNN/progNNNN_an_py310.py hl[...] *}` (some with `ln[...]`
  and `title[...]`), in the FastAPI spelling that markdown-include-variants also reads.

Each include records the text of the lines its `hl` highlights in the named file, so a tool's
output can be checked against what was meant. Everything comes from a seeded random generator:
the same arguments write the same corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("en", "pt", "ru")
# The longest line black leaves alone in FastAPI's examples; longer signatures and calls split.
LINE_LENGTH = 88
PROGRAMS_PER_TOPIC = 50
INCLUDES_PER_PAGE = 20


@dataclass(frozen=True)
class Flavor:
    """One variant of every program: its file suffix, and what its code may use."""

    suffix: str
    annotated: bool
    py310: bool


# The named file first, as FastAPI's pages name the newest Annotated variant.
FLAVORS = (
    Flavor("_an_py310", annotated=True, py310=True),
    Flavor("_py310", annotated=False, py310=True),
    Flavor("_an", annotated=True, py310=False),
    Flavor("", annotated=False, py310=False),
)
NAMED = FLAVORS[0]


@dataclass(frozen=True)
class Param:
    """A query parameter: its name, type, and the validation `Query(...)` adds, if any."""

    name: str
    type: str
    check: str


@dataclass(frozen=True)
class Endpoint:
    """One path operation of a program, and the variants that rewrite it."""

    number: int
    params: tuple[Param, ...]
    indented: frozenset[str]  # suffixes of the variants whose body sits under `with lock:`
    split_call: frozenset[str]  # suffixes of the variants whose add_task call is split


@dataclass(frozen=True)
class Line:
    """A line of a program, and the parts of the program it shows (for highlights)."""

    text: str
    roles: frozenset[str]


@dataclass(frozen=True)
class CorpusInclude:
    """One directive of the corpus, as each language's page holds it."""

    page: str  # the page, relative to docs/<lang>/
    directive: str
    program: str  # the named file, relative to docs_src/
    highlighted: tuple[str, ...]  # the named file's lines that `hl` highlights


@dataclass(frozen=True)
class Corpus:
    """What `write_corpus` wrote: the folder, its languages, and every include of a page."""

    root: Path
    languages: tuple[str, ...]
    includes: tuple[CorpusInclude, ...]

    @property
    def pages(self) -> tuple[str, ...]:
        """Return the pages, relative to docs/<lang>/, in order."""
        return tuple(dict.fromkeys(include.page for include in self.includes))


def param_text(param: Param, flavor: Flavor) -> str:
    """A parameter as the variant writes it: in `Annotated`, or with `Query(...)` as default."""
    optional = f"{param.type} | None" if flavor.py310 else f"Union[{param.type}, None]"
    if flavor.annotated:
        return f"{param.name}: Annotated[{optional}, Query({param.check})] = None"
    if not param.check:
        return f"{param.name}: {optional} = None"
    return f"{param.name}: {optional} = Query(default=None, {param.check})"


def render_call(
    head: str, args: list[tuple[str, str]], close: str, indent: str, split: bool
) -> list[Line]:
    """A call or signature on one line, or split one argument a line with a trailing comma."""
    joined = f"{indent}{head}({', '.join(text for text, _ in args)}){close}"
    if not split and len(joined) <= LINE_LENGTH:
        return [Line(joined, frozenset(role for _, role in args) | {"head", "close"})]
    lines = [Line(f"{indent}{head}(", frozenset({"head"}))]
    lines += [Line(f"{indent}    {text},", frozenset({role})) for text, role in args]
    return [*lines, Line(f"{indent}){close}", frozenset({"close"}))]


def render_endpoint(endpoint: Endpoint, flavor: Flavor) -> list[Line]:
    """One path operation as the variant writes it."""
    tag = f"e{endpoint.number}"
    args = [("item_id: int", "param.item_id"), ("tasks: BackgroundTasks", "param.tasks")]
    args += [(param_text(p, flavor), f"param.{p.name}") for p in endpoint.params]
    signature = render_call(f"async def create_item{endpoint.number}", args, ":", "", False)
    names = ", ".join(p.name for p in endpoint.params)
    body_indent = "    "
    lines = [
        Line(f'@app.post("/items{endpoint.number}/{{item_id}}")', frozenset({"route"})),
        *signature,
        Line(f'    message = f"item {{item_id}}: {{({names})}}"', frozenset({"message"})),
    ]
    if flavor.suffix in endpoint.indented:
        lines.append(Line("    with lock:", frozenset({"with"})))
        body_indent = "        "
    call_args = [(arg, "call") for arg in ("write_log", "message", f"priority={endpoint.number}")]
    split = flavor.suffix in endpoint.split_call
    call = render_call("tasks.add_task", call_args, "", body_indent, split)
    lines += [Line(line.text, frozenset({"call"})) for line in call]  # the call is one part
    lines.append(Line(f'{body_indent}return {{"item_id": item_id}}', frozenset({"return"})))
    return [Line(line.text, frozenset(f"{tag}.{role}" for role in line.roles)) for line in lines]


def render_program(endpoints: tuple[Endpoint, ...], flavor: Flavor) -> list[Line]:
    """A whole program as the variant writes it: imports, a helper, the path operations."""
    standard = ["from threading import Lock"]
    if flavor.annotated and flavor.py310:
        standard.append("from typing import Annotated")
    if not flavor.py310:
        standard.append("from typing import Union")
    packages = ["from fastapi import BackgroundTasks, FastAPI, Query"]
    if flavor.annotated and not flavor.py310:
        packages.append("from typing_extensions import Annotated")
    texts = [
        *standard,
        "",
        *packages,
        "",
        "app = FastAPI()",
        "lock = Lock()",
        "",
        "",
        "def write_log(message: str, priority: int = 0):",
        '    with open("log.txt", mode="a") as log:',
        '        log.write(f"{priority}: {message}\\n")',
    ]
    lines = [Line(text, frozenset({f"top.{n}"} if text else ())) for n, text in enumerate(texts)]
    for endpoint in endpoints:
        lines += [Line("", frozenset()), Line("", frozenset())]
        lines += render_endpoint(endpoint, flavor)
    return lines


def draw_endpoints(rng: random.Random) -> tuple[Endpoint, ...]:
    """Draw a program's path operations and which variants rewrite each one how."""
    suffixes = [flavor.suffix for flavor in FLAVORS]
    checks = [("str", ""), ("int", ""), ("str", "max_length=50"), ("int", "gt=0")]
    endpoints = []
    for number in range(1, rng.randint(2, 4) + 1):
        params = tuple(Param(f"q{k}", *rng.choice(checks)) for k in range(1, rng.randint(1, 3) + 1))
        endpoints.append(
            Endpoint(
                number=number,
                params=params,
                indented=frozenset(rng.sample(suffixes, rng.randint(0, 2))),
                split_call=frozenset(rng.sample(suffixes, rng.randint(0, 3))),
            )
        )
    return tuple(endpoints)


def compress_ranges(numbers: list[int]) -> str:
    """Write line numbers as `hl[...]` and `ln[...]` items: `3,5:7`."""
    items: list[list[int]] = []
    for number in sorted(set(numbers)):
        if items and number == items[-1][1] + 1:
            items[-1][1] = number
        else:
            items.append([number, number])
    return ",".join(str(a) if a == b else f"{a}:{b}" for a, b in items)


def draw_directive(
    rng: random.Random, index: int, path: str, named: list[Line], endpoints: tuple[Endpoint, ...]
) -> tuple[str, tuple[str, ...]]:
    """Draw a directive for the named file: its text, and the lines its `hl` highlights."""
    endpoint = rng.choice(endpoints)
    tag = f"e{endpoint.number}"
    roles = [f"{tag}.{role}" for role in ("route", "head", "message", "call", "return")]
    roles += [f"{tag}.param.{param.name}" for param in endpoint.params]
    chosen = set(rng.sample(roles, rng.randint(1, 3)))
    hl = [n for n, line in enumerate(named, start=1) if line.roles & chosen]
    options = f"hl[{compress_ranges(hl)}]"
    if index % 5 == 4:  # every fifth shows only the app and the path operation
        numbered = list(enumerate(named, start=1))
        own = [n for n, line in numbered if any(r.startswith(f"{tag}.") for r in line.roles)]
        app = next(n for n, line in numbered if line.text == "app = FastAPI()")
        options = f"ln[{app},{own[0]}:{own[-1]}] {options}"
    if index % 7 == 6:
        options += ' title["main.py"]'
    return f"{{* {path} {options} *}}", tuple(named[n - 1].text for n in hl)


def write_corpus(
    root: Path, includes: int = 400, *, languages: tuple[str, ...] = LANGUAGES, seed: int = 0
) -> Corpus:
    """Write `includes` programs, four variants each, and the pages including each once."""
    rng = random.Random(seed)
    corpus_includes = []
    for index in range(includes):
        topic = f"topic{index // PROGRAMS_PER_TOPIC:02}"
        folder = root / "docs_src" / topic
        folder.mkdir(parents=True, exist_ok=True)
        endpoints = draw_endpoints(rng)
        programs = {flavor: render_program(endpoints, flavor) for flavor in FLAVORS}
        for flavor, lines in programs.items():
            text = "".join(f"{line.text}\n" for line in lines)
            (folder / f"prog{index:04}{flavor.suffix}.py").write_text(text, encoding="utf-8")
        program = f"{topic}/prog{index:04}{NAMED.suffix}.py"
        directive, highlighted = draw_directive(
            rng, index, f"../../docs_src/{program}", programs[NAMED], endpoints
        )
        page = f"page{index // INCLUDES_PER_PAGE:02}.md"
        corpus_includes.append(CorpusInclude(page, directive, program, highlighted))
    corpus = Corpus(root=root, languages=languages, includes=tuple(corpus_includes))
    for lang in languages:
        (root / "docs" / lang).mkdir(parents=True, exist_ok=True)
        for page in corpus.pages:
            directives = [i.directive for i in corpus.includes if i.page == page]
            (root / "docs" / lang / page).write_text(render_page(page, lang, directives))
    return corpus


def render_page(page: str, lang: str, directives: list[str]) -> str:
    """A page: a title, then each directive after a sentence, as tutorials interleave them."""
    parts = [f"# {page.removesuffix('.md')} ({lang})", ""]
    for number, directive in enumerate(directives, start=1):
        parts += [f"Step {number}: the code below does one more thing.", "", directive, ""]
    return "\n".join(parts)
