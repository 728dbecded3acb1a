"""What the build keeps: the process's caches, and the state of one build.

mkdocs-static-i18n builds every language through MkDocs's `build` on one config, nesting the
others in the default language's build (or, under `mkdocs build`, building them beside it in
processes of their own), and `mkdocs serve` rebuilds in the same process. So there are two
lifetimes, and one object for each:

- `Caches` lives as long as the process, made by on_startup: every build and rebuild of it
  starts from them, and a language built in a forked process starts with a copy.
- `Build` lives from the default language's on_config to its on_post_build (or to
  on_build_error): every language of one `mkdocs build`, or of one rebuild under `serve`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from builds import parallel, rebuilds
from highlights import HighlightCache
from languages.links import Language, find_language
from runs.cache import RunCache
from translations.status import PageStatus, Project
from variant_includes.cache import ModelCache
from variant_includes.labels import LANGUAGES
from variant_includes.render import comment_stand_ins


class CompiledTemplates(BytecodeCache):
    """Theme templates compiled once per process, not once per language and rebuild.

    MkDocs makes a new Jinja environment for each build; its public `bytecode_cache` keeps the
    compiled code by the template's name, with a checksum of its source that Jinja checks
    before using it, so an edited template is compiled anew.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill `bucket` with the code kept for it, if any."""
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code Jinja just compiled."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Caches:
    """Everything kept from one build to the next in this process, each with when it goes."""

    command: str  # "build" or "serve", as MkDocs's command line says
    dirty: bool
    # Directive models: never dropped; each is checked against the files it read before reuse.
    models: ModelCache = field(default_factory=ModelCache)
    # Highlighted python blocks: dropped when the Markdown setup (extensions, options) changes.
    highlights: HighlightCache = field(
        default_factory=lambda: HighlightCache(stand_ins=comment_stand_ins())
    )
    # Compiled theme templates: never dropped; Jinja checks each against its source.
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    # The files of the installed theme's folders: never dropped (a reinstall needs a restart).
    theme_listings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # What each program did when run with its directive's requests, by content, in memory and
    # on disk (made as the first build starts, which knows where): never dropped; a program,
    # a module it imports or a request that changed is another entry.
    runs: RunCache | None = None
    # Each page's search entries as last rendered, by output path: replaced as it is rendered.
    search_entries: dict[str, list[str]] = field(default_factory=dict)
    # What each page was last made from, and the stamps of the last build: replaced as each
    # build ends, for the next dirty build.
    built: rebuilds.Built = field(default_factory=rebuilds.Built)


@dataclass(frozen=True)
class Site:
    """Where the site's sources are and which languages it is built in, from its config."""

    root: Path  # the folder of mkdocs.yml: docs/ and docs_src/ are found from it, never the cwd
    docs_dir: Path
    docs_src: Path
    languages: tuple[Language, ...]  # those built
    names: dict[str, str]  # every language's own name, by locale
    project: Project  # the translations' view: the source language and the others

    def language(self, locale: str) -> Language:
        """Return the built language `locale`."""
        return find_language(locale, self.languages)

    def source_of(self, page: Any) -> tuple[str, Path]:
        """Return the language of a page's file and the folder its directives' paths start
        from: an English page shown under /pt/ is English there."""
        folder = page.file.src_uri.split("/", 1)[0]
        if folder in LANGUAGES:
            return folder, self.docs_dir / folder
        return self.project.source_lang, self.docs_dir


@dataclass
class Build:
    """One build of every language: which language is under way, and what it has gathered."""

    site: Site
    # Under `mkdocs serve --dirty`: what this rebuild redoes.
    rebuild: rebuilds.Rebuild | None = None
    # In the default language's build: the processes building the others, until merged.
    apart: parallel.Run | None = None
    # In a process forked for one language: the folder it builds that language into.
    site_dir: Path | None = None
    # The languages whose builds are under way, the innermost (the one being built) last.
    building: list[Language] = field(default_factory=list)
    # Each language's pages, in the order its build renders them, by locale.
    pages: dict[str, list[str]] = field(default_factory=dict)
    # What each page rendered in this build was made from, by output path, until recorded.
    made_from: dict[str, rebuilds.MadeFrom] = field(default_factory=dict)
    # How every translation stands, surveyed as the build starts, for every language.
    survey: list[PageStatus] = field(default_factory=list)

    def __post_init__(self) -> None:
        # The survey by page and language, for each page to find its own.
        self.statuses = {(status.page, status.lang): status for status in self.survey}

    @property
    def language(self) -> Language:
        """Return the language being built."""
        return self.building[-1]

    def page_status(self, page: str, lang: str) -> PageStatus | None:
        """Return how `page` stands in `lang`, or None when it has no English page."""
        return self.statuses.get((page, lang))
