"""`docs-translations`: where each translation stands, stamping translations, and what changed.

  docs-translations status [--lang LANG]... [--state STATE]... [--json]
      each page of each language with its state, then each language's totals;
      exit 1 if a listed page drifted, or translates an English-only page
  docs-translations stamp PAGE...
      record that each PAGE follows its English page as it is now
  docs-translations stamp --from-git [PAGE...]
      stamp each PAGE (by default every translation) with its English page as it was at the
      PAGE's last commit; exit 1 if a page is not committed as it is
  docs-translations diff PAGE
      what its English page has changed since PAGE's stamp, as a unified diff

A PAGE is a translated page, such as docs/pt/index.md. Exit 2: a wrong argument, or git
cannot tell the history (no repository, a shallow clone).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from translations import history
from translations.config import project_of
from translations.stamps import read_stamp, source_hash, write_stamp
from translations.status import (
    TRANSLATION_STATES,
    PageStatus,
    Project,
    State,
    check_page,
    count_states,
    survey,
)

JSON_VERSION = 1
# The states of a translated page, as the command and its JSON name them.
STATE_NAMES = [state.value for state in TRANSLATION_STATES]

# The shape of `status --json`, checked by the tests; derived from State so that a new state
# needs no edit here.
STATUS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "docs-translations status --json",
    "type": "object",
    "required": ["version", "source_lang", "totals", "pages"],
    "additionalProperties": False,
    "properties": {
        "version": {"const": JSON_VERSION},
        "source_lang": {"type": "string"},
        "totals": {
            "description": "Each selected language's count of pages in each state.",
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": STATE_NAMES,
                "additionalProperties": False,
                "properties": {name: {"type": "integer", "minimum": 0} for name in STATE_NAMES},
            },
        },
        "pages": {
            "description": "The listed pages, sorted by language, then page.",
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "page",
                    "lang",
                    "state",
                    "translation_file",
                    "source_file",
                    "stamp",
                    "source_stamp",
                    "differences",
                ],
                "additionalProperties": False,
                "properties": {
                    "page": {"type": "string"},
                    "lang": {"type": "string"},
                    "state": {"enum": STATE_NAMES},
                    "translation_file": {"type": "string"},
                    "source_file": {"type": "string"},
                    "stamp": {"type": ["string", "null"]},
                    "source_stamp": {"type": "string"},
                    "differences": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["line", "message"],
                            "additionalProperties": False,
                            "properties": {
                                "line": {"type": "integer", "minimum": 1},
                                "message": {"type": "string"},
                            },
                        },
                    },
                },
            },
        },
    },
}
JSON_HELP = """\
--json prints one document, its JSON Schema in translations.cli.STATUS_SCHEMA:
  {"version": 1, "source_lang": "en",
   "totals": {LANG: {STATE: COUNT, ...}, ...},
   "pages": [{"page": "index.md", "lang": "pt", "state": STATE,
              "translation_file": "docs/pt/index.md", "source_file": "docs/en/index.md",
              "stamp": HASH or null, "source_stamp": HASH,
              "differences": [{"line": LINE, "message": TEXT}, ...]}, ...]}
The pages are the listed ones, sorted by language, then page; totals count every page of
each selected language."""


def load_project(config_file: Path) -> Project:
    """Read the docs folder and the languages from mkdocs.yml, as MkDocs itself reads it."""
    try:
        return project_of(load_config(config_file=str(config_file)))
    except (ConfigurationError, ValueError) as error:
        raise SystemExit(f"{config_file}: {error}") from None


def status_document(
    project: Project, totals: dict[str, dict[str, int]], listed: list[PageStatus]
) -> dict[str, Any]:
    """Return what `status --json` prints (STATUS_SCHEMA)."""
    pages = [
        {
            "page": s.page,
            "lang": s.lang,
            "state": s.state.value,
            "translation_file": s.translation_file,
            "source_file": s.source_file,
            "stamp": s.stamp,
            "source_stamp": s.source_stamp,
            "differences": [{"line": d.line, "message": d.message} for d in s.drifts],
        }
        for s in sorted(listed, key=lambda s: (s.lang, s.page))
    ]
    return {
        "version": JSON_VERSION,
        "source_lang": project.source_lang,
        "totals": totals,
        "pages": pages,
    }


def print_status(
    project: Project, langs: tuple[str, ...], states: frozenset[State], as_json: bool
) -> int:
    """Print the pages of `langs` in `states` (all when empty), then each language's totals;
    return 1 if a listed page drifted, or translates a page that stays in English."""
    statuses = survey(project, langs)
    listed = [s for s in statuses if not states or s.state in states]
    totals = {
        lang: {state.value: count for state, count in counts.items()}
        for lang, counts in count_states(statuses, langs).items()
    }
    if as_json:
        document = status_document(project, totals, listed)
        print(json.dumps(document, indent=2, sort_keys=True))
    else:
        width = max(map(len, STATE_NAMES))
        for lang in langs:
            pages = [s for s in listed if s.lang == lang]
            if pages:
                print(f"{lang}:")
            for page_status in pages:
                print(f"  {page_status.state.value:<{width}}  {page_status.translation_file}")
                if page_status.outdated:
                    print(f"  {'':<{width}}    {page_status.outdated_reason()}")
                for drift in page_status.drifts:
                    where = f"{page_status.translation_file}:{drift.line}"
                    print(f"  {'':<{width}}    {where}: {drift.message}")
        for lang, counts in totals.items():
            print(f"{lang}: " + ", ".join(f"{n} {state}" for state, n in counts.items()))
    # Drifted pages, and translations of pages that stay in English: what fails --strict.
    return 1 if any(s.warnings for s in listed) else 0


def resolve_translation(project: Project, path: Path) -> tuple[str, str]:
    """Return the language and page of a translated page named on the command line (both it
    and its English page exist); a ValueError says what else it is."""
    try:
        relative = path.resolve().relative_to(project.docs_dir.resolve())
    except ValueError:
        raise ValueError(f"{path}: not a page under {project.shown(project.docs_dir)}/") from None
    lang, _, name = relative.as_posix().partition("/")
    if lang not in project.languages:
        raise ValueError(
            f"{path}: only translations are stamped, in {', '.join(project.languages)}"
        )
    source = project.page_file(project.source_lang, name)
    for file in (path, source):
        if not file.is_file():
            raise ValueError(f"{path}: {project.shown(file)} does not exist")
    return lang, name


def stamp_pages(project: Project, pages: list[Path]) -> int:
    """Stamp each translated page with its English page's current hash; return 1 on a bad page."""
    failed = 0
    for path in pages:
        try:
            lang, name = resolve_translation(project, path)
        except ValueError as error:
            print(error, file=sys.stderr)
            failed = 1
            continue
        source = project.page_file(project.source_lang, name)
        stamp = source_hash(source.read_text(encoding="utf-8-sig"))
        text = path.read_text(encoding="utf-8-sig")
        path.write_text(write_stamp(text, stamp), encoding="utf-8")
        print(f"stamped {project.shown(path)}: follows {project.shown(source)} at {stamp}")
        for drift in check_page(project, name, lang).drifts:
            print(f"  but it still differs: {project.shown(path)}:{drift.line}: {drift.message}")
    return failed


def stamps_from_git(
    project: Project, pages: list[tuple[str, str]]
) -> tuple[dict[tuple[str, str], tuple[str, str]], list[str]]:
    """Return the stamp of each page's English page as it was at the page's last commit, with
    that commit, and what keeps the others from being stamped."""
    root = project.root
    prefix = history.check_history(root)
    folders = [project.shown(project.docs_dir / lang) for lang in project.languages]
    commits = history.last_commits(root, folders, history.committed_blobs(root, folders))
    changed = sorted(history.changed_files(root, folders) & commits.keys())
    committed = history.read_texts(root, [f"HEAD:{prefix}{file}" for file in changed])
    # A stamp changed since the last commit is a stamp written by this command (or by hand):
    # the text is still the committed one, so the page is stamped as if it were unchanged.
    edited = {
        file
        for file, text in zip(changed, committed, strict=True)
        if write_stamp((root / file).read_text(encoding="utf-8-sig"), "")
        != write_stamp(text or "", "")
    }
    problems = []
    ready = []
    for lang, name in pages:
        file = project.shown(project.page_file(lang, name))
        if file not in commits:
            problems.append(f"{file}: is not committed; commit it, then stamp it from git")
        elif file in edited:
            problems.append(f"{file}: has uncommitted changes; commit them, then stamp it from git")
        else:
            source = project.shown(project.page_file(project.source_lang, name))
            ready.append((lang, name, file, source))
    texts = history.read_texts(
        root, [f"{commits[file]}:{prefix}{source}" for _, _, file, source in ready]
    )
    stamps = {}
    for (lang, name, file, source), text in zip(ready, texts, strict=True):
        commit = commits[file][:7]
        if text is None:
            problems.append(
                f"{file}: {source} did not exist at its last commit {commit}; once it follows "
                f"{source}, stamp it: docs-translations stamp {file}"
            )
        else:
            stamps[lang, name] = (source_hash(text), commit)
    return stamps, problems


def stamp_from_git(project: Project, paths: list[Path]) -> int:
    """Stamp each page (every translation when none is named) from git; return 1 if one could
    not be, 2 if git cannot tell."""
    problems = []
    pages = []
    for path in paths:
        try:
            pages.append(resolve_translation(project, path))
        except ValueError as error:
            problems.append(str(error))
    if not paths:
        pages = [
            (lang, name)
            for lang in project.languages
            for name in project.pages()
            if project.page_file(lang, name).is_file()
        ]
    try:
        stamps, not_stamped = stamps_from_git(project, pages)
    except history.HistoryError as error:
        print(error, file=sys.stderr)
        return 2
    stamped: Counter[str] = Counter()
    for (lang, name), (stamp, commit) in stamps.items():
        path = project.page_file(lang, name)
        text = path.read_text(encoding="utf-8-sig")
        if read_stamp(text) == stamp:
            continue
        path.write_text(write_stamp(text, stamp), encoding="utf-8")
        stamped[lang] += 1
        source = project.shown(project.page_file(project.source_lang, name))
        print(f"stamped {project.shown(path)}: follows {source} at {stamp}, as of {commit}")
    problems += not_stamped
    for problem in problems:
        print(problem, file=sys.stderr)
    total = sum(stamped.values())
    summary = f"stamped {total} {'page' if total == 1 else 'pages'}"
    if stamped:
        summary += " (" + ", ".join(f"{n} in {lang}" for lang, n in stamped.items()) + ")"
    summary += f"; {len(stamps) - total} unchanged"
    if problems:
        summary += f"; {len(problems)} not stamped"
    print(summary)
    return 1 if problems else 0


def split_lines(text: str) -> list[str]:
    """Return the lines of `text` with their endings, the last without one if the text has none."""
    lines = [f"{line}\n" for line in text.replace("\r\n", "\n").split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def print_diff(project: Project, path: Path) -> int:
    """Print what PAGE's English page changed since its stamp; return 1 if that is unknown."""
    try:
        lang, name = resolve_translation(project, path)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    page = project.shown(project.page_file(lang, name))
    source_file = project.page_file(project.source_lang, name)
    source = project.shown(source_file)
    stamp = read_stamp(path.read_text(encoding="utf-8-sig"))
    if stamp is None:
        print(
            f"{page} has no stamp, so which version of {source} it follows is unknown; "
            f"docs-translations stamp --from-git {page} stamps it from git",
            file=sys.stderr,
        )
        return 1
    now = source_file.read_text(encoding="utf-8-sig")
    if source_hash(now) == stamp:
        print(f"{source} has not changed since {page}'s stamp {stamp}")
        return 0
    try:
        prefix = history.check_history(project.root)
        commits = history.file_commits(project.root, source)
        texts = history.read_texts(project.root, [f"{c}:{prefix}{source}" for c in commits])
    except history.HistoryError as error:
        print(error, file=sys.stderr)
        return 2
    stamped = (
        (c, t)
        for c, t in zip(commits, texts, strict=True)
        if t is not None and source_hash(t) == stamp
    )
    commit, then = next(stamped, (None, ""))
    if commit is None:
        print(
            f"{page}: its stamp {stamp} is no version of {source} in git's history (was it "
            "stamped from one never committed?); compare the pages by hand, then stamp it again",
            file=sys.stderr,
        )
        return 1
    lines = difflib.unified_diff(
        split_lines(then),
        split_lines(now),
        f"a/{source} ({stamp}, {commit[:7]})",
        f"b/{source} (now)",
    )
    for line in lines:
        # As git and patch write it: a last line with no newline is marked, not joined to the next.
        print(line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n", end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run a command for the project of mkdocs.yml (`-f` names another); return its exit status."""
    parser = argparse.ArgumentParser(
        prog="docs-translations",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the project's mkdocs.yml (default: the one in the current folder)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    status = commands.add_parser(
        "status",
        help="print each page of each language with its state, then each language's totals",
        description="Print each page of each language with its state, then each language's\n"
        "totals; exit 1 if a listed page drifted, or translates an English-only page.",
        epilog=JSON_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    status.add_argument(
        "--lang",
        action="append",
        metavar="LANG",
        help="list only this language, and total only it (repeat for several)",
    )
    status.add_argument(
        "--state",
        action="append",
        choices=STATE_NAMES,
        help="list only pages in this state (repeat for several); totals stay whole",
    )
    status.add_argument("--json", action="store_true", help="print one JSON document instead")
    stamp = commands.add_parser(
        "stamp",
        help="record which version of their English pages translated pages follow",
        description="Record that translated pages follow their English pages as they are now, "
        "or, with --from-git, as they were at each translation's last commit.",
    )
    stamp.add_argument(
        "--from-git",
        action="store_true",
        help="stamp from git's history (every translation when no PAGE is named); a page not "
        "committed as it is (bar its stamp) is named and left, and the exit is 1; exit 2 "
        "when git cannot tell (no repository, a shallow clone)",
    )
    stamp.add_argument(
        "pages",
        nargs="*",
        type=Path,
        metavar="PAGE",
        help="a translated page, e.g. docs/pt/index.md",
    )
    diff = commands.add_parser(
        "diff",
        help="show what a translation's English page changed since its stamp",
        description="Show, as a unified diff, what PAGE's English page has changed since the "
        "version PAGE is stamped with, found in git's history by its hash. Exit 0 when the "
        "diff is printed or nothing changed; 1 when PAGE is not a translation, has no stamp, "
        "or its stamp is no committed version of the English page; 2 when git cannot tell "
        "(no repository, a shallow clone).",
    )
    diff.add_argument(
        "page", type=Path, metavar="PAGE", help="a translated page, e.g. docs/pt/index.md"
    )
    args = parser.parse_args(argv)
    if args.command == "stamp" and not args.pages and not args.from_git:
        stamp.error("name the pages to stamp, or pass --from-git to stamp every translation")
    if not args.config_file.is_file():
        parser.error(
            f"{args.config_file} does not exist: run it in the project's folder, or pass -f"
        )
    project = load_project(args.config_file)
    if args.command == "status":
        langs = args.lang or project.languages
        for lang in langs:
            if lang not in project.languages:
                choices = ", ".join(map(repr, project.languages))
                status.error(f"argument --lang: invalid choice: {lang!r} (choose from {choices})")
        selected = tuple(lang for lang in project.languages if lang in langs)
        return print_status(project, selected, frozenset(map(State, args.state or ())), args.json)
    if args.command == "diff":
        return print_diff(project, args.page)
    if args.from_git:
        return stamp_from_git(project, args.pages)
    return stamp_pages(project, args.pages)


if __name__ == "__main__":
    sys.exit(main())
