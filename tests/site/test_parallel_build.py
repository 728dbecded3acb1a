"""`mkdocs build` builds each language in a process of its own: the same site as built in turn.

Every build here runs twice, side by side (the default) and in turn (DOCS_LANGUAGES_IN_TURN=1,
as mkdocs-static-i18n builds by itself); both must give the same files, byte for byte, and the
same warnings. SOURCE_DATE_EPOCH fixes the build date that sitemaps and sitemap.xml.gz record,
so two builds on either side of midnight still compare.
"""

from __future__ import annotations

import logging
import re
import textwrap
from pathlib import Path
from types import SimpleNamespace

import mkdocs_static_i18n
import pytest
from mkdocs import utils
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.utils import clean_directory
from mkdocs_static_i18n import plugin as i18n_plugin

from benchmarks.site import generate_site
from builds import i18n_builds, site_merge
from tests.project import REPO_ROOT, Build, build_site, copy_project

IN_TURN = "DOCS_LANGUAGES_IN_TURN"
TUTORIAL = "tutorial/background-tasks"
BUILD_RE = re.compile(r"DEBUG   -  languages: building '(?P<locale>\w+)' in process (?P<pid>\d+)")
WARNING_RE = re.compile(r"^WARNING .*$", re.MULTILINE)
# The requests the tutorial runs tutorial002 with, as its pages write them.
RUN_TUTORIAL002 = (
    'run["POST /send-notification/foo@example.com?q=some-query", '
    '"POST /send-notification/foo@example.com"]'
)
TIME_RE = re.compile(r"built in [0-9.]+ seconds")


@pytest.fixture(autouse=True)
def fixed_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give every build the same date; tests.project passes the environment on to MkDocs."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    monkeypatch.delenv(IN_TURN, raising=False)


def build_into(folder: Path, config: Path, *options: str) -> Build:
    """Build into `folder`/site; `folder` is the build's TMPDIR, where its processes work.

    It must exist before MkDocs starts: Python's tempfile skips a TMPDIR that does not.
    """
    folder.mkdir(parents=True)
    return build_site(config, folder / "site", *options)


def build_in_turn(folder: Path, config: Path, monkeypatch: pytest.MonkeyPatch, *options: str):
    """Build as mkdocs-static-i18n does by itself: every language in this one process."""
    with monkeypatch.context() as patch:
        patch.setenv(IN_TURN, "1")
        return build_into(folder, config, *options)


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def differing_files(first: Path, second: Path) -> list[str]:
    """Return the paths that only one site has, or that the two sites hold different bytes at."""
    one, other = site_files(first), site_files(second)
    return sorted(path for path in one.keys() | other.keys() if one.get(path) != other.get(path))


def leftovers(build: Build) -> list[str]:
    """Return what the build's processes left in its temporary folder (TMPDIR, beside the site)."""
    return sorted(path.name for path in build.site.parent.glob("mkdocs-*"))


def normalized_log(build: Build) -> str:
    """Return the build's log without what differs between two builds: the site's folder, time."""
    return TIME_RE.sub("built in <time>", build.log.replace(str(build.site), "<site>"))


def warnings(build: Build) -> list[str]:
    """Return the build's warning lines, in order."""
    return WARNING_RE.findall(build.log)


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in the file by `new`."""
    text = path.read_text(encoding="utf-8")
    if text.count(old) != 1:
        raise ValueError(f"{old!r} is not in {path} exactly once")
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_hook(project: Path, name: str, source: str) -> None:
    """Write a hook into the project copy and add it to its mkdocs.yml, after the others."""
    (project / "hooks" / name).write_text(textwrap.dedent(source), encoding="utf-8")
    edit(project / "mkdocs.yml", "\nhooks:\n", f"\nhooks:\n  - hooks/{name}\n")


# The same site, file for file


def test_real_site_is_the_same_built_side_by_side_or_in_turn(tmp_path, monkeypatch):
    """Every file of the real site, its sitemaps and search indexes too, has the same bytes."""
    config = REPO_ROOT / "mkdocs.yml"
    side_by_side = build_into(tmp_path / "side-by-side", config)
    in_turn = build_in_turn(tmp_path / "in-turn", config, monkeypatch)
    assert side_by_side.returncode == 0, side_by_side.log
    assert in_turn.returncode == 0, in_turn.log
    assert differing_files(side_by_side.site, in_turn.site) == []
    assert len(site_files(side_by_side.site)) > 50
    assert normalized_log(side_by_side) == normalized_log(in_turn)
    assert leftovers(side_by_side) == []


def test_generated_site_is_the_same_built_side_by_side_or_in_turn(tmp_path, monkeypatch):
    """Ten generated pages in each language, with their includes: the same bytes everywhere."""
    site = generate_site(tmp_path / "project", pages=10)
    side_by_side = build_into(tmp_path / "side-by-side", site.config)
    in_turn = build_in_turn(tmp_path / "in-turn", site.config, monkeypatch)
    assert side_by_side.returncode == 0, side_by_side.log
    assert in_turn.returncode == 0, in_turn.log
    assert differing_files(side_by_side.site, in_turn.site) == []
    pages = {path for path in site_files(side_by_side.site) if path.endswith(".html")}
    assert {"pt/generated/page001/index.html", "ru/generated/page010/index.html"} <= pages


def test_each_language_is_built_by_a_process_of_its_own(tmp_path, monkeypatch):
    """`-v` shows which process built each language: three side by side, one in turn."""
    config = REPO_ROOT / "mkdocs.yml"
    side_by_side = build_into(tmp_path / "side-by-side", config, "-v")
    in_turn = build_in_turn(tmp_path / "in-turn", config, monkeypatch, "-v")
    assert side_by_side.returncode == 0, side_by_side.log
    assert in_turn.returncode == 0, in_turn.log
    pids = {m["locale"]: m["pid"] for m in BUILD_RE.finditer(side_by_side.log)}
    assert sorted(pids) == ["en", "pt", "ru"]
    assert len(set(pids.values())) == 3
    assert len(BUILD_RE.findall(side_by_side.log)) == 3
    in_turn_pids = {m["locale"]: m["pid"] for m in BUILD_RE.finditer(in_turn.log)}
    assert sorted(in_turn_pids) == ["en", "pt", "ru"]
    assert len(set(in_turn_pids.values())) == 1
    assert (
        f"DEBUG   -  languages: building the other languages in turn: {IN_TURN} is set"
        in in_turn.log
    )


def test_dirty_build_and_one_language_build_in_turn(tmp_path):
    """`--dirty` builds in turn, and the English-only site has nothing to build elsewhere."""
    dirty = build_into(tmp_path / "dirty", REPO_ROOT / "mkdocs.yml", "-v", "--dirty")
    assert dirty.returncode == 0, dirty.log
    assert "building the other languages in turn: a dirty build" in dirty.log
    assert len({m["pid"] for m in BUILD_RE.finditer(dirty.log)}) == 1
    english = generate_site(tmp_path / "project", pages=1)
    alone = build_into(tmp_path / "english", english.english_config, "-v")
    assert alone.returncode == 0, alone.log
    assert "building the other languages in turn: one language" in alone.log


# Warnings and failures, as in turn


WRONG_INCLUDE = (
    "<* ../../docs_src/background_tasks/tutorial001.py hl[40] "
    'run["POST /send-notification/foo@example.com"] *>'
)


def drifted_hl(lang: str) -> str:
    """Return the warning of tutorial002's hl[13,17,22,25] on line 58 of `lang`'s page."""
    return (
        f"WARNING -  translations: docs/{lang}/{TUTORIAL}.md:58: "
        "<* ../../docs_src/background_tasks/tutorial002_an_py310.py hl[13,17,22,25] "
        f"{RUN_TUTORIAL002} *>: "
        f"differs from docs/en/{TUTORIAL}.md:60: hl[13,16,22,25] in en, hl[13,17,22,25] here"
    )


@pytest.mark.parametrize(
    ("lang", "old", "new", "messages"),
    [
        (
            "pt",
            "tutorial001.py hl[14]",
            "tutorial001.py hl[40]",
            [
                f"WARNING -  includes: docs/pt/{TUTORIAL}.md:44: {WRONG_INCLUDE}: "
                "line 40 is past the end of tutorial001.py (15 lines)",
                f"WARNING -  translations: docs/pt/{TUTORIAL}.md:44: {WRONG_INCLUDE}: "
                f"differs from docs/en/{TUTORIAL}.md:46: hl[14] in en, hl[40] here",
            ],
        ),
        (
            "ru",
            "hl[13,16,22,25]",
            "hl[13,17,22,25]",
            [drifted_hl("ru")],
        ),
    ],
    ids=["wrong-include-in-pt", "drifted-ru"],
)
def test_warning_of_another_language_fails_the_strict_build_once(
    tmp_path, monkeypatch, lang, old, new, messages
):
    """The page:line warnings are shown once each, --strict counts them, as when built in turn."""
    project = copy_project(tmp_path / "project")
    edit(project / f"docs/{lang}/{TUTORIAL}.md", old, new)
    side_by_side = build_into(tmp_path / "side-by-side", project / "mkdocs.yml")
    in_turn = build_in_turn(tmp_path / "in-turn", project / "mkdocs.yml", monkeypatch)
    assert side_by_side.returncode == in_turn.returncode == 1
    assert warnings(side_by_side) == warnings(in_turn) == messages
    assert f"Aborted with {len(messages)} warnings in strict mode!" in side_by_side.log
    assert "Traceback" not in side_by_side.log
    assert normalized_log(side_by_side) == normalized_log(in_turn)
    assert leftovers(side_by_side) == []


@pytest.mark.parametrize("options", [(), ("-q",)], ids=["default", "quiet"])
def test_warnings_of_every_language_are_shown_then_fail_the_build_once(
    tmp_path, monkeypatch, options
):
    """A drifted hl[] in pt and in ru: pt's warning, then ru's, then one abort counting both."""
    project = copy_project(tmp_path / "project")
    for lang in ("pt", "ru"):
        edit(project / f"docs/{lang}/{TUTORIAL}.md", "hl[13,16,22,25]", "hl[13,17,22,25]")
    side_by_side = build_into(tmp_path / "side-by-side", project / "mkdocs.yml", *options)
    in_turn = build_in_turn(tmp_path / "in-turn", project / "mkdocs.yml", monkeypatch, *options)
    assert side_by_side.returncode == in_turn.returncode == 1
    assert warnings(side_by_side) == [drifted_hl("pt"), drifted_hl("ru")], side_by_side.log
    assert side_by_side.log.count("Aborted") == 1
    assert "\nAborted with 2 warnings in strict mode!\n" in side_by_side.log
    assert "Traceback" not in side_by_side.log
    assert normalized_log(side_by_side) == normalized_log(in_turn)
    assert leftovers(side_by_side) == []


def test_quiet_build_shows_every_language_s_warning_as_in_turn(tmp_path, monkeypatch):
    """A wrong include in every language: en's, pt's and ru's warnings, then one abort of all."""
    project = copy_project(tmp_path / "project")
    for lang in ("en", "pt", "ru"):
        edit(
            project / f"docs/{lang}/{TUTORIAL}.md", "tutorial001.py hl[14]", "tutorial001.py hl[40]"
        )
    side_by_side = build_into(tmp_path / "side-by-side", project / "mkdocs.yml", "-q")
    in_turn = build_in_turn(tmp_path / "in-turn", project / "mkdocs.yml", monkeypatch, "-q")
    assert side_by_side.returncode == in_turn.returncode == 1
    assert normalized_log(side_by_side) == normalized_log(in_turn)
    assert [line.split(":")[1].strip() for line in warnings(side_by_side)] == [
        f"docs/en/{TUTORIAL}.md",
        f"docs/pt/{TUTORIAL}.md",
        f"docs/ru/{TUTORIAL}.md",
    ]
    assert "Aborted with 3 warnings in strict mode!" in side_by_side.log
    assert leftovers(side_by_side) == []


# What a hook does in the Portuguese build only, the one a forked process runs.
FAILING_HOOKS = {
    "plugin-error": (
        "raise PluginError('the Portuguese build cannot go on')",
        [
            "ERROR   -  the Portuguese build cannot go on",
        ],
    ),
    "exception": (
        "raise RuntimeError('an unexpected failure')",
        [
            "ERROR   -  languages: building 'pt' in process ",
            " failed: RuntimeError: an unexpected failure\nTraceback (most recent call last):",
            "in on_post_build\n    raise RuntimeError('an unexpected failure')",
        ],
    ),
    "exit": (
        "os._exit(3)",
        [
            "ERROR   -  languages: building 'pt' in process ",
            " failed: the process exited with 3 before it finished",
        ],
    ),
}


@pytest.mark.parametrize("failure", FAILING_HOOKS)
def test_failure_in_another_language_fails_the_build_and_leaves_nothing(tmp_path, failure):
    """An error, an exception or a lost process in pt's build fails the build with what it was."""
    statement, expected = FAILING_HOOKS[failure]
    project = copy_project(tmp_path / "project")
    add_hook(
        project,
        "failing_hook.py",
        f"""
        import os

        from mkdocs.exceptions import PluginError


        def on_post_build(config):
            if config.theme["language"] == "pt":
                {statement}
        """,
    )
    failed = build_into(tmp_path / "build", project / "mkdocs.yml")
    assert failed.returncode == 1
    assert failed.log.startswith("\nAborted with a BuildError!\n")
    position = 0
    for part in expected:
        assert part in failed.log[position:], failed.log
        position = failed.log.index(part, position) + len(part)
    assert failed.log.count("ERROR") == 1, failed.log
    assert "mkdocs_static_i18n: Building 'ru'" not in failed.log
    assert leftovers(failed) == []
    assert not (failed.site / "pt").exists()


def test_failure_in_the_default_language_stops_the_others_as_in_turn(tmp_path, monkeypatch):
    """English fails while the others are being built: they are stopped, unseen, as in turn."""
    project = copy_project(tmp_path / "project")
    add_hook(
        project,
        "failing_hook.py",
        """
        from mkdocs.exceptions import PluginError


        def on_page_markdown(markdown, page, config, files):
            if config.theme["language"] == "en":
                raise PluginError("the English build cannot go on")
            return markdown
        """,
    )
    side_by_side = build_into(tmp_path / "side-by-side", project / "mkdocs.yml")
    in_turn = build_in_turn(tmp_path / "in-turn", project / "mkdocs.yml", monkeypatch)
    assert side_by_side.returncode == in_turn.returncode == 1
    assert "ERROR   -  the English build cannot go on" in side_by_side.log
    assert "Building 'pt'" not in side_by_side.log
    assert normalized_log(side_by_side) == normalized_log(in_turn)
    assert leftovers(side_by_side) == []


# What the build relies on in mkdocs-static-i18n


@pytest.fixture
def i18n_config(tmp_path):
    """A two-language site's config, loaded as MkDocs loads it, with static-i18n's on_config run."""
    for lang in ("en", "pt"):
        page = tmp_path / "docs" / lang / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(f"# {lang}\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(
            """
            site_name: Two languages
            theme: {name: material}
            plugins:
              - i18n:
                  docs_structure: folder
                  languages:
                    - {locale: en, name: English, default: true, build: true}
                    - {locale: pt, name: Português, build: true}
            """
        ),
        encoding="utf-8",
    )
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins["i18n"].on_config(config)
    return config


class BuildCalls:
    """Stands for the `build` mkdocs-static-i18n calls; notes the plugin's state at each call."""

    def __init__(self, i18n) -> None:
        self.i18n = i18n
        self.calls: list[dict[str, object]] = []

    def __call__(self, config, dirty=False) -> None:
        build_logger = logging.getLogger(i18n_builds.BUILD_LOGGER)
        hidden = [
            message
            for message in i18n_builds.NESTED_BUILD_MESSAGES
            if not build_logger.filter(logging.makeLogRecord({"msg": f"{message} x"}))
        ]
        self.calls.append(
            {
                "language": self.i18n.current_language,
                "building": self.i18n.building,
                "hidden": hidden,
            }
        )


def test_static_i18n_builds_the_others_as_this_build_relies_on(i18n_config, monkeypatch):
    """static-i18n builds the other languages as hooks/languages/i18n_builds.py expects.

    Through its module's `build`, after setting `current_language` and `building`, hiding the
    same messages of MkDocs; with `building` set beforehand, its on_post_build builds nothing.
    If this fails, static-i18n changed: adapt i18n_builds.py, and meanwhile build with
    DOCS_LANGUAGES_IN_TURN=1.
    """
    i18n = i18n_builds.i18n_of(i18n_config)
    assert i18n is i18n_config.plugins["i18n"]
    assert i18n.current_language == i18n.default_language == "en"
    assert i18n_builds.builds_others(i18n)
    assert i18n_builds.other_languages(i18n) == ["pt"]
    calls = BuildCalls(i18n)
    monkeypatch.setattr(i18n_plugin, "build", calls)

    i18n_builds.hold_other_languages(i18n, held=True)
    assert not i18n_builds.builds_others(i18n)
    i18n.on_post_build(i18n_config)
    assert calls.calls == []
    i18n_builds.hold_other_languages(i18n, held=False)

    i18n.on_post_build(i18n_config)
    assert calls.calls == [
        {"language": "pt", "building": True, "hidden": list(i18n_builds.NESTED_BUILD_MESSAGES)}
    ]
    assert i18n.building is False
    assert utils.clean_directory is clean_directory


def test_build_language_builds_one_language_as_static_i18n_does(i18n_config, monkeypatch):
    """Building one language alone is static-i18n's nested build of it, with the same messages."""
    i18n = i18n_config.plugins["i18n"]
    calls = BuildCalls(i18n)
    monkeypatch.setattr(i18n_plugin, "build", calls)
    build_logger = logging.getLogger(i18n_builds.BUILD_LOGGER)
    monkeypatch.setattr(build_logger, "filters", list(build_logger.filters))
    i18n_builds.build_language(i18n_config, i18n, "pt")
    assert calls.calls == [
        {"language": "pt", "building": True, "hidden": list(i18n_builds.NESTED_BUILD_MESSAGES)}
    ]


def test_static_i18n_sitemap_lists_each_language_in_turn(i18n_config):
    """The root sitemap is static-i18n's template, which lists each language's pages in turn."""
    assert i18n_builds.sitemap_lists_languages_in_turn(i18n_config)
    template = i18n_builds.I18N_SITEMAP.read_text(encoding="utf-8")
    assert "{%- for locale, i18n_files in i18n_alternates.items() %}" in template
    assert i18n_builds.I18N_SITEMAP.is_relative_to(Path(mkdocs_static_i18n.__file__).parent)


def test_missing_static_i18n_attribute_is_a_setup_error():
    """A static-i18n without what the build uses stops it, naming what is missing."""
    i18n = SimpleNamespace(current_language="en", building=False, default_language="en")
    config = SimpleNamespace(plugins={"i18n": i18n})
    with pytest.raises(PluginError) as error:
        i18n_builds.i18n_of(config)
    assert str(error.value) == (
        "hooks/site_hook.py builds each language the way mkdocs-static-i18n "
        "does, through its plugin's current_language, building, default_language, "
        "build_languages and its module's `build`; this version has no build_languages. "
        f"Set {IN_TURN}=1 to let it build them in turn."
    )


# Joining the sitemaps


def sitemap(*urls: str) -> str:
    """Return a sitemap as static-i18n's template writes it, listing `urls`."""
    entries = "".join(f"\n    <url>\n        <loc>{url}</loc>\n    </url>" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
        f'schemas/sitemap/0.9">{entries}\n</urlset>'
    )


def test_join_sitemaps_lists_each_sitemaps_urls_in_turn():
    """The joined sitemap is the one a build of every language in turn writes."""
    joined = site_merge.join_sitemaps([sitemap("/a/", "/b/"), sitemap(), sitemap("/pt/a/")])
    assert joined == sitemap("/a/", "/b/", "/pt/a/")


def test_join_sitemaps_rejects_what_is_not_a_sitemap():
    """Anything but one <urlset> is an error that quotes it."""
    with pytest.raises(ValueError) as error:
        site_merge.join_sitemaps([sitemap("/a/"), "<html></html>"])
    assert str(error.value) == "not a sitemap with one <urlset>: '<html></html>'"
