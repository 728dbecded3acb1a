"""Where each translated page stands against its English page."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from translations.outline import Drift, compare_outlines, read_outline
from translations.stamps import read_stamp, source_hash


class State(enum.Enum):
    """A page's state in one language, the worst first when several hold."""

    MISSING = "missing"
    DRIFTED = "drifted"
    OUTDATED = "outdated"
    TRANSLATED = "translated"
    SOURCE = "source"


@dataclass(frozen=True)
class PageStatus:
    """One page in one language: the files compared, the stamps, and how it differs."""

    page: str
    lang: str
    source_file: str
    translation_file: str
    exists: bool
    stamp: str | None
    source_stamp: str
    drifts: tuple[Drift, ...]

    @property
    def outdated(self) -> bool:
        """The English page has changed since the translation was stamped (or it never was)."""
        return self.exists and self.stamp != self.source_stamp

    def outdated_reason(self) -> str:
        """Say why the page is outdated: which stamp it has, and what the English page's is now."""
        if self.stamp is None:
            return f"no stamp yet; {self.source_file} is now {self.source_stamp}"
        changed = f"{self.source_file} changed since the stamp {self.stamp}"
        return f"{changed}; it is now {self.source_stamp}"

    @property
    def state(self) -> State:
        """The one word for the page: missing, drifted, outdated or translated."""
        if not self.exists:
            return State.MISSING
        if self.drifts:
            return State.DRIFTED
        if self.outdated:
            return State.OUTDATED
        return State.TRANSLATED


@dataclass(frozen=True)
class Project:
    """Where the pages are: the project's folder, `docs/`, the source and the other languages."""

    root: Path
    docs_dir: Path
    source_lang: str
    languages: tuple[str, ...]

    def page_file(self, lang: str, page: str) -> Path:
        """Return the file of `page` (e.g. `tutorial/x.md`) in `lang`."""
        return self.docs_dir / lang / page

    def shown(self, path: Path) -> str:
        """Return a path as authors write it: relative to the project, e.g. `docs/pt/index.md`."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def pages(self) -> list[str]:
        """Return every English page, as its path below `docs/<lang>/`, sorted."""
        folder = self.docs_dir / self.source_lang
        return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.md"))


def check_page(project: Project, page: str, lang: str) -> PageStatus:
    """Compare `page` in `lang` with its English page: stamps, includes, anchors."""
    source = project.page_file(project.source_lang, page)
    translation = project.page_file(lang, page)
    source_text = source.read_text(encoding="utf-8-sig")
    exists = translation.is_file()
    text = translation.read_text(encoding="utf-8-sig") if exists else ""
    drifts: tuple[Drift, ...] = ()
    if exists:
        drifts = tuple(
            compare_outlines(read_outline(source_text), read_outline(text), project.shown(source))
        )
    return PageStatus(
        page=page,
        lang=lang,
        source_file=project.shown(source),
        translation_file=project.shown(translation),
        exists=exists,
        stamp=read_stamp(text) if exists else None,
        source_stamp=source_hash(source_text),
        drifts=drifts,
    )


def survey(project: Project) -> list[PageStatus]:
    """Return the status of every English page in every other language, language by language."""
    return [
        check_page(project, page, lang) for lang in project.languages for page in project.pages()
    ]
