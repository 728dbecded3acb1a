"""The run cache: a program runs once for the same content, and again when anything it read
changed; entries on disk are shared, written whole, and a broken one is only a miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from runs import runner
from runs.cache import RunCache
from runs.requests import Request
from runs.transcript import FileChange, Transcript

from .conftest import REPO_ROOT, TUTORIAL_JOBS, WriteProgram

GET = Request("GET", "/", None)

# A program whose answer comes from another docs_src module. Bare ASGI apps, not FastAPI: the
# cache is the same for both, and these start in a fraction of the time.
PROGRAM = """
    import json

    from docs_src.helpers import GREETING


    async def app(scope, receive, send):
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        body = json.dumps({"greeting": GREETING}, separators=(",", ":")).encode()
        await send({"type": "http.response.body", "body": body})
        with open("log.txt", "w") as log:
            log.write(GREETING)
"""

# A program that fails when the environment says so, with the same bytes either way.
FLAKY = """
    import os

    if os.environ.get("DOCS_RUN_FAIL"):
        raise RuntimeError("told to fail")


    async def app(scope, receive, send):
        pass
"""


@pytest.fixture
def program(write_program: WriteProgram) -> Path:
    """Write the greeting program and its helper module, and return the program's path."""
    write_program("helpers", "GREETING = 'hello'\n")
    return write_program("greet", PROGRAM)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Return the folder a cache keeps its entries in (made by the cache when it writes)."""
    return tmp_path / "cache"


def json_files(folder: Path) -> list[str]:
    """Return the names of every file in the cache's folder, temporary files included."""
    return sorted(path.name for path in folder.iterdir())


def test_a_hit_runs_nothing(program: Path, project: Path, folder: Path):
    """The second lookup of the same program and requests returns the kept transcript."""
    cache = RunCache(folder)
    first = cache.get(program, [GET], root=project)
    assert first.runs[0].body == '{"greeting":"hello"}'
    assert first.runs[0].changes == (FileChange("log.txt", "hello", True),)
    assert cache.get(program, [GET], root=project) == first
    assert cache.programs_run == 1


def test_entries_are_written_whole_with_no_temporary_files_left(
    program: Path, project: Path, folder: Path
):
    """One `<key>.json` per entry, and nothing else in the folder."""
    RunCache(folder).get(program, [GET], root=project)
    (name,) = json_files(folder)
    assert name.endswith(".json")
    assert len(name.removesuffix(".json")) == 64


def test_a_second_cache_reads_the_disk(program: Path, project: Path, folder: Path):
    """Another build on the same folder finds the transcript without running the program."""
    first = RunCache(folder).get(program, [GET], root=project)
    second = RunCache(folder)
    assert second.get(program, [GET], root=project) == first
    assert second.programs_run == 0


def test_memory_only_cache(program: Path, project: Path):
    """With no folder, entries are kept in memory only."""
    cache = RunCache(None)
    first = cache.get(program, [GET], root=project)
    assert cache.get(program, [GET], root=project) == first
    assert cache.programs_run == 1
    assert RunCache(None).get(program, [GET], root=project) == first


def test_a_changed_program_is_a_miss(program: Path, project: Path, folder: Path):
    """Editing the program runs it again, and its new answer is returned."""
    cache = RunCache(folder)
    cache.get(program, [GET], root=project)
    program.write_text(program.read_text().replace('"greeting"', '"hi"'))
    assert cache.get(program, [GET], root=project).runs[0].body == '{"hi":"hello"}'
    assert cache.programs_run == 2


def test_a_changed_imported_module_is_a_miss(
    program: Path, project: Path, folder: Path, write_program: WriteProgram
):
    """Editing a docs_src module the program imported runs it again, from memory and disk."""
    cache = RunCache(folder)
    cache.get(program, [GET], root=project)
    write_program("helpers", "GREETING = 'bonjour'\n")
    transcript = cache.get(program, [GET], root=project)
    assert transcript.runs[0].changes == (FileChange("log.txt", "bonjour", True),)
    assert cache.programs_run == 2
    # The new entry replaced the old one: another build reads it, still without running.
    other = RunCache(folder)
    assert other.get(program, [GET], root=project) == transcript
    assert other.programs_run == 0
    assert len(json_files(folder)) == 1


def test_other_requests_are_a_miss(program: Path, project: Path, folder: Path):
    """The same program with other requests runs again, and both entries are kept."""
    cache = RunCache(folder)
    cache.get(program, [GET], root=project)
    cache.get(program, [Request("GET", "/?q=1", None)], root=project)
    cache.get(program, [GET, GET], root=project)
    assert cache.programs_run == 3
    cache.get(program, [GET], root=project)
    assert cache.programs_run == 3
    assert len(json_files(folder)) == 3


def test_the_same_bytes_elsewhere_are_another_program(
    program: Path, project: Path, write_program: WriteProgram
):
    """A copy under another name runs on its own: its transcript names its own module."""
    cache = RunCache(None)
    cache.get(program, [GET], root=project)
    copy = write_program("greet_copy", PROGRAM)
    assert cache.get(copy, [GET], root=project).module == "docs_src.greet_copy"
    assert cache.programs_run == 2


def test_a_failure_is_not_kept(write_program: WriteProgram, project: Path, folder: Path):
    """A failed run is run again next time, and nothing is written for it."""
    program = write_program("fails", "raise RuntimeError('no')\n")
    cache = RunCache(folder)
    first = cache.get(program, [GET], root=project)
    assert first.error == "importing docs_src.fails raised RuntimeError: no"
    assert cache.get(program, [GET], root=project) == first
    assert cache.programs_run == 2
    assert not folder.exists()


def test_a_failed_request_is_not_kept(write_program: WriteProgram, project: Path, folder: Path):
    """A program that imports but whose request fails is not kept either."""
    program = write_program(
        "route_fails",
        """
        async def app(scope, receive, send):
            raise ValueError("no")
        """,
    )
    cache = RunCache(folder)
    assert cache.get(program, [GET], root=project).failed
    cache.get(program, [GET], root=project)
    assert cache.programs_run == 2
    assert not folder.exists()


def test_fresh_runs_again_and_a_failure_drops_the_entry(
    write_program: WriteProgram, project: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
):
    """`fresh` runs the program again; when that run fails, the old entry goes too."""
    program = write_program("flaky", FLAKY)
    cache = RunCache(folder)
    assert not cache.get(program, [], root=project).failed
    assert not cache.get(program, [], root=project, fresh=True).failed
    assert cache.programs_run == 2
    assert len(json_files(folder)) == 1
    monkeypatch.setenv("DOCS_RUN_FAIL", "1")
    assert cache.get(program, [], root=project, fresh=True).failed
    assert json_files(folder) == []
    # Nothing kept anywhere: the next lookup runs the program again.
    assert cache.get(program, [], root=project).failed
    assert cache.programs_run == 4


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("", id="empty"),
        pytest.param('{"hashes": {}, "transcript": {"module": "docs_', id="cut-short"),
        pytest.param("[1, 2]", id="other-json"),
        pytest.param('{"hashes": [], "transcript": {}}', id="wrong-shape"),
        pytest.param('{"hashes": {}, "transcript": {}}', id="not-a-transcript"),
    ],
)
def test_a_corrupt_entry_is_a_miss(program: Path, project: Path, folder: Path, content: str):
    """A file that is not an entry is run again and replaced by a good one."""
    first = RunCache(folder).get(program, [GET], root=project)
    (name,) = json_files(folder)
    (folder / name).write_text(content)
    cache = RunCache(folder)
    assert cache.get(program, [GET], root=project) == first
    assert cache.programs_run == 1
    assert RunCache(folder).get(program, [GET], root=project) == first
    assert json_files(folder) == [name]


@pytest.fixture
def batches(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Return the modules of each batch a child process is started for, as they start."""
    started: list[list[str]] = []
    run_child = runner.run_child

    def run(batch: dict, *args: object) -> list:
        """Keep the batch's modules, and run it as the runner would."""
        started.append([job["module"] for job in batch["jobs"]])
        return run_child(batch, *args)

    monkeypatch.setattr(runner, "run_child", run)
    return started


def test_get_many_gives_what_get_gives_for_the_tutorials(
    tutorials_one_by_one: list[Transcript], folder: Path, batches: list
):
    """The tutorial programs in two processes: the transcripts a loop of `get` gives."""
    cache = RunCache(folder)
    assert cache.get_many(TUTORIAL_JOBS, root=REPO_ROOT, processes=2) == tutorials_one_by_one
    assert len(batches) == 2
    assert cache.programs_run == len(json_files(folder)) == len(TUTORIAL_JOBS)


def test_get_many_gives_what_get_gives(
    program: Path, project: Path, tmp_path: Path, write_program: WriteProgram, batches: list
):
    """Hits, misses, a job asked twice and a failure: as `get` gives them, each share a child."""
    fails = write_program("fails", "raise RuntimeError('no')\n")
    copy = write_program("greet_copy", PROGRAM)
    RunCache(tmp_path / "many").get(program, [GET], root=project)
    RunCache(tmp_path / "one-by-one").get(program, [GET], root=project)
    jobs = [
        (program, [GET]),  # kept on disk
        (program, [GET, GET]),
        (fails, [GET]),
        (copy, [GET]),
        (program, [GET, GET]),  # asked twice: runs once
        (copy, [Request("GET", "/?q=1", None)]),
    ]
    batches.clear()
    many = RunCache(tmp_path / "many")
    transcripts = many.get_many(jobs, root=project, processes=2)
    # The four misses, dealt in turn to the two processes.
    assert sorted(batches) == [
        ["docs_src.fails", "docs_src.greet_copy"],
        ["docs_src.greet", "docs_src.greet_copy"],
    ]
    one_by_one = RunCache(tmp_path / "one-by-one")
    assert transcripts == [one_by_one.get(*job, root=project) for job in jobs]
    assert many.programs_run == one_by_one.programs_run == 4
    assert json_files(tmp_path / "many") == json_files(tmp_path / "one-by-one")
    assert len(json_files(tmp_path / "many")) == 4
    assert transcripts[2].error == "importing docs_src.fails raised RuntimeError: no"


def test_get_many_runs_only_what_is_not_kept(
    program: Path, project: Path, folder: Path, write_program: WriteProgram, batches: list
):
    """A second call runs nothing; a changed import runs its program again; `fresh` runs all."""
    other = write_program("other", PROGRAM)
    jobs = [(program, [GET]), (other, [GET])]
    cache = RunCache(folder)
    first = cache.get_many(jobs, root=project, processes=2)
    assert cache.get_many(jobs, root=project, processes=2) == first
    assert (cache.programs_run, len(batches)) == (2, 2)
    write_program("helpers", "GREETING = 'bonjour'\n")
    again = cache.get_many([(program, [GET])], root=project, processes=2)
    assert again[0].runs[0].changes == (FileChange("log.txt", "bonjour", True),)
    assert (cache.programs_run, len(batches)) == (3, 3)
    cache.get_many(jobs, root=project, fresh=True)
    assert (cache.programs_run, len(batches)) == (5, 4)


def test_get_many_needs_a_process(program: Path, project: Path):
    """Zero processes is a caller's mistake, said before anything runs."""
    with pytest.raises(ValueError) as error:
        RunCache(None).get_many([(program, [GET])], root=project, processes=0)
    assert str(error.value) == "processes must be 1 or more, not 0"
