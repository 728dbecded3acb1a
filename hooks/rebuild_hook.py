"""MkDocs events that make `mkdocs serve --dirty` redo exactly what a change touches.

MkDocs's dirty build renders a page only when its Markdown file is newer than its HTML, so an
edited program, or an English page a translation follows, leaves pages stale, and the pages it
skips show no title in the navigation. This hook keeps, from one build to the next, what each
page was made from (noted by the other hooks as they read it) and its title: it marks every
page a change touches for rendering, hands the navigation the titles of the others, removes
the output of pages that are gone, and redoes everything when a change reaches the navigation
or the setup. Every build, with `--dirty` or without, compiles the theme's templates and lists
its installed folders once for all its languages. The work lives in the `rebuilds` package.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from rebuilds import changes, dirty_warning, inputs, plan, templates, theme_files

log = get_plugin_logger("rebuilds")

# Reloaded on each build, dependencies first, so `mkdocs serve` runs the code as it is now.
CORE_MODULES = (changes, plan, inputs, dirty_warning, templates, theme_files)

# Pages depend on the programs of docs_src/ only through what they include, which the include
# hook notes; a change anywhere else outside docs/ redoes everything.
TRACKED_FOLDERS = ("docs_src",)

RUN = "rebuild_run"


@dataclass
class Rebuilds:
    """What the last finished build left behind, for the next dirty build to start from."""

    dirty: bool
    templates: templates.CompiledTemplates = field(default_factory=templates.CompiledTemplates)
    theme_listings: theme_files.Listings = field(default_factory=dict)
    stamps: dict[Path, changes.Stamp] | None = None
    pages: dict[str, plan.PageRecord] = field(default_factory=dict)  # by output path
    title_keys: dict[Path, str] = field(default_factory=dict)  # by Markdown file
    outputs: set[Path] = field(default_factory=set)


@dataclass
class Run:
    """One build under way, with every language it builds (they share its config)."""

    plan: plan.Plan
    stamps: dict[Path, changes.Stamp]
    depth: int = 0
    outputs: set[Path] = field(default_factory=set)


# The hook's one piece of state, made by on_startup once per process: under `mkdocs serve`
# each rebuild starts from what the previous one left.
state: Rebuilds | None = None


def project_root(config: MkDocsConfig) -> Path:
    """Return the folder of mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


def watched_roots(config: MkDocsConfig) -> list[Path]:
    """Return what a build reads and `mkdocs serve` watches: the config, docs/ and `watch`."""
    return [Path(config.config_file_path), Path(config.docs_dir), *map(Path, config.watch)]


def mark_for_rendering(path: str) -> None:
    """Make a page's HTML older than its Markdown, which MkDocs's dirty build renders anew."""
    if os.path.exists(path):
        os.utime(path, ns=(0, 0))


def on_startup(command: str, dirty: bool) -> None:
    """Start with nothing built, once per process."""
    global state
    state = Rebuilds(dirty=dirty)


# After mkdocs-static-i18n's on_config (priority -100), so every language's build is counted.
@event_priority(-120)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """List the installed theme once; plan a dirty build once for all its languages."""
    if state is None:
        return config
    theme_files.list_installed_once(config.theme, state.theme_listings)
    if not state.dirty:
        return config
    for module in CORE_MODULES:
        importlib.reload(module)
    dirty_warning.drop_dirty_warning()
    run = getattr(config, RUN, None)
    if run is None:
        stamps = changes.stamp_trees(watched_roots(config))
        root = project_root(config)
        planned = plan.plan_rebuild(
            state.stamps,
            stamps,
            docs_dir=Path(config.docs_dir).resolve(),
            tracked=[root / folder for folder in TRACKED_FOLDERS],
            title_keys=state.title_keys,
        )
        if planned.everything is not None:
            log.info(f"Rendering every page: {planned.everything}")
        run = Run(planned, stamps)
        setattr(config, RUN, run)
    run.depth += 1
    return config


# After mkdocs-static-i18n's on_nav (priority -100), which gives each page of the language.
@event_priority(-120)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Mark the pages the change touches for rendering; give the others their titles."""
    run = getattr(config, RUN, None)
    if state is None or run is None:
        return nav
    run.outputs.update(Path(file.abs_dest_path) for file in files)
    for file in files.documentation_pages():
        record = state.pages.get(file.dest_uri)
        if run.plan.redoes(record):
            mark_for_rendering(file.abs_dest_path)
        elif file.page is not None and not file.is_modified():
            # MkDocs skips it, so it would have no title in the navigation of those it renders.
            file.page.read_source(config)
            if file.page.title != record.title:
                file.page.title = record.title
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Let the theme's templates, compiled once, serve every language and rebuild."""
    if state is not None:
        env.bytecode_cache = state.templates
    return env


# After every other on_page_context: the page is rendered and its title final.
@event_priority(-120)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Keep what the page was made from, and its title, for the next dirty build."""
    made_from = inputs.take_inputs(config, page)
    if state is None or getattr(config, RUN, None) is None:
        return context
    source = Path(page.file.abs_src_path).resolve()
    state.pages[page.file.dest_uri] = plan.PageRecord(
        page.title,
        files=frozenset({source, *made_from.files}),
        listings=frozenset(made_from.listings),
        trees=frozenset(made_from.trees),
    )
    state.title_keys[source] = plan.title_key(page.file.content_string)
    return context


# Last: when the build of the default language ends, every language's build has ended.
@event_priority(-130)
def on_post_build(config: MkDocsConfig) -> None:
    """Once every language is built, remove what pages that are gone left, and keep the stamps."""
    run = getattr(config, RUN, None)
    if state is None or run is None:
        return
    run.depth -= 1
    if run.depth > 0:
        return
    for path in state.outputs - run.outputs:
        if path.is_file():
            path.unlink()
    state.stamps = run.stamps
    state.outputs = run.outputs
