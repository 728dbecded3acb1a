"""The directive's own time on a generated corpus, against FastAPI's tooling on the same pages.

    python -m benchmarks.directive --includes 400 --runs 5 --json result.json

Writes a corpus (`benchmarks/corpus.py`) into a temporary folder and installs
markdown-include-variants and mdx_include there with `pip install --target` (for the
measurement only: they are no dependency of the project). Then it converts the English pages
with Python-Markdown and the site's other extensions, a new `Markdown` per page as MkDocs makes
one, through:

- `variant_includes`, the first language of a build: every model is built;
- `variant_includes`, cached: the Portuguese pages with the models the English ones left in a
  shared `ModelCache`, as the hook renders the second language of a build;
- markdown-include-variants + mdx_include, as FastAPI's docs configure them (`mdx_include` and
  `markdown_include_variants` with no options, paths relative to the language folder, which is
  the working directory FastAPI builds each language in).

Only the include preprocessors are timed (for FastAPI's tooling, both of them), so the time is
the directive's own, not Markdown's or Pygments'. The pipelines take turns, in an order that
alternates between runs, after one warm-up run. Before timing, every include is converted
alone by both tools, and the highlighted lines of the named file (the first code block) are
compared with each other and with the lines the corpus meant; mismatches are reported, not
hidden. The table goes to stdout, the numbers to a JSON file.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import markdown

from benchmarks.corpus import Corpus, CorpusInclude, write_corpus
from variant_includes.cache import ModelCache
from variant_includes.extension import IncludeExtension

# FastAPI's tooling and what it needs besides Markdown, which the project has: with --no-deps
# pip brings no second Markdown into the target folder.
PACKAGES = ("markdown-include-variants", "mdx_include", "rcslice", "cyclic")
# The exit code when those packages cannot be installed, so a smoke test can tell it apart.
EXIT_NO_PACKAGES = 3

# The site's other Markdown extensions (mkdocs.yml), the same for every pipeline.
EXTENSIONS = [
    "abbr",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.superfences",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.details",
    "pymdownx.blocks.tab",
]
EXTENSION_CONFIGS = {
    "toc": {"permalink": True},
    "pymdownx.highlight": {
        "anchor_linenums": True,
        "line_spans": "__span",
        "pygments_lang_class": True,
    },
    "pymdownx.blocks.tab": {"alternate_style": True},
}

OURS = "variant_includes (first language)"
OURS_CACHED = "variant_includes (cached, next language)"
THEIRS = "markdown-include-variants + mdx_include"
PIPELINES = (OURS, OURS_CACHED, THEIRS)


@dataclass(frozen=True)
class Timing:
    """One pass over the pages: the include preprocessors' time and the whole conversion's."""

    directive: float
    conversion: float


class HighlightedLines(HTMLParser):
    """Collect the text of each highlighted line (`<span class="hll">`) of the first <pre>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.depth = 0  # open spans inside the current highlighted line; 0: not in one
        self.state = "before"  # "before" the first <pre>, "in" it, or "after" it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Enter the first <pre>, and each highlighted line in it."""
        if tag == "pre" and self.state == "before":
            self.state = "in"
        elif tag == "span" and self.state == "in":
            if self.depth:
                self.depth += 1
            elif "hll" in (dict(attrs).get("class") or "").split():
                self.depth = 1
                self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        """Leave a highlighted line, or the first <pre>."""
        if tag == "span" and self.depth:
            self.depth -= 1
        elif tag == "pre" and self.state == "in":
            self.state = "after"

    def handle_data(self, data: str) -> None:
        """Add text to the highlighted line it stands in."""
        if self.depth:
            self.lines[-1] += data


def find_highlighted(html: str) -> tuple[str, ...]:
    """Return the highlighted lines of the first code block of `html`, without line ends."""
    parser = HighlightedLines()
    parser.feed(html)
    return tuple(line.rstrip("\n") for line in parser.lines)


def install_packages(target: Path) -> None:
    """Install FastAPI's include tooling into `target` with pip, for this measurement only."""
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    command += ["--no-deps", "--target", str(target), *PACKAGES]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(f"cannot install {', '.join(PACKAGES)} with pip:\n{result.stderr}", file=sys.stderr)
        raise SystemExit(EXIT_NO_PACKAGES)


@contextmanager
def working_directory(path: Path) -> Iterator[None]:
    """Run the block in `path`, as FastAPI runs MkDocs in each language's folder."""
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def time_preprocessors(md: markdown.Markdown, names: tuple[str, ...], spent: list[float]) -> None:
    """Wrap the named preprocessors of `md` so that their run time adds up in `spent`."""
    for name in names:
        preprocessor = md.preprocessors[name]
        run = preprocessor.run

        def timed(lines: list[str], run: Callable = run) -> list[str]:
            """Run the preprocessor, adding its time to `spent`."""
            start = time.perf_counter()
            try:
                return run(lines)
            finally:
                spent[0] += time.perf_counter() - start

        preprocessor.run = timed


def convert_ours(corpus: Corpus, lang: str, cache: ModelCache, text: str) -> tuple[str, float]:
    """Convert one page of `lang` with our extension and `cache`; return HTML and directive time."""
    include = IncludeExtension(
        cache=cache,
        lang=lang,
        lang_root=str(corpus.root / "docs" / lang),
        docs_src=str(corpus.root / "docs_src"),
        on_error="raise",
    )
    md = markdown.Markdown(extensions=[include, *EXTENSIONS], extension_configs=EXTENSION_CONFIGS)
    spent = [0.0]
    time_preprocessors(md, ("variant_includes",), spent)
    return md.convert(text), spent[0]


def convert_theirs(text: str) -> tuple[str, float]:
    """Convert one page with markdown-include-variants and mdx_include, in the page's folder."""
    md = markdown.Markdown(
        extensions=[*EXTENSIONS, "mdx_include", "markdown_include_variants"],
        extension_configs=EXTENSION_CONFIGS,
    )
    spent = [0.0]
    time_preprocessors(md, ("include_variants", "mdx_include"), spent)
    return md.convert(text), spent[0]


def run_ours(corpus: Corpus, pages: dict[str, dict[str, str]]) -> dict[str, Timing]:
    """Convert the English pages with a new cache, then the Portuguese pages with the same."""
    cache = ModelCache()
    timings = {}
    for name, lang in [(OURS, corpus.languages[0]), (OURS_CACHED, corpus.languages[1])]:
        directive = 0.0
        start = time.perf_counter()
        for text in pages[lang].values():
            directive += convert_ours(corpus, lang, cache, text)[1]
        timings[name] = Timing(directive, time.perf_counter() - start)
    return timings


def run_theirs(corpus: Corpus, pages: dict[str, dict[str, str]]) -> dict[str, Timing]:
    """Convert the English pages with FastAPI's tooling."""
    lang = corpus.languages[0]
    directive = 0.0
    start = time.perf_counter()
    with working_directory(corpus.root / "docs" / lang):
        for text in pages[lang].values():
            directive += convert_theirs(text)[1]
    return {THEIRS: Timing(directive, time.perf_counter() - start)}


def check_highlights(corpus: Corpus) -> list[dict[str, object]]:
    """Convert each include alone with both tools; return those whose highlights differ."""
    lang = corpus.languages[0]
    mismatches = []
    with working_directory(corpus.root / "docs" / lang):
        for include in corpus.includes:
            ours = find_highlighted(convert_ours(corpus, lang, ModelCache(), include.directive)[0])
            theirs = find_highlighted(convert_theirs(include.directive)[0])
            if not ours == theirs == include.highlighted:
                mismatches.append(describe_mismatch(include, ours, theirs))
    return mismatches


def describe_mismatch(
    include: CorpusInclude, ours: tuple[str, ...], theirs: tuple[str, ...]
) -> dict[str, object]:
    """Say what each tool highlighted, and what the corpus meant, for one include."""
    return {
        "page": include.page,
        "directive": include.directive,
        "meant": list(include.highlighted),
        "variant_includes": list(ours),
        "markdown_include_variants": list(theirs),
    }


def summarize(seconds: list[float]) -> dict[str, object]:
    """Median, min and max of a pipeline's runs."""
    return {
        "runs": seconds,
        "median": statistics.median(seconds),
        "min": min(seconds),
        "max": max(seconds),
    }


def describe_machine() -> dict[str, object]:
    """The machine the numbers come from: cores, CPU model, Python."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def describe_versions() -> dict[str, str]:
    """The versions of the tools measured."""
    names = ["markdown", "pymdown-extensions", "markdown-include-variants", "mdx_include"]
    return {name: importlib.metadata.version(name) for name in names}


def render_table(result: dict) -> str:
    """The result as a plain-text table with the ratios and the highlight check."""
    includes, runs = result["includes"], result["runs"]
    rows = [
        f"Directive time for {includes} includes, {runs} runs each (alternating), "
        "include preprocessors only",
        f"{'pipeline':<44}{'median':>10}{'min':>10}{'max':>10}{'per include':>14}",
    ]
    for name in PIPELINES:
        stats = result["pipelines"][name]["directive"]
        per_include = stats["median"] / includes * 1000
        rows.append(
            f"{name:<44}{stats['median']:>9.3f}s{stats['min']:>9.3f}s{stats['max']:>9.3f}s"
            f"{per_include:>11.3f} ms"
        )
    ratios = result["ratios"]
    rows.append(
        f"ratio {THEIRS} / variant_includes: first language {ratios['first_language']:.2f}x, "
        f"cached {ratios['cached']:.2f}x (above 1: ours takes less time)"
    )
    check = result["check"]
    rows.append(
        f"highlight check of the named file: {check['compared'] - len(check['mismatches'])}"
        f"/{check['compared']} includes agree with each other and with the corpus"
    )
    for mismatch in check["mismatches"][:5]:
        rows.append(f"  mismatch: {mismatch['directive']}")
    return "\n".join(rows)


def measure(corpus: Corpus, runs: int) -> dict:
    """Time every pipeline `runs` times, in alternating order, after a warm-up run."""
    pages = {
        lang: {page: (corpus.root / "docs" / lang / page).read_text() for page in corpus.pages}
        for lang in corpus.languages
    }
    passes = [lambda: run_ours(corpus, pages), lambda: run_theirs(corpus, pages)]
    for run_pass in passes:
        run_pass()  # warm-up: imports, Pygments' lexers, the file system's cache
    timings: dict[str, list[Timing]] = {name: [] for name in PIPELINES}
    for number in range(runs):
        order = passes if number % 2 == 0 else passes[::-1]
        for run_pass in order:
            for name, timing in run_pass().items():
                timings[name].append(timing)
    return {
        name: {
            "directive": summarize([t.directive for t in found]),
            "conversion": summarize([t.conversion for t in found]),
        }
        for name, found in timings.items()
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.directive", description=__doc__)
    parser.add_argument("--includes", type=int, default=400, help="includes per language")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each pipeline")
    parser.add_argument("--json", type=Path, help="where to write the result (a temp file)")
    parser.add_argument("--work", type=Path, help="folder for the corpus and packages (temp)")
    parser.add_argument("--seed", type=int, default=0, help="the corpus generator's seed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Write the corpus, install the packages, check, measure, print and save the result."""
    given = sys.argv[1:] if argv is None else argv
    args = parse_args(given)
    with tempfile.TemporaryDirectory(prefix="directive-benchmark-") as temporary:
        work = args.work or Path(temporary)
        packages = work / "packages"
        install_packages(packages)
        sys.path.append(str(packages))  # after the project's own Markdown
        importlib.invalidate_caches()
        corpus = write_corpus(work / "corpus", args.includes, seed=args.seed)
        mismatches = check_highlights(corpus)
        pipelines = measure(corpus, args.runs)
        result = {
            "command": shlex.join(["python", "-m", "benchmarks.directive", *given]),
            "machine": describe_machine(),
            "versions": describe_versions(),
            "includes": args.includes,
            "runs": args.runs,
            "pipelines": pipelines,
            "ratios": {
                "first_language": pipelines[THEIRS]["directive"]["median"]
                / pipelines[OURS]["directive"]["median"],
                "cached": pipelines[THEIRS]["directive"]["median"]
                / pipelines[OURS_CACHED]["directive"]["median"],
            },
            "check": {"compared": len(corpus.includes), "mismatches": mismatches},
        }
    output = args.json
    if output is None:
        handle, name = tempfile.mkstemp(prefix="directive-benchmark-", suffix=".json")
        os.close(handle)
        output = Path(name)
    output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(render_table(result))
    print(f"JSON: {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
