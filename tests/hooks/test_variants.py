"""Variant discovery and ordering: sibling files, or the same file in sibling folders."""

import os
from pathlib import Path

import pytest

from variant_includes.errors import IncludeError
from variant_includes.variants import find_variants, has_annotated_twin, parse_variant

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


def make_files(root: Path, *names: str) -> None:
    """Create each file (with its folders) under `root`."""
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x = 1\n")


@pytest.fixture
def settings(tmp_path):
    """docs_src/settings/ with app02 in five variant folders and a stray folder or two."""
    make_files(
        tmp_path / "docs_src" / "settings",
        "app02_an_py310/config.py",
        "app02_an_py310/main.py",
        "app02_an/config.py",
        "app02_py310/config.py",
        "app02_py39/config.py",
        "app02/config.py",
        "app02_an_py39/main.py",  # no config.py: not a variant of config.py
        "app021/config.py",  # another example
        "app03_an/config.py",
    )
    return tmp_path / "docs_src"


def test_variant_folders_offer_the_same_file(settings):
    """`app02_an_py310/config.py` has the config.py of each app02 folder as its variants."""
    named = settings / "settings" / "app02_an_py310" / "config.py"
    variants = find_variants(named, settings)
    assert [
        (v.path.relative_to(settings).as_posix(), v.python_label, v.annotated) for v in variants
    ] == [
        ("settings/app02_an_py310/config.py", "3.10", True),
        ("settings/app02_an/config.py", "3.8", True),
        ("settings/app02_py310/config.py", "3.10", False),
        ("settings/app02_py39/config.py", "3.9", False),
        ("settings/app02/config.py", "3.8", False),
    ]


def test_folder_without_suffix_finds_its_variants(settings):
    """Naming `app02/config.py` shows it first, then the suffixed folders in reading order."""
    variants = find_variants(settings / "settings" / "app02" / "config.py", settings)
    assert [v.path.parent.name for v in variants] == [
        "app02",
        "app02_an_py310",
        "app02_an",
        "app02_py310",
        "app02_py39",
    ]


def test_variant_folder_may_hold_the_file_deeper(tmp_path):
    """`app_an/routers/items.py` and `app/routers/items.py` are variants: the folder is `app`."""
    make_files(
        tmp_path / "docs_src" / "big",
        "app_an/routers/items.py",
        "app/routers/items.py",
        "app_py310/routers/users.py",
    )
    docs_src = tmp_path / "docs_src"
    variants = find_variants(docs_src / "big" / "app_an" / "routers" / "items.py", docs_src)
    assert [(v.path.relative_to(docs_src).as_posix(), v.annotated) for v in variants] == [
        ("big/app_an/routers/items.py", True),
        ("big/app/routers/items.py", False),
    ]


def test_files_in_a_folder_without_variants_are_file_variants(tmp_path):
    """Above docs_src/ nothing is looked at; a plain topic folder keeps its file variants."""
    make_files(tmp_path, "docs_src/t/main_an.py", "docs_src/t/main.py", "docs_src_an/t/main_an.py")
    variants = find_variants(tmp_path / "docs_src" / "t" / "main_an.py", tmp_path / "docs_src")
    assert [v.path.name for v in variants] == ["main_an.py", "main.py"]


OUTSIDE = "leads outside docs_src/, where every included program lives"


def test_variant_file_linked_out_of_docs_src_is_refused(tmp_path):
    """A variant file that is a link to a file outside docs_src/ is an error, not a tab."""
    make_files(tmp_path, "docs_src/t/main.py", "secret.py")
    os.symlink(tmp_path / "secret.py", tmp_path / "docs_src" / "t" / "main_py310.py")
    with pytest.raises(IncludeError) as caught:
        find_variants(tmp_path / "docs_src" / "t" / "main.py", tmp_path / "docs_src")
    assert str(caught.value) == f"docs_src/t/main_py310.py, a variant of main.py, {OUTSIDE}"


def test_variant_folder_linked_out_of_docs_src_is_refused(tmp_path):
    """A variant folder that is a link to a folder outside docs_src/ is an error too."""
    make_files(tmp_path, "docs_src/s/app/main.py", "secret/main.py")
    os.symlink(tmp_path / "secret", tmp_path / "docs_src" / "s" / "app_py310")
    with pytest.raises(IncludeError) as caught:
        find_variants(tmp_path / "docs_src" / "s" / "app" / "main.py", tmp_path / "docs_src")
    assert str(caught.value) == f"docs_src/s/app_py310/main.py, a variant of main.py, {OUTSIDE}"


def test_variant_linked_inside_docs_src_is_a_variant(tmp_path):
    """A link that stays inside docs_src/ is followed like any file."""
    make_files(tmp_path, "docs_src/t/main.py", "docs_src/shared/main.py")
    os.symlink(
        tmp_path / "docs_src" / "shared" / "main.py", tmp_path / "docs_src" / "t" / "main_an.py"
    )
    variants = find_variants(tmp_path / "docs_src" / "t" / "main.py", tmp_path / "docs_src")
    assert [v.path.name for v in variants] == ["main.py", "main_an.py"]


def test_broken_link_is_not_a_variant(tmp_path):
    """A link to nothing is no file, so no variant."""
    make_files(tmp_path, "docs_src/t/main.py")
    os.symlink(tmp_path / "nowhere.py", tmp_path / "docs_src" / "t" / "main_py310.py")
    assert [v.path.name for v in find_variants(tmp_path / "docs_src" / "t" / "main.py")] == [
        "main.py"
    ]


@pytest.mark.parametrize(
    ("names", "twins"),
    [
        (["m_an_py310.py", "m_py310.py", "m.py"], [False, True, False]),
        (["m_py310.py", "m.py"], [False, False]),
        (["m_an.py", "m_an_py39.py", "m_py39.py", "m.py"], [False, False, True, True]),
    ],
)
def test_annotated_twin_is_one_for_the_same_python(names, twins):
    """Only a non-Annotated variant with an Annotated one for its Python has a twin to point to."""
    variants = [parse_variant(Path(name)) for name in names]
    assert [has_annotated_twin(v, variants) for v in variants] == twins
