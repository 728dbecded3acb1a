"""The directive as a Python-Markdown extension, for any engine that loads one.

Installed with the project, it is the `markdown.extensions` entry point `variant_includes`:

    markdown.markdown(
        text,
        extensions=["variant_includes"],
        extension_configs={"variant_includes": {"lang": "pt", "lang_root": "docs/pt"}},
    )

or, in mkdocs.yml (MkDocs, ProperDocs):

    markdown_extensions:
      - variant_includes: {lang: pt, lang_root: docs/pt, docs_src: docs_src, on_error: raise}

A wrong directive either becomes an error block in the page and a warning (`on_error: render`,
for authors), or raises (`on_error: raise`, for CI) the engine's own BuildError, which MkDocs
and ProperDocs report on one line, or `IncludeError` where there is no engine. Warnings go to
the logger named by `logger`: under MkDocs, a child of `mkdocs` (e.g.
`mkdocs.extensions.variant_includes`) is shown like MkDocs's own and counted by `--strict`.

Each extension keeps the models of the directives it expanded (`ModelCache`), checked against
their files before reuse; a caller that converts the same directives again, in another
language, may hand several extensions one cache: `IncludeExtension(cache=shared, lang="pt")`.
Likewise what the programs of `run[...]` did (`RunCache`, in memory): `runs=shared`.
"""

from __future__ import annotations

import importlib
import logging
from functools import partial
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from runs.cache import RunCache
from variant_includes.cache import ModelCache
from variant_includes.errors import IncludeError
from variant_includes.labels import LANGUAGES
from variant_includes.page import expand_includes

# Engines that report their own BuildError as one clean line and anything else with a
# traceback: raised from the extension, an include error should read like theirs.
ENGINE_ERRORS = ("mkdocs.exceptions", "properdocs.exceptions")

# Before Python-Markdown's own preprocessors, so superfences sees the fenced code we emit.
PRIORITY = 40
ERROR_MODES = ("render", "raise")


class IncludePreprocessor(Preprocessor):
    """Expand the directives of the source before anything else reads it."""

    def __init__(self, md: Markdown, extension: IncludeExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        """Return the lines with every directive replaced by its code."""
        config = self.extension.getConfigs()
        expanded, errors = expand_includes(
            "\n".join(lines),
            page=config["page"],
            lang=config["lang"],
            lang_root=Path(config["lang_root"]),
            docs_src=Path(config["docs_src"]),
            cache=self.extension.cache,
            run=partial(self.extension.runs.get, root=Path(config["docs_src"]).parent),
        )
        if errors and config["on_error"] == "raise":
            raise engine_error(errors[0]) from None
        log = logging.getLogger(config["logger"])
        for error in errors:
            log.warning(str(error))
        return expanded.split("\n")


def engine_error(error: IncludeError) -> Exception:
    """Return `error` as the installed engine's BuildError, or as itself without an engine."""
    for name in ENGINE_ERRORS:
        try:
            build_error = importlib.import_module(name).BuildError
        except (ImportError, AttributeError):
            continue
        return build_error(str(error))
    return error


class IncludeExtension(Extension):
    """`<* path hl[...] *>` and `{! path !}` for Python-Markdown."""

    def __init__(
        self, *, cache: ModelCache | None = None, runs: RunCache | None = None, **kwargs: str
    ) -> None:
        self.cache = cache if cache is not None else ModelCache()
        # What the programs of `run[...]` did, kept in memory for as long as the extension.
        self.runs = runs if runs is not None else RunCache(None)
        self.config = {
            "lang": ["en", f"the page's language, for labels: one of {sorted(LANGUAGES)}"],
            "lang_root": ["docs/en", "the folder the directive's paths are relative to"],
            "docs_src": ["docs_src", "the only folder programs may come from"],
            "page": ["<page>", "the page's name in error messages"],
            "on_error": ["render", "render: an error block and a warning; raise: IncludeError"],
            "logger": ["variant_includes", "the name of the logger warnings go to"],
        }
        super().__init__(**kwargs)
        for name, allowed in (("lang", sorted(LANGUAGES)), ("on_error", ERROR_MODES)):
            if self.getConfig(name) not in allowed:
                raise ValueError(
                    f"variant_includes: {name} is {self.getConfig(name)!r}; "
                    f"it must be one of {', '.join(allowed)}"
                )

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the preprocessor."""
        md.preprocessors.register(IncludePreprocessor(md, self), "variant_includes", PRIORITY)


def makeExtension(**kwargs: str) -> IncludeExtension:
    """Return the extension: Python-Markdown calls it for `"variant_includes.extension"`."""
    return IncludeExtension(**kwargs)
