"""`docs-translations`: the status of every page, filtered, as JSON, and re-stamping a page."""

import json
import runpy
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.translations.projects import CONFIG
from translations import cli
from translations.cli import STATUS_SCHEMA, main
from translations.stamps import read_stamp, source_hash

GUIDE_EN = "# Guide { #guide }\n\n<* ../../docs_src/t/a.py hl[2] *>\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An English home page and guide; pt has both, stamped; ru has only the home page."""
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    for lang in ("en", "pt", "ru"):
        (tmp_path / "docs" / lang).mkdir(parents=True)
    home_en = "# Home { #home }\n"
    (tmp_path / "docs/en/index.md").write_text(home_en)
    (tmp_path / "docs/en/guide.md").write_text(GUIDE_EN)
    stamp_home = f"---\nsource_hash: {source_hash(home_en)}\n---\n\n"
    stamp_guide = f"---\nsource_hash: {source_hash(GUIDE_EN)}\n---\n\n"
    (tmp_path / "docs/pt/index.md").write_text(stamp_home + "# Início { #home }\n")
    (tmp_path / "docs/pt/guide.md").write_text(stamp_guide + GUIDE_EN.replace("Guide", "Guia"))
    (tmp_path / "docs/ru/index.md").write_text(stamp_home + "# Главная { #home }\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


HOME_STAMP = source_hash("# Home { #home }\n")
GUIDE_STAMP = source_hash(GUIDE_EN)
TOTALS = (
    "pt: 0 missing, 0 drifted, 0 outdated, 2 translated, 0 english-only\n"
    "ru: 1 missing, 0 drifted, 0 outdated, 1 translated, 0 english-only\n"
)


def test_status_lists_every_page_of_every_language(project, capsys):
    """Up-to-date pages are translated, an absent one missing; then each language's totals,
    every state counted; nothing drifted, so exit 0."""
    assert main(["status"]) == 0
    assert (
        capsys.readouterr().out
        == textwrap.dedent(
            """\
        pt:
          translated    docs/pt/guide.md
          translated    docs/pt/index.md
        ru:
          missing       docs/ru/guide.md
          translated    docs/ru/index.md
        """
        )
        + TOTALS
    )


def test_outdated_page_then_restamped(project, capsys):
    """An English edit makes its translations outdated; stamping one makes it current again."""
    (project / "docs/en/index.md").write_text("# Home { #home }\n\nMore.\n")
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    new = source_hash("# Home { #home }\n\nMore.\n")
    reason = f"docs/en/index.md changed since the stamp {HOME_STAMP}; it is now {new}"
    assert f"  outdated      docs/pt/index.md\n                  {reason}\n" in out
    assert out.endswith(
        "pt: 0 missing, 0 drifted, 1 outdated, 1 translated, 0 english-only\n"
        "ru: 1 missing, 0 drifted, 1 outdated, 0 translated, 0 english-only\n"
    )

    assert main(["stamp", "docs/pt/index.md"]) == 0
    assert capsys.readouterr().out == (
        f"stamped docs/pt/index.md: follows docs/en/index.md at {new}\n"
    )
    assert read_stamp((project / "docs/pt/index.md").read_text()) == new
    assert (project / "docs/pt/index.md").read_text().endswith("# Início { #home }\n")
    main(["status"])
    assert capsys.readouterr().out.endswith(
        "pt: 0 missing, 0 drifted, 0 outdated, 2 translated, 0 english-only\n"
        "ru: 1 missing, 0 drifted, 1 outdated, 0 translated, 0 english-only\n"
    )


def drift_guide(project):
    """Change a highlight of the Portuguese guide, which still claims to be up to date."""
    page = project / "docs/pt/guide.md"
    page.write_text(page.read_text().replace("hl[2]", "hl[3]"))


def test_drifted_page_fails_the_status(project, capsys):
    """A changed highlight is drift: named with its line, and the command exits 1."""
    drift_guide(project)
    assert main(["status"]) == 1
    out = capsys.readouterr().out
    assert (
        "  drifted       docs/pt/guide.md\n"
        "                  docs/pt/guide.md:7: <* ../../docs_src/t/a.py hl[3] *>: differs from "
        "docs/en/guide.md:3: hl[2] in en, hl[3] here\n"
    ) in out


def test_outdated_page_lists_its_differences_and_passes(project, capsys):
    """An English change that adds a heading: the translations are outdated, their
    differences listed with that state as the work to do, and the status passes."""
    guide = project / "docs/en/guide.md"
    guide.write_text(GUIDE_EN + "\n## More { #more }\n")
    assert main(["status", "--lang", "pt"]) == 0
    out = capsys.readouterr().out
    assert "  outdated      docs/pt/guide.md\n" in out
    assert "docs/pt/guide.md:5: no heading has the anchor #more of docs/en/guide.md:5" in out


def test_english_only_pages_and_their_translations(project, capsys):
    """`translate: false`: English-only in every language, never missing; a translation of
    such a page is named, and the status fails as a strict build does."""
    (project / "docs/en/notes.md").write_text("---\ntranslate: false\n---\n\n# Notes\n")
    assert main(["status", "--state", "english-only"]) == 0
    assert capsys.readouterr().out == (
        "pt:\n  english-only  docs/pt/notes.md\n"
        "ru:\n  english-only  docs/ru/notes.md\n"
        "pt: 0 missing, 0 drifted, 0 outdated, 2 translated, 1 english-only\n"
        "ru: 1 missing, 0 drifted, 0 outdated, 1 translated, 1 english-only\n"
    )
    (project / "docs/pt/notes.md").write_text("# Notas\n")
    assert main(["status", "--lang", "pt"]) == 1
    assert (
        "docs/pt/notes.md:1: docs/en/notes.md is marked `translate: false`: "
        "remove this translation, or the mark"
    ) in capsys.readouterr().out


@pytest.mark.parametrize(
    ("options", "listing", "totals"),
    [
        (
            ["--lang", "ru"],
            "ru:\n  missing       docs/ru/guide.md\n  translated    docs/ru/index.md\n",
            TOTALS.splitlines(keepends=True)[1],
        ),
        (
            ["--state", "missing", "--state", "drifted"],
            "ru:\n  missing       docs/ru/guide.md\n",
            TOTALS,
        ),
        (["--lang", "pt", "--state", "missing"], "", TOTALS.splitlines(keepends=True)[0]),
    ],
    ids=["one-language", "two-states", "nothing-listed"],
)
def test_status_filters_the_listing_and_totals_the_languages(
    project, capsys, options, listing, totals
):
    """--lang and --state, each repeatable, choose the pages listed; the totals still count
    every page of each chosen language, languages in the project's order."""
    assert main(["status", *options]) == 0
    assert capsys.readouterr().out == listing + totals


def test_status_of_every_language_named_is_the_whole_status(project, capsys):
    """Naming every language, in any order or twice, is asking for everything."""
    main(["status"])
    whole = capsys.readouterr().out
    main(["status", "--lang", "ru", "--lang", "pt", "--lang", "ru"])
    assert capsys.readouterr().out == whole


def test_status_exit_counts_only_the_pages_listed(project, capsys):
    """A drifted page fails the status only when it is among the pages asked for."""
    drift_guide(project)
    assert main(["status", "--lang", "pt"]) == 1
    assert main(["status", "--state", "drifted"]) == 1
    assert main(["status", "--lang", "ru"]) == 0
    assert main(["status", "--state", "translated"]) == 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--lang", "de"], "argument --lang: invalid choice: 'de' (choose from 'pt', 'ru')"),
        (["--lang", "en"], "argument --lang: invalid choice: 'en' (choose from 'pt', 'ru')"),
        (
            ["--state", "stale"],
            "argument --state: invalid choice: 'stale' (choose from 'missing', 'drifted', "
            "'outdated', 'translated', 'english-only')",
        ),
    ],
)
def test_status_refuses_unknown_filters(project, capsys, options, message):
    """A language or state the project does not have is a usage error naming the valid ones."""
    with pytest.raises(SystemExit) as exit_:
        main(["status", *options])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(f"docs-translations status: error: {message}\n")


def status_json(capsys, *options):
    """Run `status --json` with `options`; return the document, once checked on its schema."""
    main(["status", "--json", *options])
    document = json.loads(capsys.readouterr().out)
    Draft202012Validator.check_schema(STATUS_SCHEMA)
    Draft202012Validator(STATUS_SCHEMA).validate(document)
    return document


def page_entry(lang, page, state, stamp, source_stamp, differences=()):
    """One page of `status --json`."""
    return {
        "page": page,
        "lang": lang,
        "state": state,
        "translation_file": f"docs/{lang}/{page}",
        "source_file": f"docs/en/{page}",
        "stamp": stamp,
        "source_stamp": source_stamp,
        "differences": list(differences),
    }


def test_status_json_is_one_document_of_the_schema(project, capsys):
    """Every page sorted by language then page, each language's totals, and the differences
    of a drifted page with their lines."""
    drift_guide(project)
    difference = {
        "line": 7,
        "message": "<* ../../docs_src/t/a.py hl[3] *>: differs from docs/en/guide.md:3: "
        "hl[2] in en, hl[3] here",
    }
    zero = {"missing": 0, "drifted": 0, "outdated": 0, "translated": 0, "english-only": 0}
    assert status_json(capsys) == {
        "version": 1,
        "source_lang": "en",
        "totals": {
            "pt": {**zero, "drifted": 1, "translated": 1},
            "ru": {**zero, "missing": 1, "translated": 1},
        },
        "pages": [
            page_entry("pt", "guide.md", "drifted", GUIDE_STAMP, GUIDE_STAMP, [difference]),
            page_entry("pt", "index.md", "translated", HOME_STAMP, HOME_STAMP),
            page_entry("ru", "guide.md", "missing", None, GUIDE_STAMP),
            page_entry("ru", "index.md", "translated", HOME_STAMP, HOME_STAMP),
        ],
    }


def test_status_json_keeps_to_the_filters(project, capsys):
    """The filters choose the pages of the document, and its totals are the chosen languages'."""
    document = status_json(capsys, "--lang", "ru", "--state", "missing")
    assert document["pages"] == [page_entry("ru", "guide.md", "missing", None, GUIDE_STAMP)]
    assert list(document["totals"]) == ["ru"]


def test_schema_refuses_what_the_document_must_not_be():
    """The schema is strict enough to catch a missing key, a wrong state and an extra key."""
    validator = Draft202012Validator(STATUS_SCHEMA)
    good = {
        "version": 1,
        "source_lang": "en",
        "totals": {"pt": {"missing": 0}},
        "pages": [page_entry("pt", "a.md", "translated", None, "0" * 12)],
    }
    assert [error.message for error in validator.iter_errors(good)] == [
        "'drifted' is a required property",
        "'outdated' is a required property",
        "'translated' is a required property",
        "'english-only' is a required property",
    ]
    good["totals"]["pt"] = dict.fromkeys(
        ["missing", "drifted", "outdated", "translated", "english-only"], 0
    )
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "version": 2})
    assert not validator.is_valid({**good, "extra": 1})
    assert not validator.is_valid({**good, "pages": [{**good["pages"][0], "state": "source"}]})


def test_stamping_a_drifted_page_says_it_still_differs(project, capsys):
    """The stamp is written, and the author is told what still differs."""
    drift_guide(project)
    assert main(["stamp", "docs/pt/guide.md"]) == 0
    assert "  but it still differs: docs/pt/guide.md:7: " in capsys.readouterr().out


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("docs/en/index.md", "docs/en/index.md: only translations are stamped, in pt, ru"),
        ("docs/ru/guide.md", "docs/ru/guide.md: docs/ru/guide.md does not exist"),
        ("README.md", "README.md: not a page under docs/"),
    ],
)
def test_stamp_refuses_what_is_not_a_translation(project, capsys, page, message):
    """English pages, absent pages and files outside docs/ are refused, and the exit is 1."""
    assert main(["stamp", page]) == 1
    assert capsys.readouterr().err == message + "\n"


def test_stamp_needs_pages_or_git(project, capsys):
    """Stamping nothing is a usage error: the pages are named, or --from-git stamps them all."""
    with pytest.raises(SystemExit) as exit_:
        main(["stamp"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(
        "docs-translations stamp: error: name the pages to stamp, or pass --from-git to stamp "
        "every translation\n"
    )


def test_help_names_every_command(capsys):
    """`--help` shows each command with its options."""
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for usage in (
        "docs-translations status [--lang LANG]... [--state STATE]... [--json]",
        "docs-translations stamp PAGE...",
        "docs-translations stamp --from-git [PAGE...]",
        "docs-translations diff PAGE",
    ):
        assert usage in out


def test_installed_command_runs_in_the_project(project):
    """`docs-translations status` as the README writes it, from the venv's bin folder."""
    command = Path(sys.executable).with_name("docs-translations")
    result = subprocess.run(
        [str(command), "status"], cwd=project, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(TOTALS)


def test_runs_as_a_module(project, capsys, monkeypatch):
    """Run as a script (`python -m translations.cli`), it is the same command."""
    monkeypatch.setattr(sys, "argv", ["docs-translations", "status"])
    with pytest.raises(SystemExit) as exit_:
        runpy.run_path(cli.__file__, run_name="__main__")
    assert exit_.value.code == 0
    assert capsys.readouterr().out.endswith(TOTALS)


def test_a_project_it_cannot_read_is_one_line(project, capsys):
    """No mkdocs.yml where it looks, or one without the languages: one line naming the file."""
    with pytest.raises(SystemExit) as exit_:
        main(["-f", "site.yml", "status"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(
        "docs-translations: error: site.yml does not exist: run it in the project's folder, "
        "or pass -f\n"
    )
    (project / "mkdocs.yml").write_text("site_name: T\n")
    with pytest.raises(SystemExit) as exit_:
        main(["status"])
    assert exit_.value.code == (
        "mkdocs.yml: the translation checks need the i18n plugin (mkdocs-static-i18n)"
    )
