"""What the tutorial's programs did when the build ran them, shown under their code in every
language; and what a program that misbehaves makes of its page and of the build."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from runs.harness import OrderingError, check_after_response, exchange, read_file
from tests.programs.program_loader import load_program
from tests.project import REPO_ROOT, Build, build_site, copy_project

TUTORIAL = "tutorial/background-tasks"
PROGRAMS = "docs_src/background_tasks"
PREFIX = {"en": "", "pt": "pt/", "ru": "ru/"}
# In each language, the label over a file written after the response was sent.
AFTER = {
    "en": "After the response was sent, the program wrote to log.txt",
    "pt": "Depois de a resposta ser enviada, o programa escreveu em log.txt",
    "ru": "После отправки ответа программа записала в log.txt",
}
BEFORE = "Before the response was complete, the program wrote to log.txt"
LOGGED_WITH_QUERY = "found query: some-query\nmessage to foo@example.com\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built with --strict, its programs run."""
    site = tmp_path_factory.mktemp("transcripts") / "site"
    build = build_site(REPO_ROOT / "mkdocs.yml", site)
    assert build.returncode == 0, build.log
    return build


def transcripts(site: Path, lang: str) -> list[BeautifulSoup]:
    """Return the transcripts of the tutorial page in `lang`, in page order."""
    html = (site / PREFIX[lang] / TUTORIAL / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select("details.example")


def code_blocks(transcript: BeautifulSoup) -> list[str]:
    """Return the text of each code block of a transcript."""
    return [code.get_text() for code in transcript.select("pre code")]


@pytest.mark.parametrize("lang", ["en", "pt", "ru"])
def test_tutorial_shows_what_its_programs_did(built: Build, lang: str) -> None:
    """tutorial001's request, tutorial002's with and without q: the command to start each, the
    requests as commands, the responses, and log.txt as written after the response."""
    first, second = transcripts(built.site, lang)
    assert code_blocks(first) == [
        "uvicorn docs_src.background_tasks.tutorial001:app\n",
        "curl -X POST http://127.0.0.1:8000/send-notification/foo@example.com\n",
        '{"message":"Notification sent in the background"}\n',
        "notification for foo@example.com: some notification\n",
    ]
    assert code_blocks(second) == [
        "uvicorn docs_src.background_tasks.tutorial002_an_py310:app\n",
        "curl -X POST 'http://127.0.0.1:8000/send-notification/foo@example.com?q=some-query'\n",
        '{"message":"Message sent"}\n',
        LOGGED_WITH_QUERY,
        "curl -X POST http://127.0.0.1:8000/send-notification/foo@example.com\n",
        '{"message":"Message sent"}\n',
        LOGGED_WITH_QUERY + "message to foo@example.com\n",
    ]
    for transcript in (first, second):
        text = " ".join(transcript.get_text(" ").split())
        assert AFTER[lang] in text
        assert "Before" not in text and "Antes" not in text and "До " not in text


def test_transcript_sits_where_the_prose_speaks_of_the_result(built: Build) -> None:
    """tutorial002's transcript comes right before the sentence about log.txt."""
    html = (built.site / TUTORIAL / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    after = soup.select("details.example")[1].find_next_sibling()
    assert after.get_text().startswith("In this example, the messages will be written")


def build_copy(tmp_path: Path, strict: bool = False, env: dict[str, str] | None = None) -> Build:
    """Build the project copy in tmp_path/project."""
    folder = tmp_path / "build"
    folder.mkdir()
    config = tmp_path / "project" / "mkdocs.yml"
    return build_site(config, folder / "site", strict=strict, env=env)


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old`, which must be there, by `new` in the file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_program_that_writes_before_it_responds_shows_it(tmp_path: Path, monkeypatch) -> None:
    """A mutant tutorial002 that logs in its route: its page shows the write before the response
    (the order is measured), and the behaviour tests' check fails on it."""
    project = copy_project(tmp_path / "project")
    program = project / PROGRAMS / "tutorial002_an_py310.py"
    edit(program, "    background_tasks.add_task(write_log, message)\n", "    write_log(message)\n")
    build = build_copy(tmp_path)
    assert build.returncode == 0, build.log
    second = transcripts(build.site, "en")[1]
    text = " ".join(second.get_text(" ").split())
    assert BEFORE in text
    assert text.index(BEFORE) < text.index("The response, 200 OK")
    monkeypatch.chdir(tmp_path)
    mutant = load_program(program)
    target = "/send-notification/foo@example.com"
    result = exchange(mutant.app, "POST", target, effect=lambda: read_file(Path("log.txt")))
    with pytest.raises(OrderingError):
        check_after_response(result, "message to foo@example.com\n")


def test_a_variant_that_behaves_otherwise_is_a_warning(tmp_path: Path) -> None:
    """The tabs promise one behaviour: a variant that logs another message is named, with the
    first difference, at the page and line of the directive, in each language."""
    project = copy_project(tmp_path / "project")
    edit(
        project / PROGRAMS / "tutorial002_py310.py",
        'f"message to {email}\\n"',
        'f"note to {email}\\n"',
    )
    build = build_copy(tmp_path)
    warnings = re.findall(r"^WARNING .*does not behave the same.*$", build.log, re.MULTILINE)
    assert len(warnings) == 3, build.log
    assert warnings[0].startswith(
        "WARNING -  includes: docs/en/tutorial/background-tasks.md:60: "
        "<* ../../docs_src/background_tasks/tutorial002_an_py310.py hl[13,16,22,25] run["
    )
    assert "the variant tutorial002_py310.py does not behave the same: " in warnings[0]
    assert "log.txt" in warnings[0]


FOREVER = """\
import time

from fastapi import BackgroundTasks, FastAPI

app = FastAPI()


def wait_forever():
    while True:
        time.sleep(0.1)


@app.post("/")
async def start(background_tasks: BackgroundTasks):
    background_tasks.add_task(wait_forever)
    return {"started": True}
"""


def test_a_task_that_never_ends_is_an_error_within_the_timeout(tmp_path: Path) -> None:
    """The build moves on once the request's time is up; the page and the log say what went
    wrong at the directive's page and line, and --strict fails."""
    project = copy_project(tmp_path / "project")
    (project / PROGRAMS / "forever.py").write_text(FOREVER, encoding="utf-8")
    page = project / "docs/en/index.md"
    directive = '<* ../../docs_src/background_tasks/forever.py run["POST /"] *>'
    page.write_text(page.read_text(encoding="utf-8") + f"\n{directive}\n", encoding="utf-8")
    lines = page.read_text(encoding="utf-8").count("\n")
    started = time.monotonic()
    build = build_copy(tmp_path, strict=True, env={"DOCS_RUNS_TIMEOUT": "2"})
    assert time.monotonic() - started < 120
    assert build.returncode == 1
    # pt's and ru's pages lack the include, but they are outdated now: that is their work to do.
    assert "Aborted with 1 warnings in strict mode!" in build.log
    message = (
        f"WARNING -  includes: docs/en/index.md:{lines}: {directive}: running forever.py: "
        "POST /: the background work did not end within 2 s"
    )
    assert message in build.log
    assert "Traceback" not in build.log
    html = (build.site / "index.html").read_text(encoding="utf-8")
    assert "the background work did not end within 2 s" in html
    assert 'class="admonition danger"' in html
