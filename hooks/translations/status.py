"""Where each translated page stands against its English page."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from translations.drift import Drift, compare_outlines
from translations.outline import Outline, read_outline
from translations.stamps import TRANSLATE_KEY, read_stamp, source_hash, translates


class State(enum.Enum):
    """A page's state in one language, the worst first when several hold."""

    MISSING = "missing"
    DRIFTED = "drifted"
    OUTDATED = "outdated"
    TRANSLATED = "translated"
    ENGLISH_ONLY = "english-only"
    SOURCE = "source"


# The states of a page in a language it is translated into: SOURCE is the English page's own.
TRANSLATION_STATES = tuple(state for state in State if state is not State.SOURCE)


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
    translate: bool = True  # False: the English page is marked `translate: false`

    @property
    def outdated(self) -> bool:
        """The English page has changed since the translation was stamped (or it never was)."""
        return self.translate and self.exists and self.stamp != self.source_stamp

    def outdated_reason(self) -> str:
        """Say why the page is outdated: which stamp it has, and what the English page's is now."""
        if self.stamp is None:
            return f"no stamp yet; {self.source_file} is now {self.source_stamp}"
        changed = f"{self.source_file} changed since the stamp {self.stamp}"
        return f"{changed}; it is now {self.source_stamp}"

    @property
    def state(self) -> State:
        """The one word for the page: english-only, missing, outdated, drifted or translated.

        An outdated page differs from its English page as a matter of course: it is outdated,
        and its differences are the work to do. Drifted is a page that claims to be up to date.
        """
        if not self.translate:
            return State.ENGLISH_ONLY
        if not self.exists:
            return State.MISSING
        if self.outdated:
            return State.OUTDATED
        if self.drifts:
            return State.DRIFTED
        return State.TRANSLATED

    @property
    def warnings(self) -> tuple[Drift, ...]:
        """The differences that are mistakes, not work to do: each fails a strict build."""
        return self.drifts if self.state in (State.DRIFTED, State.ENGLISH_ONLY) else ()


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


@dataclass(frozen=True)
class EnglishPage:
    """What every language compares with: an English page's file, stamp, outline and mark."""

    file: str
    stamp: str
    outline: Outline
    translate: bool


def read_english(project: Project, page: str) -> EnglishPage:
    """Read the English page `page` once, for every language to compare with."""
    source = project.page_file(project.source_lang, page)
    text = source.read_text(encoding="utf-8-sig")
    return EnglishPage(
        project.shown(source), source_hash(text), read_outline(text), translates(text)
    )


def compare_page(project: Project, english: EnglishPage, page: str, lang: str) -> PageStatus:
    """Compare `page` in `lang` with its English page: stamps, and every part of the outline."""
    translation = project.page_file(lang, page)
    exists = translation.is_file()
    text = translation.read_text(encoding="utf-8-sig") if exists else ""
    drifts: tuple[Drift, ...] = ()
    if exists and not english.translate:
        mark = f"{english.file} is marked `{TRANSLATE_KEY}: false`"
        drifts = (Drift(1, f"{mark}: remove this translation, or the mark"),)
    elif exists:
        drifts = tuple(compare_outlines(english.outline, read_outline(text), english.file))
    return PageStatus(
        page=page,
        lang=lang,
        source_file=english.file,
        translation_file=project.shown(translation),
        exists=exists,
        stamp=read_stamp(text) if exists else None,
        source_stamp=english.stamp,
        drifts=drifts,
        translate=english.translate,
    )


def check_page(project: Project, page: str, lang: str) -> PageStatus:
    """Compare `page` in `lang` with its English page."""
    return compare_page(project, read_english(project, page), page, lang)


def survey(project: Project, languages: tuple[str, ...] | None = None) -> list[PageStatus]:
    """Return the status of every English page in `languages` (every other language by
    default), language by language, each English page read once."""
    english = {page: read_english(project, page) for page in project.pages()}
    return [
        compare_page(project, english[page], page, lang)
        for lang in (project.languages if languages is None else languages)
        for page in english
    ]


def count_states(
    statuses: list[PageStatus], languages: Iterable[str]
) -> dict[str, dict[State, int]]:
    """Return how many pages of each language are in each state, every state counted."""
    counts = Counter((status.lang, status.state) for status in statuses)
    return {
        lang: {state: counts[lang, state] for state in TRANSLATION_STATES} for lang in languages
    }
