"""Stamps from git's history (`stamp --from-git`) and the English changes since a stamp
(`diff`), on real repositories made in each test."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.translations.projects import CONFIG
from translations import history
from translations.cli import main
from translations.stamps import read_stamp, source_hash, write_stamp

PAGE = "tutorial/café guide.md"  # a folder, a space and a letter that git would quote
EN_V1 = "# Guide { #guide }\n\nStart the app.\n\nRun it.\n"
EN_V2 = "# Guide { #guide }\n\nStart the app.\n\nRun it with --reload.\n"
PT = "# Guia { #guide }\n\nInicie o app.\n\nExecute-o.\n"
HOME_EN = "# Home { #home }\n"
HOME_PT = "# Início { #home }\n"
HOME_RU = "# Главная { #home }\n"
NEVER_COMMITTED = "# Home, never committed\n"


class Repo:
    """A git repository in a temporary folder, with the project at `project` inside it."""

    def __init__(self, top: Path, project: Path) -> None:
        self.top = top
        self.project = project
        self.commits = 0

    def git(self, *args: str, env: dict[str, str] | None = None, check: bool = True) -> str:
        """Run git at the top of the repository; return what it prints."""
        result = subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
            cwd=self.top,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            check=check,
        )
        return result.stdout

    def write(self, files: dict[str, str]) -> None:
        """Write project files, e.g. {"docs/en/index.md": "# Home\\n"}."""
        for name, text in files.items():
            path = self.project / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def commit(self, files: dict[str, str] | None = None) -> str:
        """Write `files`, commit everything, a minute after the last commit; return its hash."""
        self.write(files or {})
        self.git("add", "-A")
        self.commits += 1
        # Distinct, increasing dates: git orders a walk by them when history branches.
        date = f"2024-01-01T00:{self.commits:02}:00+00:00"
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        self.git("commit", "-q", "-m", f"commit {self.commits}", env=env)
        return self.git("rev-parse", "HEAD").strip()

    def read(self, name: str) -> str:
        """Return a project file's text."""
        return (self.project / name).read_text(encoding="utf-8")


@pytest.fixture
def isolated_git(tmp_path, monkeypatch):
    """Git as on a fresh machine: no user or system config, no repository above tmp_path."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def make_repo(top: Path, subfolder: str = "") -> Repo:
    """A repository at `top` holding the project (mkdocs.yml, docs/) in `subfolder`."""
    project = top / subfolder
    project.mkdir(parents=True, exist_ok=True)
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main", str(top)], check=True)
    return Repo(top, project)


@pytest.fixture(params=["", "site"], ids=["project-at-top", "project-in-subfolder"])
def repo(isolated_git, monkeypatch, request):
    """A repository with the project at its top or in a subfolder; the project is the cwd."""
    repo = make_repo(isolated_git / "repo", request.param)
    monkeypatch.chdir(repo.project)
    return repo


def states(capsys) -> dict[str, str]:
    """Return each translation's state, as `status --json` gives it."""
    main(["status", "--json"])
    pages = json.loads(capsys.readouterr().out)["pages"]
    return {page["translation_file"]: page["state"] for page in pages}


def test_stamps_from_git_make_outdated_exactly_what_changed_since(repo, capsys):
    """English v1, its translation, English v2: outdated. English v1, v2, then the translation:
    up to date. Each page's stamp is its English page at the translation's last commit."""
    repo.commit({f"docs/en/{PAGE}": EN_V1, "docs/en/index.md": HOME_EN})
    first = repo.commit(
        {f"docs/pt/{PAGE}": PT, "docs/pt/index.md": HOME_PT, "docs/ru/index.md": HOME_RU}
    )
    repo.commit({f"docs/en/{PAGE}": EN_V2})
    last = repo.commit({f"docs/ru/{PAGE}": PT})

    assert main(["stamp", "--from-git"]) == 0
    v1, v2, home = source_hash(EN_V1), source_hash(EN_V2), source_hash(HOME_EN)
    assert capsys.readouterr() == (
        f"stamped docs/pt/index.md: follows docs/en/index.md at {home}, as of {first[:7]}\n"
        f"stamped docs/pt/{PAGE}: follows docs/en/{PAGE} at {v1}, as of {first[:7]}\n"
        f"stamped docs/ru/index.md: follows docs/en/index.md at {home}, as of {first[:7]}\n"
        f"stamped docs/ru/{PAGE}: follows docs/en/{PAGE} at {v2}, as of {last[:7]}\n"
        "stamped 4 pages (2 in pt, 2 in ru); 0 unchanged\n",
        "",
    )
    # Only the stamp is added: the page is otherwise as it was.
    assert repo.read(f"docs/pt/{PAGE}") == write_stamp(PT, v1)
    assert states(capsys) == {
        f"docs/pt/{PAGE}": "outdated",
        "docs/pt/index.md": "translated",
        "docs/ru/index.md": "translated",
        f"docs/ru/{PAGE}": "translated",
    }


def test_stamping_again_leaves_the_pages_untouched(repo, capsys):
    """The stamps written, not yet committed, are no change to the text: a second run finds
    the same stamps and writes nothing."""
    repo.commit({"docs/en/index.md": HOME_EN})
    repo.commit({"docs/pt/index.md": HOME_PT, "docs/ru/index.md": HOME_RU})
    assert main(["stamp", "--from-git"]) == 0
    capsys.readouterr()
    pages = [repo.project / "docs/pt/index.md", repo.project / "docs/ru/index.md"]
    for page in pages:
        os.utime(page, ns=(0, 0))

    assert main(["stamp", "--from-git"]) == 0
    assert capsys.readouterr() == ("stamped 0 pages; 2 unchanged\n", "")
    assert [page.stat().st_mtime_ns for page in pages] == [0, 0]


def test_pages_not_committed_as_they_are_are_named_and_left(repo, capsys):
    """An edit not committed (staged or not) and a page never committed are not guessed: they
    are named, left as they are, and the exit is 1; the other pages are stamped."""
    extra = "# Extra { #extra }\n"
    repo.commit({f"docs/en/{PAGE}": EN_V1, "docs/en/index.md": HOME_EN, "docs/en/extra.md": extra})
    first = repo.commit(
        {f"docs/pt/{PAGE}": PT, "docs/pt/index.md": HOME_PT, "docs/ru/index.md": HOME_RU}
    )
    repo.write({f"docs/pt/{PAGE}": PT + "\nMais.\n", "docs/ru/index.md": HOME_RU + "\nЕщё.\n"})
    repo.git("add", str(repo.project / "docs/ru/index.md"))
    repo.write({"docs/pt/extra.md": extra})

    assert main(["stamp", "--from-git"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        f"stamped docs/pt/index.md: follows docs/en/index.md at {source_hash(HOME_EN)}, "
        f"as of {first[:7]}\n"
        "stamped 1 page (1 in pt); 0 unchanged; 3 not stamped\n"
    )
    assert err == (
        "docs/pt/extra.md: is not committed; commit it, then stamp it from git\n"
        f"docs/pt/{PAGE}: has uncommitted changes; commit them, then stamp it from git\n"
        "docs/ru/index.md: has uncommitted changes; commit them, then stamp it from git\n"
    )
    assert repo.read("docs/pt/extra.md") == extra
    assert read_stamp(repo.read(f"docs/pt/{PAGE}")) is None


def test_named_pages_only_and_an_english_page_added_after_its_translation(repo, capsys):
    """Named pages alone are stamped; a translation committed before its English page has
    nothing to follow, and a page that is no translation is refused."""
    repo.commit({"docs/en/index.md": HOME_EN})
    early = repo.commit(
        {"docs/pt/index.md": HOME_PT, "docs/pt/later.md": PT, "docs/ru/index.md": HOME_RU}
    )
    repo.commit({"docs/en/later.md": EN_V1})

    pages = ["docs/pt/later.md", "docs/en/index.md", "docs/pt/index.md"]
    assert main(["stamp", "--from-git", *pages]) == 1
    out, err = capsys.readouterr()
    assert out == (
        f"stamped docs/pt/index.md: follows docs/en/index.md at {source_hash(HOME_EN)}, "
        f"as of {early[:7]}\n"
        "stamped 1 page (1 in pt); 0 unchanged; 2 not stamped\n"
    )
    assert err == (
        "docs/en/index.md: only translations are stamped, in pt, ru\n"
        f"docs/pt/later.md: docs/en/later.md did not exist at its last commit {early[:7]}; "
        "once it follows docs/en/later.md, stamp it: docs-translations stamp docs/pt/later.md\n"
    )
    assert read_stamp(repo.read("docs/ru/index.md")) is None


def test_a_shallow_clone_is_refused(isolated_git, monkeypatch, capsys):
    """A shallow clone may lack the commits a translation follows: a clear error, exit 2."""
    repo = make_repo(isolated_git / "repo", "site")
    repo.commit({"docs/en/index.md": HOME_EN})
    repo.commit({"docs/pt/index.md": HOME_PT})
    clone = isolated_git / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.top}", str(clone))
    monkeypatch.chdir(clone / "site")

    assert main(["stamp", "--from-git"]) == 2
    assert capsys.readouterr() == (
        "",
        f"{clone / 'site'}: a shallow clone holds only the latest commits; "
        "fetch the whole history first: git fetch --unshallow\n",
    )


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("plain folder", "not in a git work tree, so there is no history"),
        ("no commit", "no commit yet, so there is no history"),
        ("no git", ""),
    ],
)
def test_without_a_history_stamping_and_diff_are_refused(
    isolated_git, monkeypatch, capsys, setup, message
):
    """No repository, no commit, or no git at all: each is one clear line, and exit 2."""
    project = isolated_git / "project"
    if setup == "no commit":
        make_repo(project)
    project.mkdir(exist_ok=True)
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    files = {"docs/en/index.md": HOME_EN, "docs/pt/index.md": write_stamp(HOME_PT, "0" * 12)}
    Repo(project, project).write(files)
    if setup == "no git":
        monkeypatch.setenv("PATH", str(isolated_git / "empty"))
    monkeypatch.chdir(project)
    expected = f"{project}: {message}\n"
    if setup == "plain folder":
        said = subprocess.run(["git", "status"], cwd=project, capture_output=True, text=True)
        expected = f"{project}: {message} ({said.stderr.strip()})\n"
    if setup == "no git":
        expected = "git is not installed: no `git` command on the PATH\n"

    assert main(["stamp", "--from-git"]) == 2
    assert capsys.readouterr() == ("", expected)
    assert main(["diff", "docs/pt/index.md"]) == 2
    assert capsys.readouterr() == ("", expected)


def test_last_commit_is_where_the_text_was_written_across_merges(isolated_git):
    """Both sides of a merge changed the page: its last commit is the side whose text the merge
    kept, even if the other side's is newer. A merge that wrote a text of its own is the last
    commit itself, as `git log -1` says."""
    repo = make_repo(isolated_git / "repo")

    def last_commit() -> str:
        blobs = history.committed_blobs(repo.top, ["docs/pt"])
        return history.last_commits(repo.top, ["docs/pt"], blobs)["docs/pt/a.md"]

    def merge_conflicting(branch: str, text: str | None) -> None:
        """Merge `branch` into main, resolving the page's conflict with `text` (None: theirs)."""
        assert "CONFLICT" in repo.git("merge", branch, check=False)
        if text is None:
            repo.git("checkout", "--theirs", "docs/pt/a.md")
        else:
            repo.write({"docs/pt/a.md": text})

    repo.commit({"docs/pt/a.md": "base\n"})
    repo.git("checkout", "-q", "-b", "side")
    side = repo.commit({"docs/pt/a.md": "side\n"})
    repo.git("checkout", "-q", "main")
    # Another page changed too, so that the folder is like neither side after the merge, and
    # git walks both sides of it, the newer commit first.
    repo.commit({"docs/pt/a.md": "main\n", "docs/pt/b.md": "main\n"})
    merge_conflicting("side", None)
    repo.commit()
    assert last_commit() == side

    repo.git("checkout", "-q", "-b", "other")
    repo.commit({"docs/pt/a.md": "other\n"})
    repo.git("checkout", "-q", "main")
    repo.commit({"docs/pt/a.md": "main again\n"})
    merge_conflicting("other", "both\n")
    merged = repo.commit()
    assert last_commit() == merged
    assert repo.git("log", "-1", "--format=%H", "--", "docs/pt/a.md").strip() == merged


def stamped(text: str, english: str) -> str:
    """Return a translation's text stamped with an English version."""
    return write_stamp(text, source_hash(english))


def test_diff_shows_the_english_changes_since_the_stamp(repo, capsys):
    """The version the stamp names, found in the English page's history (its newest commit,
    when a revert brought it back), against the English page on disk now (committed or not)."""
    repo.commit({f"docs/en/{PAGE}": EN_V1, f"docs/pt/{PAGE}": stamped(PT, EN_V1)})
    repo.commit({f"docs/en/{PAGE}": EN_V2})
    v1 = repo.commit({f"docs/en/{PAGE}": EN_V1})
    repo.commit({f"docs/en/{PAGE}": EN_V2})
    repo.write({f"docs/en/{PAGE}": "# Guide { #guide }\n\nStart it.\n\nRun it with --reload."})

    assert main(["diff", f"docs/pt/{PAGE}"]) == 0
    assert capsys.readouterr() == (
        f"--- a/docs/en/{PAGE} ({source_hash(EN_V1)}, {v1[:7]})\n"
        f"+++ b/docs/en/{PAGE} (now)\n"
        "@@ -1,5 +1,5 @@\n"
        " # Guide { #guide }\n"
        " \n"
        "-Start the app.\n"
        "+Start it.\n"
        " \n"
        "-Run it.\n"
        "+Run it with --reload.\n"
        "\\ No newline at end of file\n",
        "",
    )


def test_diff_of_an_english_page_unchanged_since_the_stamp(repo, capsys):
    """Nothing to show is said in one line, and it is no failure."""
    repo.commit({f"docs/en/{PAGE}": EN_V1, f"docs/pt/{PAGE}": stamped(PT, EN_V1)})
    assert main(["diff", f"docs/pt/{PAGE}"]) == 0
    assert capsys.readouterr() == (
        f"docs/en/{PAGE} has not changed since docs/pt/{PAGE}'s stamp {source_hash(EN_V1)}\n",
        "",
    )


@pytest.mark.parametrize(
    ("page", "text", "message"),
    [
        (
            "docs/pt/index.md",
            HOME_PT,
            "docs/pt/index.md has no stamp, so which version of docs/en/index.md it follows "
            "is unknown; docs-translations stamp --from-git docs/pt/index.md stamps it from git",
        ),
        (
            "docs/pt/index.md",
            stamped(HOME_PT, NEVER_COMMITTED),
            f"docs/pt/index.md: its stamp {source_hash(NEVER_COMMITTED)} is no "
            "version of docs/en/index.md in git's history (was it stamped from one never "
            "committed?); compare the pages by hand, then stamp it again",
        ),
        ("docs/en/index.md", HOME_PT, "docs/en/index.md: only translations are stamped, in pt, ru"),
    ],
)
def test_diff_says_why_it_cannot_tell(repo, capsys, page, text, message):
    """No stamp, a stamp of no committed version, or a page that is no translation: exit 1."""
    repo.commit({"docs/en/index.md": HOME_EN, "docs/pt/index.md": text})
    repo.commit({"docs/en/index.md": HOME_EN + "\nMore.\n"})
    assert main(["diff", page]) == 1
    assert capsys.readouterr() == ("", message + "\n")


def test_a_failed_git_command_is_told_in_gits_words(repo):
    """What git says goes into the error, with the command and the folder."""
    repo.commit({"docs/en/index.md": HOME_EN})
    with pytest.raises(history.HistoryError) as error:
        history.run_git(repo.project, "log", "--no-such-option")
    assert str(error.value) == (
        f"git log failed in {repo.project}: fatal: unrecognized argument: --no-such-option"
    )
