"""What builds/logs.py relies on in MkDocs's `build`, checked with real builds of a tiny site.

mkdocs-static-i18n builds each other language inside the default language's on_post_build; the
plugin here nests a build the same way, with a warning in each build.
"""

from __future__ import annotations

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, get_plugin_logger

from builds import logs

log = get_plugin_logger("nesting")


class NestingPlugin(BasePlugin):
    """Warns at the end of each build; builds the site again inside the outer one's end."""

    def __init__(self, leave_count: bool) -> None:
        super().__init__()
        self.leave_count = leave_count
        self.nested = False

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Warn; in the outer build, build again; in the nested one, leave the count or not."""
        log.warning("nested build's warning" if self.nested else "outer build's warning")
        if self.nested:
            if self.leave_count:
                logs.leave_count_to_default_build(config)
            return
        self.nested = True
        mkdocs_build(config)


def tiny_config(tmp_path, strict: bool, leave_count: bool) -> MkDocsConfig:
    """A one-page site's config, with the nesting plugin."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Tiny\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Tiny\n", encoding="utf-8")
    config = load_config(
        config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=strict
    )
    config.plugins["nesting"] = NestingPlugin(leave_count)
    return config


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Return the warnings logged, in order."""
    return [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]


@pytest.mark.parametrize(
    ("leave_count", "message"),
    [
        (False, "Aborted with 1 warnings in strict mode!"),
        (True, "Aborted with 2 warnings in strict mode!"),
    ],
    ids=["nested-build-aborts", "outer-build-aborts-with-both"],
)
def test_a_nested_strict_build_leaves_its_warnings_to_the_outer_one(
    tmp_path, caplog, leave_count, message
):
    """MkDocs's nested build aborts on its own count; left to the outer one, that one counts both.

    If this fails, MkDocs counts a strict build's warnings otherwise than with the last
    `CountHandler` of its logger: adapt logs.leave_count_to_default_build.
    """
    config = tiny_config(tmp_path, strict=True, leave_count=leave_count)
    with pytest.raises(Abort) as error:
        mkdocs_build(config)
    assert str(error.value) == message
    assert warnings(caplog) == ["nesting: outer build's warning", "nesting: nested build's warning"]


def test_a_build_that_is_not_strict_counts_nothing(tmp_path, caplog):
    """Without --strict, MkDocs adds no counter and leaving the count changes nothing."""
    config = tiny_config(tmp_path, strict=False, leave_count=True)
    mkdocs_build(config)
    assert (tmp_path / "site" / "index.html").is_file()
    assert warnings(caplog) == ["nesting: outer build's warning", "nesting: nested build's warning"]
