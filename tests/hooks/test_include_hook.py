"""The MkDocs hook's cache, driven through its events as mkdocs-static-i18n and `serve` fire them.

MkDocs objects are stood in for by the few attributes the hook reads, so the events run here in
this process; real builds are in tests/site.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from pymdownx.superfences import SuperFencesBlockPreprocessor

import include_hook
from rebuilds.inputs import notes_of
from variant_includes.labels import label

LANGUAGES = ["en", "pt", "ru"]
PAGE = "# T\n\n<* ../../docs_src/t/a_an.py hl[1] *>\n\n<* ../../docs_src/u/b.py hl[1] *>\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> SimpleNamespace:
    """A project with one page in three languages, a fresh hook state, and its config."""
    for lang in LANGUAGES:
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "page.md").write_text(PAGE)
    for name, text in {
        "t/a_an.py": "x: Annotated[int, 1] = 1\n",
        "t/a.py": "x: int = 1\n",
        "u/b.py": "y = 1\n",
        "u/b_py310.py": "y = 1\n",
    }.items():
        (tmp_path / "docs_src" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs_src" / name).write_text(text)
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n")
    monkeypatch.setattr(include_hook, "loaded", None)
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        docs_dir=str(tmp_path / "docs"),
        plugins={},
        markdown_extensions=["pymdownx.highlight", "pymdownx.superfences", "pymdownx.blocks.tab"],
        mdx_configs={},
    )
    return SimpleNamespace(root=tmp_path, config=config)


def build(project: SimpleNamespace) -> dict[str, str]:
    """Fire the events of one build of every language, as mkdocs-static-i18n does."""
    pages = {}
    for lang in LANGUAGES:
        include_hook.on_config(project.config)
        path = project.root / "docs" / lang / "page.md"
        page = SimpleNamespace(
            file=SimpleNamespace(
                abs_src_path=str(path),
                content_string=path.read_text(),
                dest_uri=f"{lang}/page/index.html",
            )
        )
        pages[lang] = include_hook.on_page_markdown(path.read_text(), page, project.config, None)
    return pages


def test_languages_and_rebuilds_share_the_models(project, built):
    """One build of three languages builds each model once; a rebuild with no change, none."""
    include_hook.on_startup(command="serve", dirty=False)
    first = build(project)
    assert built == {"a_an.py": 1, "b.py": 1}
    assert "/////// tab | Python 3.8+ - sem Annotated" in first["pt"]
    assert build(project) == first
    assert built == {"a_an.py": 1, "b.py": 1}


def test_rebuild_sees_an_edited_variant_and_reuses_the_rest(project, built):
    """Editing u/b_py310.py rebuilds b's model only; every language shows the edit."""
    include_hook.on_startup(command="serve", dirty=False)
    build(project)
    (project.root / "docs_src" / "u" / "b_py310.py").write_text("y: int | None = 2\n")
    pages = build(project)
    assert built == {"a_an.py": 1, "b.py": 2}
    assert all("y: int | None = 2" in page for page in pages.values())


def test_build_without_startup_still_caches(project, built):
    """A build that never fired on_startup (a script calling MkDocs's build) makes the cache."""
    build(project)
    assert built == {"a_an.py": 1, "b.py": 1}


def test_core_edit_reloads_once_and_drops_the_models(project, built, monkeypatch):
    """An edited core file reloads the core before the next build, whose models are new."""
    reloads = []
    monkeypatch.setattr(include_hook, "reload_core", lambda: reloads.append(1))
    include_hook.on_startup(command="serve", dirty=False)
    build(project)
    assert reloads == []  # three languages, no edit: the core stays as imported
    before = include_hook.loaded
    stamps = include_hook.stamp_core()
    # What an edit of the last core module would do to its stamp: a later modification time.
    edited = (*stamps[:-1], replace(stamps[-1], mtime_ns=stamps[-1].mtime_ns + 1))
    monkeypatch.setattr(include_hook, "stamp_core", lambda: edited)
    build(project)
    assert reloads == [1]
    assert include_hook.loaded is not before
    assert built == {"a_an.py": 2, "b.py": 2}


def test_each_page_notes_the_programs_it_includes(project):
    """A page's notes name every file its directives read, variants too, for dirty rebuilds."""
    include_hook.on_startup(command="serve", dirty=True)
    build(project)
    docs_src = (project.root / "docs_src").resolve()
    noted = notes_of(project.config)["pt/page/index.html"]
    assert noted.files == {
        docs_src / name for name in ["t/a_an.py", "t/a.py", "u/b.py", "u/b_py310.py"]
    }
    # Where variants are looked for: beside the program, and beside its folder.
    assert noted.listings == {docs_src / "t", docs_src / "u", docs_src}
    assert noted.trees == set()


def test_a_wrong_directive_makes_its_page_follow_all_of_docs_src(project):
    """A directive of a program not written yet: any change in docs_src/ may fix the page."""
    page = project.root / "docs" / "ru" / "page.md"
    page.write_text(page.read_text().replace("u/b.py", "u/missing.py"))
    include_hook.on_startup(command="serve", dirty=True)
    build(project)
    notes = notes_of(project.config)
    assert notes["ru/page/index.html"].trees == {(project.root / "docs_src").resolve()}
    assert notes["en/page/index.html"].trees == set()


def test_the_first_language_prepares_every_page_s_models(project, built):
    """Before any page is built, on_config has built the model of every directive of every
    language, so languages built in processes of their own inherit them; a wrong directive is
    left for its page."""
    page = project.root / "docs" / "ru" / "page.md"
    page.write_text(page.read_text() + "\n<* ../../docs_src/u/missing.py *>\n")
    include_hook.on_startup(command="build", dirty=False)
    include_hook.on_config(project.config)
    assert built == {"a_an.py": 1, "b.py": 1}
    build(project)
    assert built == {"a_an.py": 1, "b.py": 1}


def test_pages_highlight_through_the_kept_highlights(project):
    """on_config hands superfences a python fence backed by the hook's kept highlights, so a
    block highlighted for one language or build is not highlighted again."""
    include_hook.on_startup(command="build", dirty=False)
    include_hook.on_config(project.config)
    [fence] = project.config.mdx_configs["pymdownx.superfences"]["custom_fences"]
    assert fence["format"].keywords["cache"] is include_hook.loaded.highlights
    include_hook.on_config(project.config)
    assert len(project.config.mdx_configs["pymdownx.superfences"]["custom_fences"]) == 1


def test_the_first_language_highlights_every_page_s_code(project, monkeypatch):
    """Before any page is built, on_config has highlighted every block the pages show, in
    English: no language highlights one again, each showing its own comments for omitted lines."""
    (project.root / "docs_src" / "u" / "c.py").write_text("a = 1\nb = 2\nc = 3\n")
    for lang in LANGUAGES:
        with (project.root / "docs" / lang / "page.md").open("a") as page:
            page.write("\n<* ../../docs_src/u/c.py ln[1,3] *>\n")
    include_hook.on_startup(command="build", dirty=False)
    include_hook.on_config(project.config)
    kept = dict(include_hook.loaded.highlights.blocks)
    assert len(kept) == 4, "a_an.py, a.py, b.py with b_py310.py (the same code), and c.py"
    highlighted = []
    highlight = SuperFencesBlockPreprocessor.highlight
    monkeypatch.setattr(
        SuperFencesBlockPreprocessor,
        "highlight",
        lambda *args, **kwargs: highlighted.append(kwargs["src"]) or highlight(*args, **kwargs),
    )
    for lang, page in build(project).items():
        md = markdown.Markdown(
            extensions=project.config.markdown_extensions,
            extension_configs=project.config.mdx_configs,
        )
        html = md.convert(page)
        assert '<span class="n">x</span>' in html
        assert f'<span class="c1"># {label("omitted_between", lang)}</span>' in html
    assert highlighted == []
    assert include_hook.loaded.highlights.blocks.items() >= kept.items()
