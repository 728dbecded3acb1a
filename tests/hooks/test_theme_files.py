"""The theme's files, found from a listing of its installed folders made once per process."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from builds import theme_files
from builds.theme_files import ThemeLoader, list_installed_once
from tests.project import REPO_ROOT


def test_the_site_gets_every_theme_file_it_got_from_mkdocs(tmp_path: Path):
    """Fails when MkDocs changes how it makes the environment or finds the theme's files."""
    config = load_config(str(REPO_ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    stock = get_files(config)
    stock.add_files_from_theme(config.theme.get_env(), config)

    listings: theme_files.Listings = {}
    list_installed_once(config.theme, listings)
    env = config.theme.get_env()
    assert type(env.loader) is ThemeLoader, "MkDocs no longer makes a FileSystemLoader"
    ours = get_files(config)
    ours.add_files_from_theme(env, config)

    def found(files) -> list[tuple[str, str]]:
        return [(file.src_uri, file.abs_src_path) for file in files]

    assert found(ours) == found(stock)
    assert any(file.src_uri == "assets/javascripts/lunr/min/lunr.pt.min.js" for file in ours)
    material = next(folder for folder in listings if Path(folder).parent.name == "material")
    assert "partials/nav.html" in listings[material]
    assert not any(name.startswith(".icons/") for name in listings[material])


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Return a project's theme folder and an installed one (under a stand-in site-packages)."""
    monkeypatch.setattr(theme_files, "INSTALLED", (tmp_path / "site-packages",))
    project = tmp_path / "project" / "overrides"
    installed = tmp_path / "site-packages" / "theme"
    for name in [
        "project/overrides/partials/footer.html",
        "site-packages/theme/main.html",
        "site-packages/theme/assets/app.css",
        "site-packages/theme/.icons/logo.svg",
        "site-packages/theme/assets/.cache/x.css",
        "site-packages/theme/.hidden.css",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    return project, installed


def test_an_installed_folder_is_listed_once_the_project_each_time(folders: tuple[Path, Path]):
    project, installed = folders
    listings: theme_files.Listings = {}
    searchpath = [str(project), str(installed)]
    first = ThemeLoader(searchpath, listings).list_templates()
    assert first == ["assets/app.css", "main.html", "partials/footer.html"]

    (project / "partials" / "header.html").write_text("x", encoding="utf-8")
    (installed / "base.html").write_text("x", encoding="utf-8")
    second = ThemeLoader(searchpath, listings).list_templates()
    assert "partials/header.html" in second, "an override added while serving is seen"
    assert "base.html" not in second, "the installed folder is listed once per process"
    assert list(listings) == [str(installed)]


def test_templates_still_load_from_every_folder(folders: tuple[Path, Path]):
    project, installed = folders
    loader = ThemeLoader([str(project), str(installed)], {})
    env = Environment(loader=loader)
    assert env.get_template(".icons/logo.svg").render() == "x"
    assert env.get_template("partials/footer.html").render() == "x"
