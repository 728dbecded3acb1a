"""`docs-translations`: the status of every page, and re-stamping a page brought up to date."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from translations.cli import main
from translations.stamps import read_stamp, source_hash

CONFIG = textwrap.dedent(
    """\
    site_name: T
    site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
    plugins:
      - search
      - i18n:
          docs_structure: folder
          languages:
            - locale: en
              default: true
              name: English
            - locale: pt
              name: Português
            - locale: ru
              name: Русский
    """
)
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


def test_status_lists_every_page_of_every_language(project, capsys):
    """Up-to-date pages are translated, an absent one missing; nothing drifted, so exit 0."""
    assert main(["status"]) == 0
    assert capsys.readouterr().out == textwrap.dedent(
        """\
        pt:
          translated  docs/pt/guide.md
          translated  docs/pt/index.md
        ru:
          missing     docs/ru/guide.md
          translated  docs/ru/index.md
        1 missing, 0 drifted, 0 outdated, 3 translated
        """
    )


def test_outdated_page_then_restamped(project, capsys):
    """An English edit makes its translations outdated; stamping one makes it current again."""
    (project / "docs/en/index.md").write_text("# Home { #home }\n\nMore.\n")
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    new = source_hash("# Home { #home }\n\nMore.\n")
    old = source_hash("# Home { #home }\n")
    assert (
        f"  outdated    docs/pt/index.md\n"
        f"                docs/en/index.md changed since the stamp {old}; it is now {new}\n"
    ) in out
    assert out.endswith("1 missing, 0 drifted, 2 outdated, 1 translated\n")

    assert main(["stamp", "docs/pt/index.md"]) == 0
    assert capsys.readouterr().out == (
        f"stamped docs/pt/index.md: follows docs/en/index.md at {new}\n"
    )
    assert read_stamp((project / "docs/pt/index.md").read_text()) == new
    assert (project / "docs/pt/index.md").read_text().endswith("# Início { #home }\n")
    main(["status"])
    assert "1 missing, 0 drifted, 1 outdated, 2 translated" in capsys.readouterr().out


def test_drifted_page_fails_the_status(project, capsys):
    """A changed highlight is drift: named with its line, and the command exits 1."""
    page = project / "docs/pt/guide.md"
    page.write_text(page.read_text().replace("hl[2]", "hl[3]"))
    assert main(["status"]) == 1
    out = capsys.readouterr().out
    assert (
        "  drifted     docs/pt/guide.md\n"
        "                docs/pt/guide.md:7: <* ../../docs_src/t/a.py hl[3] *>: differs from "
        "docs/en/guide.md:3: hl[2] in en, hl[3] here\n"
    ) in out


def test_stamping_a_drifted_page_says_it_still_differs(project, capsys):
    """The stamp is written, and the author is told what still differs."""
    page = project / "docs/pt/guide.md"
    page.write_text(page.read_text().replace("hl[2]", "hl[3]"))
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


def test_installed_command_runs_in_the_project(project):
    """`docs-translations status` as the README writes it, from the venv's bin folder."""
    command = Path(sys.executable).with_name("docs-translations")
    result = subprocess.run(
        [str(command), "status"], cwd=project, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("1 missing, 0 drifted, 0 outdated, 3 translated\n")
