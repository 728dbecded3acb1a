"""Time the README's build and serve loop on a synthetic site, against the stock pipeline.

    .venv/bin/python -m benchmarks.run [--pages 100 300] [--runs 3] [--json PATH]
                                       [--skip-serve] [--skip-stock]

For each N it generates the site (benchmarks/site.py) into a temporary folder and times
`mkdocs build --strict`, runs of every case alternating: ours with 1 and 3 languages, and the
stock pipeline (markdown-include-variants and mdx_include, installed for this run only) on the
same pages; it checks that both highlight the same lines. Then it runs the README's `mkdocs
serve --livereload --dirty` on the N = 100 site, edits a page and a program, and times until the
page open in Chromium has reloaded with the change and until every language serves it. It
prints a Markdown table and writes every run's numbers as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

import httpx
from playwright.sync_api import Page, sync_playwright

from benchmarks.site import (
    LANGUAGES,
    PROSE,
    HighlightCheck,
    Site,
    compare_highlights,
    generate_site,
    make_stock_site,
    page_path,
)
from tests.browser.conftest import CHROMIUM_ARGS
from tests.browser.servers import free_port, stop
from tests.project import mkdocs_env
from translations.status import Project, survey

BUILD_TIMEOUT = 1800
# The first build of `mkdocs serve` comes before it answers; a rebuild must still end soon.
SERVE_READY_TIMEOUT = 900
CHANGE_TIMEOUT = 300
POLL_INTERVAL = 0.05
# FastAPI's include tooling, pinned, installed with --no-deps beside the two packages it needs,
# so that Markdown, Pygments and pymdown-extensions stay the venv's, the same for both sides.
STOCK_PACKAGES = ("markdown-include-variants==0.0.8", "mdx-include==1.4.2")
STOCK_DEPENDENCIES = ("rcslice==1.1.0", "cyclic==1.0.0")
# The package versions that decide the numbers, recorded with them.
VERSIONS = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pymdown-extensions", "Markdown")


# What the build's translation checks do, timed on their own: their share of a build.
TRANSLATION_CHECKS = "translation checks (every page surveyed)"


@dataclass(frozen=True)
class Case:
    """One way to build the site: our hooks or the stock pipeline, all languages or English."""

    pipeline: str
    languages: int

    @property
    def label(self) -> str:
        """Name the case in the table."""
        languages = "3 languages" if self.languages == 3 else "1 language (en)"
        return f"build, {self.pipeline}, {languages}"


@dataclass
class Timing:
    """The seconds of every run of one measurement."""

    what: str
    pages: int
    languages: int
    seconds: list[float] = field(default_factory=list)

    def summary(self) -> dict:
        """Return the runs with their median, min and max, as the JSON has them."""
        values = self.seconds or [float("nan")]
        return {
            **asdict(self),
            "median": statistics.median(values),
            "min": min(values),
            "max": max(values),
        }


def describe_machine() -> dict:
    """Say what the numbers ran on: CPU, cores, memory, load, Python and package versions."""
    cpuinfo = Path("/proc/cpuinfo")
    cpu = platform.processor()
    if cpuinfo.is_file():
        found = re.search(r"(?m)^model name\s*:\s*(.+)$", cpuinfo.read_text(encoding="utf-8"))
        cpu = found[1] if found else cpu
    meminfo = Path("/proc/meminfo")
    memory = None
    if meminfo.is_file():
        found = re.search(r"(?m)^MemTotal:\s*(\d+) kB", meminfo.read_text(encoding="utf-8"))
        memory = f"{int(found[1]) / 1024**2:.0f} GiB" if found else None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "load_average_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "system": platform.platform(),
        "python": platform.python_version(),
        "packages": {name: metadata.version(name) for name in VERSIONS},
    }


def install_stock_packages(target: Path) -> str | None:
    """Install the stock pipeline's packages into `target` only; return why not, if it failed."""
    command = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target)]
    try:
        result = subprocess.run(
            [*command, *STOCK_PACKAGES, *STOCK_DEPENDENCIES],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "pip install of the stock packages took more than 300 s"
    if result.returncode != 0:
        return f"pip install of {' '.join(STOCK_PACKAGES)} failed: {result.stderr.strip()[-500:]}"
    return None


def site_env(site: Site, tmp: Path, stock_packages: Path | None) -> dict[str, str]:
    """Return an MkDocs process's environment; only the stock site sees the stock packages."""
    env = mkdocs_env(tmp)
    if site.stock and stock_packages is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(stock_packages), env.get("PYTHONPATH")])
        )
    return env


def build_once(site: Site, languages: int, dest: Path, stock_packages: Path | None) -> float:
    """Run `mkdocs build --strict` of `site` into `dest`; return its wall time in seconds."""
    config = site.config if languages == 3 else site.english_config
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    start = time.perf_counter()
    result = subprocess.run(
        [*command, "-d", str(dest)],
        cwd=site.cwd,
        # Each build keeps what its programs did in a folder of its own: every build measured
        # runs them, as a first build does (a second build of an unchanged tree runs none).
        env={**site_env(site, dest.parent, stock_packages), "DOCS_RUNS_CACHE": f"{dest}.runs"},
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        log = (result.stdout + result.stderr)[-4000:]
        raise RuntimeError(f"{' '.join(command)} failed in {site.cwd}:\n{log}")
    return seconds


def benchmark_builds(
    pages: int, includes: int, runs: int, work: Path, stock_packages: Path | None
) -> tuple[list[Timing], HighlightCheck | None]:
    """Time every build case of an N-page site, alternating; compare ours and stock's highlights."""
    sites = {"ours": generate_site(work / "ours", pages, includes)}
    if stock_packages is not None:
        sites["stock"] = make_stock_site(sites["ours"], work / "stock")
    cases = [Case(pipeline, languages) for pipeline in sites for languages in (3, 1)]
    timings = {case: Timing(case.label, pages, case.languages) for case in cases}
    checks = Timing(TRANSLATION_CHECKS, pages, 3)
    kept: dict[str, Path] = {}
    for run in range(runs):
        # Rotate the order, so no case always runs first, on a cold cache, or last.
        for case in cases[run % len(cases) :] + cases[: run % len(cases)]:
            dest = work / "out" / f"{case.pipeline}-{case.languages}-{run}"
            timings[case].seconds.append(
                build_once(sites[case.pipeline], case.languages, dest, stock_packages)
            )
            print(f"  N={pages} run {run + 1}: {case.label}: {timings[case].seconds[-1]:.2f} s")
            if case.languages == 3 and case.pipeline not in kept:
                kept[case.pipeline] = dest
            else:
                shutil.rmtree(dest)
        checks.seconds.append(time_translation_checks(sites["ours"]))
        print(f"  N={pages} run {run + 1}: {checks.what}: {checks.seconds[-1]:.2f} s")
    check = compare_highlights(kept["ours"], kept["stock"]) if "stock" in kept else None
    shutil.rmtree(work)
    return [*timings.values(), checks], check


def time_translation_checks(site: Site) -> float:
    """Time what the translation checks do in a build: every page of pt and ru compared with
    its English page (stamps, includes, headings, links, code blocks), once for the build."""
    docs = site.root / "docs"
    project = Project(root=site.root, docs_dir=docs, source_lang="en", languages=("pt", "ru"))
    start = time.perf_counter()
    surveyed = survey(project)
    seconds = time.perf_counter() - start
    if any(page.warnings for page in surveyed):
        raise RuntimeError(f"the translations of {site.root} drifted")
    return seconds


@dataclass(frozen=True)
class Edit:
    """One author's edit: in which file, what it replaces, and how each language shows it done."""

    kind: str
    path: Path
    old: str
    new: str
    shows: dict[str, Callable[[str], bool]]


class ServeLog:
    """The output of `mkdocs serve`, each line with the wall time it arrived at."""

    def __init__(self, process: subprocess.Popen, path: Path) -> None:
        self.lines: list[tuple[float, str]] = []
        self.process = process
        self.thread = threading.Thread(target=self.read, args=(process, path), daemon=True)
        self.thread.start()

    def read(self, process: subprocess.Popen, path: Path) -> None:
        """Keep every line, as it arrives, in memory and in `path`."""
        with path.open("w", encoding="utf-8") as log:
            for line in process.stdout:
                self.lines.append((time.time(), line))
                log.write(line)

    def first_after(self, start: float, text: str) -> float | None:
        """Return when a line with `text` first arrived after `start`."""
        return next((at for at, line in list(self.lines) if at >= start and text in line), None)

    def close(self) -> None:
        """Read what is left once the server has stopped, and close the pipe."""
        self.thread.join(10)
        self.process.stdout.close()

    def text(self) -> str:
        """Return everything printed so far."""
        return "".join(line for _, line in list(self.lines))


def start_serve(site: Site, work: Path) -> tuple[subprocess.Popen, ServeLog, str]:
    """Start the README's serve command on a free port; return once it answers."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty"]
    command += ["-a", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [*command, "-f", str(site.config)],
        cwd=site.root,
        env=mkdocs_env(work),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log = ServeLog(process, work / "serve.log")
    deadline = time.monotonic() + SERVE_READY_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/", timeout=5).status_code == 200:
                return process, log, url
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    stop(process)
    raise RuntimeError(f"mkdocs serve did not answer on {url}:\n{log.text()[-4000:]}")


def poll_until(url: str, shows: Callable[[str], bool], deadline: float, seen: dict, key: str):
    """GET `url` until its page `shows` the change; note the wall time in `seen[key]`."""
    with httpx.Client(timeout=10) as client:
        while time.time() < deadline:
            try:
                response = client.get(url)
                if response.status_code == 200 and shows(response.text):
                    seen[key] = time.time()
                    return
            except httpx.TransportError:
                pass
            time.sleep(POLL_INTERVAL)


def wait_reloaded(page: Page, shows: Callable[[str], bool], deadline: float) -> float:
    """Wait until the open page reloads and shows the change; return its DOMContentLoaded time."""
    while (remaining := deadline - time.time()) > 0:
        page.wait_for_event("domcontentloaded", timeout=remaining * 1000)
        if shows(page.content()):
            # The browser's own clock of the reload, not when Playwright told us about it.
            return page.evaluate(
                "(performance.timeOrigin"
                " + performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd) / 1000"
            )
    raise TimeoutError(f"the open page did not reload with the change in {CHANGE_TIMEOUT} s")


def apply_edit(page: Page, urls: dict[str, str], edit: Edit, log: ServeLog) -> dict[str, float]:
    """Make `edit` while `urls["en"]` is open; return the seconds until each stage showed it."""
    page.goto(urls["en"])
    page.wait_for_load_state("load")
    text = edit.path.read_text(encoding="utf-8")
    if edit.old not in text:
        raise RuntimeError(f"{edit.old!r} is not in {edit.path}")
    seen: dict[str, float] = {}
    start = time.time()
    deadline = start + CHANGE_TIMEOUT
    edit.path.write_text(text.replace(edit.old, edit.new, 1), encoding="utf-8")
    pollers = [
        threading.Thread(target=poll_until, args=(url, edit.shows[lang], deadline, seen, lang))
        for lang, url in urls.items()
    ]
    for poller in pollers:
        poller.start()
    reloaded = wait_reloaded(page, edit.shows["en"], deadline)
    for poller in pollers:
        poller.join(max(0.0, deadline - time.time()))
    missing = [lang for lang in urls if lang not in seen]
    if missing:
        raise TimeoutError(f"{edit.path.name}: {', '.join(missing)} never served the change")
    stages = {
        "change detected": log.first_after(start, "Detected file changes"),
        "rebuilt, reload sent": log.first_after(start, "Reloading browsers"),
        **{f"{lang} served (GET)": seen[lang] for lang in urls},
        "en reloaded in Chromium": reloaded,
    }
    return {stage: at - start for stage, at in stages.items() if at is not None}


def contains(text: str) -> Callable[[str], bool]:
    """Return a check that a page's HTML holds `text`."""
    return lambda html: text in html


def lacks(*texts: str) -> Callable[[str], bool]:
    """Return a check that a page's HTML holds none of `texts`."""
    return lambda html: not any(text in html for text in texts)


def author_edits(site: Site, run: int) -> list[tuple[Edit, Edit]]:
    """Return the two edits of one round, each with the edit that undoes it."""
    # Each edit adds its own word, so one edit's change is never taken for another's.
    page, page_word = site.page_file("en", 1), f"benchmarkpage{run}"
    program, program_word = site.program_file(1, 0), f"benchmarkprogram{run}"
    prose, edited_prose = PROSE[:16], f"{PROSE[:16]} {page_word}"
    code, edited_code = '"Message sent"', f'"Message sent {program_word}"'
    # An English edit outdates its translations: they show the banner that says so.
    outdated = "translation-outdated"
    page_shows = {lang: contains(page_word if lang == "en" else outdated) for lang in LANGUAGES}
    return [
        (
            Edit("save a page (en)", page, prose, edited_prose, page_shows),
            Edit(
                "undo",
                page,
                edited_prose,
                prose,
                dict.fromkeys(LANGUAGES, lacks(page_word, outdated)),
            ),
        ),
        (
            Edit(
                "save a program",
                program,
                code,
                edited_code,
                dict.fromkeys(LANGUAGES, contains(program_word)),
            ),
            Edit("undo", program, edited_code, code, dict.fromkeys(LANGUAGES, lacks(program_word))),
        ),
    ]


def benchmark_serve(pages: int, includes: int, runs: int, work: Path) -> list[Timing]:
    """Time the author loop under `mkdocs serve`: an edit until it is seen in every language."""
    site = generate_site(work / "ours", pages, includes)
    timings: dict[str, Timing] = {}
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not chromium:
        raise RuntimeError("no Chromium: run `bash tests/install-chromium.sh` or set CHROMIUM_PATH")
    process, log, url = start_serve(site, work)
    try:
        urls = {lang: f"{url}/{page_path(lang, 1)}" for lang in LANGUAGES}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_context().new_page()
            for run in range(runs):
                for edit, undo in author_edits(site, run):
                    for stage, seconds in apply_edit(page, urls, edit, log).items():
                        what = f"serve, {edit.kind}: {stage}"
                        timings.setdefault(what, Timing(what, pages, len(LANGUAGES)))
                        timings[what].seconds.append(seconds)
                    print(f"  serve run {run + 1}: {edit.kind}: done")
                    if run + 1 < runs:
                        # Back as it was, and served so, before the next round times it again.
                        apply_edit(page, urls, undo, log)
            browser.close()
    except Exception as error:
        raise RuntimeError(f"{error}\n--- mkdocs serve ---\n{log.text()[-4000:]}") from error
    finally:
        stop(process)
        log.close()
    shutil.rmtree(work, ignore_errors=True)
    return list(timings.values())


def format_seconds(value: float) -> str:
    """Show seconds with two decimals."""
    return f"{value:.2f}"


def format_table(timings: list[Timing]) -> str:
    """Return a Markdown table of every measurement: median and min–max of its runs."""
    rows = [
        "| measurement | pages per language | runs | median (s) | min–max (s) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for timing in timings:
        summary = timing.summary()
        spread = f"{format_seconds(summary['min'])}–{format_seconds(summary['max'])}"
        rows.append(
            f"| {timing.what} | {timing.pages} | {len(timing.seconds)} "
            f"| {format_seconds(summary['median'])} | {spread} |"
        )
    return "\n".join(rows)


# The ratios the build is held to, each of two build cases' times.
RATIOS = (
    ("ours, 3 languages / 1 language", "build, ours, 3 languages", "build, ours, 1 language (en)"),
    ("3 languages, ours / stock", "build, ours, 3 languages", "build, stock, 3 languages"),
    ("translation checks / ours, 3 languages", TRANSLATION_CHECKS, "build, ours, 3 languages"),
)


def build_ratios(timings: list[Timing]) -> list[dict]:
    """Return each ratio of RATIOS, for every N, run by run with its median and min–max.

    A run's cases follow each other within a minute, so a ratio within one run is steadier on a
    shared machine than a ratio of medians taken minutes apart.
    """
    by_case = {(timing.what, timing.pages): timing for timing in timings}
    ratios = []
    for name, top, bottom in RATIOS:
        for pages in sorted({timing.pages for timing in timings}):
            over, under = by_case.get((top, pages)), by_case.get((bottom, pages))
            if over is None or under is None:
                continue
            runs = [a / b for a, b in zip(over.seconds, under.seconds, strict=True)]
            ratios.append(
                {
                    "ratio": name,
                    "pages": pages,
                    "runs": runs,
                    "median": statistics.median(runs),
                    "min": min(runs),
                    "max": max(runs),
                }
            )
    return ratios


def format_ratio(ratio: dict) -> str:
    """Say one ratio: its median and min–max over the runs (a small share to four places)."""
    places = 2 if ratio["min"] >= 0.1 else 4
    return (
        f"ratio, N={ratio['pages']}: {ratio['ratio']}: {ratio['median']:.{places}f} "
        f"({ratio['min']:.{places}f}–{ratio['max']:.{places}f}) over {len(ratio['runs'])} runs"
    )


def format_check(pages: int, check: HighlightCheck | None, skipped: str | None) -> str:
    """Say how the highlights of ours and stock compared at `pages`, mismatches named."""
    if check is None:
        return f"highlights, N={pages}: not compared ({skipped or 'no stock build'})"
    ours, stock = check.other_highlighted
    lines = [
        f"highlights, N={pages}: {check.pages_compared} pages, "
        f"{check.sections} code sections compared, "
        f"{len(check.mismatches)} mismatches of the named file's highlighted lines; other "
        f"variants' blocks with highlights: ours {ours} of {check.other_blocks[0]}, stock "
        f"{stock} of {check.other_blocks[1]} (markdown-include-variants highlights only the "
        "named file)"
    ]
    lines += [f"  mismatch: {mismatch}" for mismatch in check.mismatches[:20]]
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 300], help="N per language")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement")
    parser.add_argument("--includes", type=int, default=3, help="K directives per page")
    parser.add_argument("--serve-pages", type=int, default=100, help="N of the serve loop's site")
    parser.add_argument(
        "--json", type=Path, help="where to write the results (default: a temp file)"
    )
    parser.add_argument("--skip-builds", action="store_true", help="time only the serve loop")
    parser.add_argument("--skip-serve", action="store_true", help="time only the builds")
    parser.add_argument("--skip-stock", action="store_true", help="time only our pipeline")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict:
    """Run the benchmark, print its table, write its JSON; return the results."""
    args = parse_args(argv)
    results: dict = {
        "command": " ".join(
            ["python -m benchmarks.run", *(sys.argv[1:] if argv is None else argv)]
        ),
        "machine": describe_machine(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "runs": args.runs,
        "includes": args.includes,
        "stock": {"packages": [*STOCK_PACKAGES, *STOCK_DEPENDENCIES], "skipped": None},
        "builds": [],
        "highlights": [],
        "serve": [],
        "ratios": [],
    }
    timings: list[Timing] = []
    checks = []
    with tempfile.TemporaryDirectory(prefix="site-benchmark-") as tmp:
        work = Path(tmp)
        stock_packages: Path | None = None
        if args.skip_stock:
            results["stock"]["skipped"] = "--skip-stock"
        elif not args.skip_builds:
            stock_packages = work / "stock-packages"
            results["stock"]["skipped"] = install_stock_packages(stock_packages)
            if results["stock"]["skipped"]:
                print(f"stock pipeline skipped: {results['stock']['skipped']}")
                stock_packages = None
        for pages in [] if args.skip_builds else args.pages:
            builds, check = benchmark_builds(
                pages, args.includes, args.runs, work / f"builds-{pages}", stock_packages
            )
            timings += builds
            results["builds"] += [timing.summary() for timing in builds]
            checks.append((pages, check))
            results["highlights"].append({"pages": pages, **(asdict(check) if check else {})})
        if not args.skip_serve:
            serve = benchmark_serve(args.serve_pages, args.includes, args.runs, work / "serve")
            timings += serve
            results["serve"] = [timing.summary() for timing in serve]
    table = format_table(timings)
    results["table"] = table
    results["ratios"] = build_ratios(timings)
    print()
    print(table)
    print()
    for ratio in results["ratios"]:
        print(format_ratio(ratio))
    for pages, check in checks:
        print(format_check(pages, check, results["stock"]["skipped"]))
    machine = results["machine"]
    machine["load_average_at_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(
        f"\n{machine['cpu']}, {machine['cores']} cores, {machine['memory']}, "
        f"load average at start {machine['load_average_at_start']}, at end "
        f"{machine['load_average_at_end']}; Python {machine['python']}"
    )
    json_path = args.json or Path(tempfile.gettempdir()) / "site-benchmark.json"
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"JSON: {json_path}")
    return results


if __name__ == "__main__":
    main()
