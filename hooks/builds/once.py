"""The work a build does once for all its languages, before any language is built.

Every directive's model is built, every program a directive runs (`run[...]`) is run, and every
code block the pages show is highlighted (in
English: another language's block is the English one's HTML with its comments for omitted
lines swapped in, as each page meets it). Under `mkdocs build` the other languages are built in
processes forked after this, which inherit both; the highlighting itself is shared among the
cores, each share in a worker process (builds/workers.py).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path

from builds import workers
from highlights import HighlightCache, highlight_texts
from runs.cache import RunCache
from variant_includes import page as includes_page
from variant_includes import render
from variant_includes.cache import ModelCache
from variant_includes.model import Include
from variant_includes.transcripts import render_transcript

SUPERFENCES = "pymdownx.superfences"


def prepare_models(
    pages: Iterable[tuple[Path, Path]], docs_src: Path, models: ModelCache
) -> list[Include]:
    """Build the model of every directive of `pages` (each a file and its language folder) into
    `models`, and return them.

    A page that cannot be read, or a wrong directive, is left for the page to report.
    """
    includes = []
    for source, lang_root in pages:
        try:
            text = source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        includes += includes_page.prepare_models(
            text, lang_root=lang_root, docs_src=docs_src, cache=models
        )
    return includes


def fences_of(includes: Iterable[Include], runs: RunCache, root: Path, timeout: float) -> list[str]:
    """Return every code block the includes show, rendered in English, and what each run shows:
    its blocks (commands, bodies, files) are the same in every language."""
    fences = {fence for include in includes for fence in render.render_fences(include, "en")}
    for include in includes:
        if include.requests:
            shown = runs.get(
                include.named.variant.path, include.requests, root=root, timeout=timeout
            )
            if not shown.failed:
                fences.add("\n".join(render_transcript(shown, "en")))
    return sorted(fences)


def run_programs(includes: Iterable[Include], runs: RunCache, root: Path, timeout: float) -> None:
    """Run every variant of each include that has requests (`run[...]`), once each, into `runs`.

    The programs not kept yet run in a few child processes, one per core, each running its share
    one after the other; a failure is left to the page that shows it, which reports it.
    """
    jobs = sorted(
        {
            (tab.variant.path, include.requests)
            for include in includes
            if include.requests
            for tab in (include.named, *include.others)
        },
        key=str,
    )
    runs.get_many(jobs, root=root, timeout=timeout, processes=usable_cores())


def usable_cores() -> int:
    """Return how many cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def highlight_ahead(
    texts: Sequence[str], extensions: list, mdx_configs: dict, cache: HighlightCache
) -> int:
    """Highlight every python block of `texts` into `cache`, shared among the cores; return how
    many shares there were.

    Each worker converts its share as the pages would be (the site's extensions and options,
    which it inherits) and returns the blocks it kept; the share of one that fails is left to
    the pages. With one core, or with other threads running (a forked copy of a process with
    threads could deadlock), the texts are converted here, as is the share of a worker that
    cannot be started.
    """
    texts = sorted(set(texts))
    if not texts or SUPERFENCES not in extensions:
        return 0
    shares = min(usable_cores(), len(texts))
    if shares < 2 or threading.active_count() > 1:
        cache.blocks.update(highlight_texts(texts, extensions, mdx_configs))
        return 1
    children = []
    for start in range(shares):
        share = texts[start::shares]
        work = partial(highlight_share, share, extensions, mdx_configs)
        try:
            children.append(workers.start(f"highlight-{start}", work))
        except OSError:
            cache.blocks.update(highlight_texts(share, extensions, mdx_configs))
    for child in children:
        outcome = workers.finish(child)
        workers.remove(child)
        if outcome.failure is None and outcome.result is not None:
            cache.blocks.update(outcome.result)
    return shares


def highlight_share(texts: Sequence[str], extensions: list, mdx_configs: dict, _: Path) -> dict:
    """In a worker: return the blocks of `texts`, highlighted."""
    return highlight_texts(texts, extensions, mdx_configs)
