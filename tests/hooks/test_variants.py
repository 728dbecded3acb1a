"""Variant discovery and ordering, and highlights carried into every variant."""

from pathlib import Path

import pytest

from includes.align import align_lines, carry_lines
from includes.sources import read_code
from includes.variants import find_variants, parse_variant

TOPIC = Path(__file__).parents[2] / "docs_src" / "background_tasks"


def test_variants_of_tutorial002_in_reading_order():
    """The named file first, then Annotated before not, newest Python first."""
    variants = find_variants(TOPIC / "tutorial002_an_py310.py")
    assert [(v.path.name, v.python_label, v.annotated) for v in variants] == [
        ("tutorial002_an_py310.py", "3.10", True),
        ("tutorial002_an_py39.py", "3.9", True),
        ("tutorial002_an.py", "3.8", True),
        ("tutorial002_py310.py", "3.10", False),
        ("tutorial002.py", "3.8", False),
    ]


def test_named_file_comes_first_whichever_it_is():
    """Naming a non-Annotated variant shows it first; the others keep their order."""
    names = [v.path.name for v in find_variants(TOPIC / "tutorial002.py")]
    assert names == [
        "tutorial002.py",
        "tutorial002_an_py310.py",
        "tutorial002_an_py39.py",
        "tutorial002_an.py",
        "tutorial002_py310.py",
    ]


def test_a_file_without_variants_stands_alone():
    """tutorial001 has no siblings; tutorial0011.py would not be one either."""
    assert [v.path.name for v in find_variants(TOPIC / "tutorial001.py")] == ["tutorial001.py"]


def test_new_variant_file_is_found(tmp_path):
    """A new `_py312` file joins its example with no other change."""
    for name in ["main.py", "main_py312.py", "main_an_py312.py", "mainly.py", "other_py312.py"]:
        (tmp_path / name).write_text("x = 1\n")
    assert [v.path.name for v in find_variants(tmp_path / "main.py")] == [
        "main.py",
        "main_an_py312.py",
        "main_py312.py",
    ]


def test_name_parsing():
    """Two-digit minor versions and the Annotated marker are read from the name."""
    variant = parse_variant(Path("tutorial_an_py312.py"))
    assert (variant.base, variant.python, variant.annotated) == ("tutorial", (3, 12), True)


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("tutorial002_an_py310.py", [13, 16, 22, 25]),
        ("tutorial002_an_py39.py", [13, 16, 22, 25]),
        ("tutorial002_an.py", [14, 17, 23, 26]),
        ("tutorial002_py310.py", [11, 14, 20, 23]),
        ("tutorial002.py", [13, 16, 22, 25]),
    ],
)
def test_highlights_follow_the_code(name, lines):
    """hl[13,16,22,25] of tutorial002_an_py310 lands on the same statements in every variant."""
    named = read_code(TOPIC / "tutorial002_an_py310.py")
    variant = read_code(TOPIC / name)
    carried = carry_lines({13, 16, 22, 25}, align_lines(named, variant))
    assert carried == lines
    roles = ["def get_query(", "background_tasks.add_task(", "Depends(get_query)", "add_task("]
    assert all(role in variant[n - 1] for role, n in zip(roles, carried, strict=True))


def test_line_without_counterpart_is_dropped():
    """The `Annotated` import has no counterpart in a file that does not use it."""
    named = read_code(TOPIC / "tutorial002_an_py310.py")
    plain = read_code(TOPIC / "tutorial002_py310.py")
    assert carry_lines({1, 3}, align_lines(named, plain)) == [1]
