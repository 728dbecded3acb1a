"""The directive as a Python-Markdown extension, for use without MkDocs.

    markdown.markdown(text, extensions=[IncludeExtension(lang_root="docs/en", docs_src="docs_src")])

A wrong directive raises `IncludeError`: outside MkDocs there is no build log to warn in.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from variant_includes.page import expand_includes

# Before Python-Markdown's own preprocessors, so superfences sees the fenced code we emit.
PRIORITY = 40


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
        )
        if errors:
            raise errors[0]
        return expanded.split("\n")


class IncludeExtension(Extension):
    """`<* path hl[...] *>` for Python-Markdown."""

    def __init__(self, **kwargs: str) -> None:
        self.config = {
            "lang": ["en", "the page's language, for labels"],
            "lang_root": ["docs/en", "the folder paths are relative to"],
            "docs_src": ["docs_src", "the only folder programs may come from"],
            "page": ["<page>", "the page's name in error messages"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the preprocessor."""
        md.preprocessors.register(IncludePreprocessor(md, self), "includes", PRIORITY)
