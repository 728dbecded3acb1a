"""`docs-translations`: where each translation stands, and stamping one as up to date.

docs-translations status              every page in every language; exit 1 if one drifted
docs-translations stamp PAGE [PAGE]   record that PAGE follows its English page as it is now
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from translations.config import project_of
from translations.stamps import source_hash, write_stamp
from translations.status import Project, State, check_page, survey


def load_project(config_file: Path) -> Project:
    """Read the docs folder and the languages from mkdocs.yml, as MkDocs itself reads it."""
    try:
        return project_of(load_config(config_file=str(config_file)))
    except (ConfigurationError, ValueError) as error:
        raise SystemExit(f"{config_file}: {error}") from None


def print_status(project: Project) -> int:
    """Print each page of each language with its state; return 1 if any page drifted."""
    statuses = survey(project)
    width = max(len(state.value) for state in State)
    for lang in project.languages:
        print(f"{lang}:")
        for page_status in (s for s in statuses if s.lang == lang):
            state = page_status.state
            print(f"  {state.value:<{width}}  {page_status.translation_file}")
            if page_status.outdated:
                print(f"  {'':<{width}}    {page_status.outdated_reason()}")
            for drift in page_status.drifts:
                where = f"{page_status.translation_file}:{drift.line}"
                print(f"  {'':<{width}}    {where}: {drift.message}")
    counts = {state: sum(s.state is state for s in statuses) for state in State}
    del counts[State.SOURCE]
    print(", ".join(f"{count} {state.value}" for state, count in counts.items()))
    return 1 if counts[State.DRIFTED] else 0


def stamp_pages(project: Project, pages: list[Path]) -> int:
    """Stamp each translated page with its English page's current hash; return 1 on a bad page."""
    failed = 0
    for path in pages:
        try:
            relative = path.resolve().relative_to(project.docs_dir.resolve())
        except ValueError:
            print(f"{path}: not a page under {project.shown(project.docs_dir)}/", file=sys.stderr)
            failed = 1
            continue
        lang, _, name = relative.as_posix().partition("/")
        if lang not in project.languages:
            print(
                f"{path}: only translations are stamped, in {', '.join(project.languages)}",
                file=sys.stderr,
            )
            failed = 1
            continue
        source = project.page_file(project.source_lang, name)
        if not path.is_file() or not source.is_file():
            missing = path if not path.is_file() else source
            print(f"{path}: {project.shown(missing)} does not exist", file=sys.stderr)
            failed = 1
            continue
        stamp = source_hash(source.read_text(encoding="utf-8-sig"))
        text = path.read_text(encoding="utf-8-sig")
        path.write_text(write_stamp(text, stamp), encoding="utf-8")
        print(f"stamped {project.shown(path)}: follows {project.shown(source)} at {stamp}")
        for drift in check_page(project, name, lang).drifts:
            print(f"  but it still differs: {project.shown(path)}:{drift.line}: {drift.message}")
    return failed


def main(argv: list[str] | None = None) -> int:
    """Run `status` or `stamp`, for the project of mkdocs.yml (`-f` names another)."""
    parser = argparse.ArgumentParser(prog="docs-translations", description=__doc__.split("\n")[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "status", help="print each page of each language: translated, outdated, missing or drifted"
    )
    stamp = commands.add_parser(
        "stamp", help="record that translated pages follow their English pages as they are now"
    )
    stamp.add_argument(
        "pages", nargs="+", type=Path, help="translated pages, e.g. docs/pt/index.md"
    )
    args = parser.parse_args(argv)
    if not args.config_file.is_file():
        parser.error(
            f"{args.config_file} does not exist: run it in the project's folder, or pass -f"
        )
    project = load_project(args.config_file)
    if args.command == "status":
        return print_status(project)
    return stamp_pages(project, args.pages)


if __name__ == "__main__":
    sys.exit(main())
