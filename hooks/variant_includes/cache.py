"""Models of directives kept between the languages of a build and the rebuilds of `mkdocs serve`.

The core keeps no cache of its own: whoever builds pages makes a `ModelCache` and owns it (the
MkDocs hook one per process, the Markdown extension one per instance) and hands it to
`expand_includes`.
"""

from __future__ import annotations

from pathlib import Path

from variant_includes.grammar import Directive, LineRange
from variant_includes.model import Include, build_include
from variant_includes.sources import is_unchanged, read_code

# What a model depends on besides the files it reads: the resolved file, the folder variants
# are confined to, and the directive's options. Not its page, line, indent or spelling, so the
# same directive on the page of every language shares one model.
ModelKey = tuple[Path, Path, tuple[LineRange, ...], tuple[LineRange, ...], str | None, tuple]


class ModelCache:
    """The model of each directive, reused until a file or folder it was built from changes.

    Entries are checked, not trusted: before one is reused, every file it read and folder it
    listed is stamped again (time and size), so an edited program, a new or removed variant, or
    a new variant folder makes the next build work the model out anew. A directive whose
    options change gets a new entry; the old one stays until the cache goes (one per edit of a
    directive under `mkdocs serve`, which is little).
    """

    def __init__(self) -> None:
        self.models: dict[ModelKey, Include] = {}

    def kept(self) -> list[Include]:
        """Return every model kept."""
        return list(self.models.values())

    def get_include(self, directive: Directive, source: Path, docs_src: Path) -> Include:
        """Return the directive's model: the kept one if its files are unchanged, or a new one."""
        key = (source, docs_src, directive.hl, directive.ln, directive.title, directive.run)
        kept = self.models.get(key)
        if kept is not None:
            if is_unchanged(kept.inputs):
                return kept
            del self.models[key]
        # A directive that raises is not kept: each language reports its own error.
        include = build_include(directive, source, docs_src)
        self.models[key] = include
        return include

    def read_raw(self, source: Path) -> list[str]:
        """Return the lines of the file a `{! path !}` pastes, read afresh: nothing is worked
        out from it that would be worth keeping."""
        return read_code(source)


class PageCache:
    """One page's view of a `ModelCache`, which remembers the paths its directives were read from.

    Whoever rebuilds only the pages a change touches needs to know which programs each page
    includes: every file read and folder listed for the page's models, and each file its raw
    includes paste.
    """

    def __init__(self, models: ModelCache) -> None:
        self.models = models
        self.paths: set[Path] = set()

    def get_include(self, directive: Directive, source: Path, docs_src: Path) -> Include:
        """Return the directive's model from the shared cache, noting what it was made from."""
        include = self.models.get_include(directive, source, docs_src)
        self.paths.update(stamp.path for stamp in include.inputs)
        return include

    def read_raw(self, source: Path) -> list[str]:
        """Return the lines of the file a `{! path !}` pastes, noting it among the paths read."""
        self.paths.add(source)
        return self.models.read_raw(source)
