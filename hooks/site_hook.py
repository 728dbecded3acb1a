"""The site's build, in the order MkDocs runs it: the one hook of mkdocs.yml.

mkdocs-static-i18n builds every language through MkDocs's `build`, on one config: the default
language's build first, the others nested in its on_post_build (or, under `mkdocs build`, beside
it in processes of their own). So every event below runs once per language, and a build is:

1. on_startup: the process's caches (builds/state.py), kept by every build and rebuild of it.
2. on_config of the default language: the build starts. The setup is checked; under
   `mkdocs serve --dirty`, what the save touches is planned (builds/rebuilds.py); the work done
   once for every language is done: each directive's model, each code block highlighted
   (builds/once.py), how every translation stands against its English page (`translations`);
   under `mkdocs build`, each other language starts building in a process of its own
   (builds/parallel.py).
3. Each language, from its on_config to its on_post_build: its pages (on_files), which of them
   a dirty build renders (on_nav), each page's directives and translation banners
   (on_page_markdown: `variant_includes`, `translations`; on_page_content marks an English
   page shown in another language as English), its search entries and language
   links (on_page_context: `languages`), and, at its end, its search index and sitemap, and
   one line for how its translations stand.
4. on_post_build of the default language, after the others: the languages built apart are
   merged in turn, the default language's index written; the build ends (under `--dirty`, the
   pages of removed files go, and the stamps are kept for the next save), and under `--strict`
   fails on every language's warnings, which the others' builds left it to count (builds/logs.py).
5. on_serve: `mkdocs serve` restarts itself when a hook's code changes (builds/restarts.py).

The product packages know nothing of this: they take text and paths and return text, errors
and what they read. Every event runs after mkdocs-static-i18n's in the same event (`AFTER_I18N`),
when it has set up the language of the build and given its pages.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, write_file
from mkdocs.utils.meta import get_data

from builds import i18n_builds, logs, once, parallel, rebuilds, restarts, theme_files
from builds.state import Build, Caches, Site
from highlights import use_cache
from languages import links, search_entries, search_index, sitemaps
from runs.cache import RunCache
from runs.requests import Request
from runs.transcript import Transcript
from translations import config as translations_config
from translations import labels as translation_labels
from translations import status
from translations.pages import show_status, show_translation, summarize
from translations.render import in_language
from variant_includes import labels as include_labels
from variant_includes.cache import PageCache
from variant_includes.page import expand_includes

# mkdocs-static-i18n's events run at 50 and -100; ours after them, each language's set up.
AFTER_I18N = -110

# Set to 1, every program a page runs is run afresh, once in the process (for CI); otherwise
# what each did is kept in RUNS_CACHE, by default the project's .cache/runs.
FRESH_RUNS = "DOCS_RUNS_FRESH"
RUNS_CACHE = "DOCS_RUNS_CACHE"
# How long each request may take, its background work included, in seconds.
RUNS_TIMEOUT = "DOCS_RUNS_TIMEOUT"

includes_log = get_plugin_logger("includes")
translations_log = get_plugin_logger("translations")
languages_log = get_plugin_logger("languages")
rebuilds_log = get_plugin_logger("rebuilds")

# The hook's state, and all of it: the process's caches, made by on_startup, and the build under
# way, from the default language's on_config to its on_post_build (builds/state.py).
caches: Caches | None = None
build: Build | None = None


def on_startup(command: str, dirty: bool) -> None:
    """Start the process's caches: `mkdocs serve` keeps them from one rebuild to the next."""
    global caches
    caches = Caches(command, dirty)


@event_priority(AFTER_I18N)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start the build as its first language starts; set up the language being built."""
    global build, caches
    if caches is None:  # a script calling MkDocs's `build`, not its command line
        caches = Caches(command="", dirty=False)
    if build is None:
        build = start_build(config)
    try:
        language = build.site.language(config.theme["language"])
    except ValueError as error:
        raise PluginError(f"hooks/site_hook.py: theme.language: {error}") from None
    build.building.append(language)
    set_up_language(config, language)
    languages_log.debug(f"building '{language.locale}' in process {os.getpid()}")
    if build.site_dir is not None:
        # A process of its own: mkdocs-static-i18n has named the site's folder; it goes to its own.
        config.site_dir = str(build.site_dir)
    elif len(build.building) == 1:
        build_others_apart(config)
    return config


def start_build(config: MkDocsConfig) -> Build:
    """Check the setup, plan a dirty build, and do the work that is done once for all languages."""
    site = read_site(config)
    for log in (includes_log, translations_log):
        logs.keep_warnings_countable(log)
    # How every translation stands, once for every language: banners, the status page, the log.
    started = Build(site, survey=status.survey(site.project))
    if caches.dirty:
        logs.install_dirty_warning_filter()
        watched = [Path(config.config_file_path), site.docs_dir, *map(Path, config.watch)]
        started.rebuild = rebuilds.start_rebuild(
            caches.built, watched, site.docs_dir, [site.docs_src]
        )
        if started.rebuild.plan.everything is not None:
            rebuilds_log.info(f"Rendering every page: {started.rebuild.plan.everything}")
    use_cache(config.markdown_extensions, config.mdx_configs, caches.highlights)
    if caches.runs is None:
        fresh = os.environ.get(FRESH_RUNS, "") not in ("", "0")
        # Forced fresh, each program runs once in this process, and nothing is kept on disk.
        caches.runs = RunCache(None if fresh else runs_folder(site))
    if not caches.models.kept():  # the process's first build; later ones build models as needed
        pages = [
            (page, site.docs_dir / language.locale)
            for language in site.languages
            for page in sorted((site.docs_dir / language.locale).rglob("*.md"))
        ]
        includes = once.prepare_models(pages, site.docs_src, caches.models)
        once.run_programs(includes, caches.runs, site.root, run_timeout())
        once.highlight_ahead(
            once.fences_of(includes, caches.runs, site.root, run_timeout()),
            config.markdown_extensions,
            config.mdx_configs,
            caches.highlights,
        )
    return started


def run_timeout() -> float:
    """Return how long a request may take: DOCS_RUNS_TIMEOUT seconds, or 10."""
    try:
        return float(os.environ.get(RUNS_TIMEOUT) or 10)
    except ValueError:
        raise PluginError(
            f"{RUNS_TIMEOUT} is a number of seconds, not {os.environ[RUNS_TIMEOUT]!r}"
        ) from None


def runs_folder(site: Site) -> Path:
    """Return where transcripts are kept between builds: DOCS_RUNS_CACHE, or .cache/runs."""
    folder = os.environ.get(RUNS_CACHE)
    return Path(folder) if folder else site.root / ".cache" / "runs"


def read_site(config: MkDocsConfig) -> Site:
    """Return the site's folders and languages; a broken setup stops the build."""
    root = Path(config.config_file_path).resolve().parent
    docs_src = root / "docs_src"
    if not docs_src.is_dir():
        raise PluginError(f"the include directive needs the folder {docs_src}, which is missing")
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("hooks/site_hook.py needs the i18n plugin (mkdocs-static-i18n)")
    if not i18n.config.reconfigure_material:
        raise PluginError(
            "hooks/site_hook.py reads each build's language from theme.language, which "
            "mkdocs-static-i18n sets only with `reconfigure_material: true`"
        )
    locales = {language.locale for language in i18n.config.languages}
    for table, labels, words in (
        ("hooks/variant_includes/labels.py", include_labels, "labels"),
        ("hooks/translations/labels.py", translation_labels, "words"),
    ):
        missing = sorted(locales - labels.LANGUAGES)
        if missing:
            raise PluginError(
                f"{table} has no {words} for {', '.join(missing)}: "
                "add an entry for each language to every row of LABELS"
            )
    try:
        project = translations_config.project_of(config)
    except ValueError as error:
        raise PluginError(f"hooks/site_hook.py: {error}") from None
    return Site(
        root=root,
        docs_dir=Path(config.docs_dir).resolve(),
        docs_src=docs_src,
        languages=tuple(links.read_languages(i18n.config.languages, config.site_url)),
        names={language.locale: language.name for language in i18n.config.languages},
        project=project,
    )


def set_up_language(config: MkDocsConfig, language: links.Language) -> None:
    """Give the language's build our search reading, our highlighting and the theme's listing."""
    search = search_plugin(config)
    if search is not None:
        search_entries.read_code_as_text(search)
    if not language.default:
        # Every build writes the site's one 404.html, so the last language's would be what any
        # reader of the site gets for a wrong address: the default language's build keeps it.
        config.theme.static_templates.discard("404.html")
    # Material keeps a reader's choices (palette, tabs) in localStorage under this path, by
    # default base_url, which on_page_context makes each language's root: keep the site's.
    config.extra.setdefault("scope", links.site_path(config.site_url))
    use_cache(config.markdown_extensions, config.mdx_configs, caches.highlights)
    theme_files.list_installed_once(config.theme, caches.theme_listings)


def build_others_apart(config: MkDocsConfig) -> None:
    """Under `mkdocs build`, start each other language in a process of its own."""
    i18n = i18n_builds.i18n_of(config)
    if i18n is None or not i18n_builds.builds_others(i18n):
        return
    reason = parallel.in_turn_because(config, i18n, caches.command, caches.dirty)
    if reason is None:
        try:
            build.apart = parallel.start_languages(i18n, partial(build_apart, config, i18n))
        except OSError as error:
            reason = f"cannot start a process: {error}"
    if reason is not None:
        languages_log.debug(f"building the other languages in turn: {reason}")


def build_apart(config: MkDocsConfig, i18n: Any, locale: str, site_dir: Path) -> None:
    """In a forked process: build `locale` alone into `site_dir`, a build of its own."""
    global build
    build = Build(build.site, site_dir=site_dir, survey=build.survey)
    i18n_builds.build_language(config, i18n, locale)


@event_priority(AFTER_I18N)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Note the language's pages, in the order its search index lists them."""
    build.pages[build.language.locale] = [file.dest_uri for file in files.documentation_pages()]
    return files


@event_priority(AFTER_I18N)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Under `--dirty`, have MkDocs render the pages the change touches, and only those."""
    if build.rebuild is not None:
        rebuilds.mark_pages(build.rebuild, caches.built, files, config)
    return nav


@event_priority(AFTER_I18N)
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Let the theme's templates, compiled once, serve every language and rebuild."""
    env.bytecode_cache = caches.templates
    return env


@event_priority(AFTER_I18N)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the page's directives by their code; fill the status table; tell readers and
    authors how a translation stands; note what the page was made from."""
    site = build.site
    lang = build.language.locale
    file_lang, lang_root = site.source_of(page)
    made_from = build.made_from[page.file.dest_uri] = rebuilds.MadeFrom()
    # The directives, in the language of the page's file.
    reads = PageCache(caches.models)
    markdown, errors = expand_includes(
        markdown,
        page=Path(page.file.abs_src_path).resolve().relative_to(site.root).as_posix(),
        lang=file_lang,
        lang_root=lang_root,
        docs_src=site.docs_src,
        line_offset=front_matter_lines(page.file.content_string),
        cache=reads,
        run=partial(run_program, made_from),
    )
    for error in errors:
        includes_log.warning(str(error))
    made_from.add_read(reads.paths)
    if errors:  # a program not written yet, say: any change in docs_src/ may fix the page
        made_from.trees.add(site.docs_src)
    # The status page, which tells how every page stands in every language.
    name = page.file.src_uri.split("/", 1)[-1]
    table = show_status(
        site.project,
        markdown,
        lang=lang,
        names=site.names,
        statuses=build.survey,
        status_page=name,
    )
    if table is not None:
        markdown = table
        made_from.trees.add(site.docs_dir)
    if lang == site.project.source_lang:
        return markdown
    # In another language: a translation checked against its English page, or the English page.
    original = get_relative_url(page.url.removeprefix(f"{lang}/"), page.url)
    shown = show_translation(
        site.project,
        markdown,
        lang=lang,
        file_lang=file_lang,
        name=name,
        original=original,
        page_status=build.page_status(name, lang),
    )
    for detail in shown.details:
        translations_log.debug(detail)
    for info in shown.infos:
        translations_log.info(info)
    for warning in shown.warnings:
        translations_log.warning(warning)
    if shown.follows is not None:
        made_from.add_read([shown.follows])
    return shown.markdown


@event_priority(AFTER_I18N)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Say in the HTML that an English page shown in another language is English."""
    file_lang, _ = build.site.source_of(page)
    return html if file_lang == build.language.locale else in_language(html, file_lang)


def run_program(
    made_from: rebuilds.MadeFrom, program: Path, requests: tuple[Request, ...]
) -> Transcript:
    """Return what the program did with `requests`, kept or run now; note what it imported."""
    transcript = caches.runs.get(program, requests, root=build.site.root, timeout=run_timeout())
    made_from.add_read(build.site.root / path for path in transcript.imports)
    return transcript


def front_matter_lines(raw: str) -> int:
    """Return how many lines of front matter MkDocs removed, so errors point at the file."""
    body, _ = get_data(raw)
    return raw[: len(raw) - len(body)].count("\n") if raw.endswith(body) else 0


@event_priority(AFTER_I18N)
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Keep the page's search entries; search its language's index; link the head to the
    language roots; under `--dirty`, keep what the page was made from."""
    language = build.language
    search = search_plugin(config)
    if search is not None:
        entries = search_entries.take_entries(search)
        caches.search_entries[page.file.dest_uri] = search_index.encode_entries(entries, language)
    show_roots_in_head(context, config)
    if not language.default:
        # Material fetches search/search_index.json from base_url, and resolves results there.
        context["base_url"] = get_relative_url(language.root, page.url)
    made_from = build.made_from.pop(page.file.dest_uri, rebuilds.MadeFrom())
    if build.rebuild is not None:
        rebuilds.record_page(caches.built, page, made_from)
    return context


@event_priority(AFTER_I18N)
def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """Link the head of a page made from a template alone, such as 404.html, to the roots too."""
    show_roots_in_head(context, config)
    return context


@event_priority(AFTER_I18N)
def on_post_build(config: MkDocsConfig) -> None:
    """End the language: merge the languages built apart, write its search index and sitemap,
    say in one line how its translations stand, leave its warnings to the default language's
    count; after the last, end the build."""
    global build
    language = build.language
    site_dir = Path(config.site_dir)
    if build.apart is not None:
        run, build.apart = build.apart, None
        parallel.finish_languages(run, site_dir)
    write_language_files(config, language, site_dir)
    if summary := summarize(language.locale, build.survey):
        translations_log.info(summary)
    if not language.default:
        logs.leave_count_to_default_build(config)
    build.building.pop()
    if build.building:
        return
    if build.rebuild is not None:
        rebuilds.finish_rebuild(build.rebuild, caches.built)
    build = None


def on_build_error(error: Exception) -> None:
    """End a build that failed: stop the languages still building apart."""
    global build
    if build is not None and build.apart is not None:
        parallel.stop_languages(build.apart)
    build = None


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Restart the server when a hook's code changes: nothing is reloaded in this process."""
    return restarts.restart_on_hook_edits(server, config.config_file_path, Path(__file__).parent)


def search_plugin(config: MkDocsConfig) -> Any:
    """Return the search plugin when it is on, else None."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or not search.config.get("enabled", True):
        return None
    return search


def show_roots_in_head(context: dict[str, Any], config: MkDocsConfig) -> None:
    """Hand the selector the links static-i18n made; give the head the language roots."""
    languages = build.site.languages
    # As templates read it: mkdocs-static-i18n sets it as an item of config.extra for each build
    # and as an attribute for each page, and Jinja looks for the attribute first.
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    if len(languages) < 2 or not alternates:
        return
    # Links to this page in each language: partials/alternate.html of hooks/theme shows them.
    # (A template rendered before any page of the build finds the roots this function set last.)
    context["selector_alternates"] = [
        alternate for alternate in alternates if alternate["lang"] != links.X_DEFAULT
    ]
    # Material's base.html puts these in the head, and its JavaScript reads a sitemap.xml beside
    # each: only language roots have one.
    config.extra.alternate = links.root_alternates(languages)


def write_language_files(config: MkDocsConfig, language: links.Language, site: Path) -> None:
    """Write the language's own search index and, for all but the default, its sitemap."""
    search = search_plugin(config)
    if search is not None:
        pages = build.pages.get(language.locale, [])
        entries = [entry for page in pages for entry in caches.search_entries.get(page, [])]
        own = search_index.language_index(search.config, language, entries)
        write_file(own.encode("utf-8"), str(site / language.root / "search/search_index.json"))
    if not language.default:
        # The root sitemap lists every language built so far, this one included.
        root_sitemap = site / "sitemap.xml"
        if not root_sitemap.is_file():
            raise PluginError(f"hooks/site_hook.py: the build wrote no {root_sitemap}")
        sitemap = root_sitemap.read_text(encoding="utf-8")
        own = sitemaps.filter_sitemap(sitemap, language, build.site.languages, config.site_url)
        write_file(own.encode("utf-8"), str(site / language.root / "sitemap.xml"))
