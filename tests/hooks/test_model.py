"""The model of a directive: which files, which lines, which highlights in each tab, no words."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from variant_includes.errors import IncludeError
from variant_includes.grammar import parse_directive
from variant_includes.model import Include, build_include
from variant_includes.render import render_include

ROOT = Path(__file__).parents[2]
DOCS_SRC = ROOT / "docs_src"
TUTORIAL002 = DOCS_SRC / "background_tasks" / "tutorial002_an_py310.py"
GOLDEN = Path(__file__).parent / "golden"


def build(line: str, source: Path, docs_src: Path = DOCS_SRC) -> Include:
    """Build the model of one directive line whose file resolves to `source`."""
    return build_include(parse_directive(line, 1), source.resolve(), docs_src)


def summarize(include: Include) -> list[tuple]:
    """Each tab as (file, Python, Annotated, hl, "non-Annotated" label, tip), named tab first."""
    return [
        (
            tab.variant.path.name,
            tab.variant.python_label,
            tab.variant.annotated,
            tab.hl,
            tab.annotated_twin,
            tab.tip,
        )
        for tab in (include.named, *include.others)
    ]


def test_tutorial002_tabs_carry_the_highlights():
    """The named file first, then Annotated, newest Python first; tips only beside a twin."""
    include = build(f"<* {TUTORIAL002} hl[13,16,22,25] *>", TUTORIAL002)
    assert summarize(include) == [
        ("tutorial002_an_py310.py", "3.10", True, (13, 16, 22, 25), False, False),
        ("tutorial002_an_py39.py", "3.9", True, (13, 16, 22, 25), False, False),
        ("tutorial002_an.py", "3.8", True, (14, 17, 23, 26), False, False),
        ("tutorial002_py310.py", "3.10", False, (11, 14, 20, 23), True, True),
        ("tutorial002.py", "3.8", False, (13, 16, 22, 25), True, True),
    ]
    assert all(tab.shown == tuple(range(1, len(tab.code) + 1)) for tab in include.others)
    assert include.named.code == tuple(TUTORIAL002.read_text().splitlines())
    assert {tab.title for tab in (include.named, *include.others)} == {None}


def test_tutorial002_ln_is_carried_to_every_tab():
    """`ln` picks the named file's lines, and the corresponding lines in each variant."""
    include = build(f'<* {TUTORIAL002} ln[13:17,20:26] hl[16,25] title["main.py"] *>', TUTORIAL002)
    shown = [(tab.variant.path.name, tab.shown, tab.hl) for tab in (include.named, *include.others)]
    named = (*range(13, 18), *range(20, 27))
    assert shown == [
        ("tutorial002_an_py310.py", named, (16, 25)),
        ("tutorial002_an_py39.py", named, (16, 25)),
        ("tutorial002_an.py", tuple(n + 1 for n in named), (17, 26)),
        ("tutorial002_py310.py", tuple(n - 2 for n in named), (14, 23)),
        ("tutorial002.py", named, (16, 25)),
    ]
    assert {tab.title for tab in (include.named, *include.others)} == {"main.py"}


@pytest.mark.parametrize("lang", ["en", "pt", "ru"])
def test_one_model_renders_every_language(lang):
    """The model holds no word: rendered in each language, it is that language's golden file."""
    include = build(f"<* {TUTORIAL002} hl[13,16,22,25] *>", TUTORIAL002)
    expected = (GOLDEN / f"tutorial002-variants-{lang}.md").read_text(encoding="utf-8")
    assert render_include(include, lang) == expected


@pytest.fixture
def docs_src(tmp_path: Path) -> Path:
    """An empty docs_src/t/."""
    (tmp_path / "docs_src" / "t").mkdir(parents=True)
    return tmp_path / "docs_src"


def write(root: Path, files: dict[str, str]) -> None:
    """Write each file, dedented, with its folders."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text))


def test_made_up_variants_split_join_and_indent(docs_src):
    """A joined signature split, a call joined, a block indented: each tab finds its lines."""
    write(
        docs_src / "t",
        {
            "m_an_py310.py": """\
                from typing import Annotated

                def read(q: Annotated[str | None, Query()] = None, limit: int = 10):
                    with lock:
                        rows = fetch(
                            q,
                            limit=limit,
                        )
                    return rows
                """,
            "m_py310.py": """\
                def read(
                    q: str | None = Query(default=None),
                    limit: int = 10,
                ):
                    rows = fetch(q, limit=limit)
                    return rows
                """,
        },
    )
    named = docs_src / "t" / "m_an_py310.py"
    include = build("<* ../../docs_src/t/m_an_py310.py hl[1,3,5:8] *>", named, docs_src)
    assert summarize(include) == [
        ("m_an_py310.py", "3.10", True, (1, 3, 5, 6, 7, 8), False, False),
        ("m_py310.py", "3.10", False, (1, 2, 3, 4, 5), True, True),
    ]


def test_folder_variants_without_annotated_twin(docs_src):
    """Variant folders: no `_an` folder for 3.9, so its tab has no tip and no "non-Annotated"."""
    write(
        docs_src / "t",
        {
            "app_an/config.py": "from typing import Annotated\nregion: Annotated[str, 1] = 'eu'\n",
            "app_py39/config.py": "region: str = 'eu'\n",
            "app/config.py": "region: str = 'eu'\n",
        },
    )
    named = docs_src / "t" / "app_an" / "config.py"
    include = build("<* ../../docs_src/t/app_an/config.py hl[2] *>", named, docs_src)
    folders = [tab.variant.path.parent.name for tab in (include.named, *include.others)]
    assert folders == ["app_an", "app_py39", "app"]
    assert [row[1:] for row in summarize(include)] == [
        ("3.8", True, (2,), False, False),
        ("3.9", False, (1,), False, False),
        ("3.8", False, (1,), True, True),
    ]


def test_inputs_are_every_file_read_and_folder_listed(docs_src):
    """The model names what it was built from: the files, and the folders whose entries count."""
    write(
        docs_src / "t",
        {"app_an/routers/items.py": "x = 1\n", "app/routers/items.py": "x = 1\n"},
    )
    (docs_src / "t" / "app_py310" / "routers").mkdir(parents=True)  # may gain items.py later
    named = docs_src / "t" / "app_an" / "routers" / "items.py"
    include = build("<* ../../docs_src/t/app_an/routers/items.py *>", named, docs_src)
    assert sorted(stamp.path.relative_to(docs_src).as_posix() for stamp in include.inputs) == [
        "t",  # its entries are app_an/ and its siblings: a new one may be a variant folder
        "t/app",
        "t/app/routers",
        "t/app/routers/items.py",
        "t/app_an",  # its entries could hold a sibling of routers/, itself a variant folder
        "t/app_an/routers/items.py",
        "t/app_py310",  # no items.py yet: these folders change when one appears
        "t/app_py310/routers",
    ]
    assert all(stamp.mtime_ns is not None for stamp in include.inputs)


def test_stamps_do_not_make_models_differ(docs_src):
    """Two models of the same files compare equal, whenever they were built."""
    write(docs_src / "t", {"a.py": "x = 1\n"})
    first = build("<* ../../docs_src/t/a.py *>", docs_src / "t" / "a.py", docs_src)
    (docs_src / "t" / "b.py").write_text("y = 2\n")  # t/ changes; a.py does not
    second = build("<* ../../docs_src/t/a.py *>", docs_src / "t" / "a.py", docs_src)
    assert first == second
    assert first.inputs != second.inputs


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("<* ../../docs_src/t/a.py hl[4] *>", "line 4 is past the end of a.py (2 lines)"),
        ("<* ../../docs_src/t/a.py ln[1] hl[2] *>", "hl line 2 is not among the lines ln[1] shows"),
    ],
)
def test_wrong_lines_raise_the_usual_error(docs_src, line, message):
    """Building the model is where lines are checked, with the messages authors know."""
    write(docs_src / "t", {"a.py": "x = 1\ny = 2\n"})
    with pytest.raises(IncludeError) as caught:
        build(line, docs_src / "t" / "a.py", docs_src)
    assert str(caught.value) == message
