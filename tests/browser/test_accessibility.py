"""Every page in every language, light and dark, passes axe-core's WCAG 2.1 A and AA rules.

The colours that make them pass are in hooks/theme/assets/stylesheets/contrast.css.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Response

from tests.project import REPO_ROOT

from .conftest import launch_chromium
from .servers import PREFIXES, Server

pytestmark = pytest.mark.browser

DOCS = REPO_ROOT / "docs"
# English is built at the site's root; `fallback_to_default` builds its pages in every language.
DEFAULT_LANGUAGE = next(lang for lang, prefix in PREFIXES.items() if not prefix)
# Material's palette follows `prefers-color-scheme`, and names its choice on the body.
SCHEMES = {"light": "default", "dark": "slate"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# Elements shown per violation: enough to find the rule at fault, short enough to read.
SHOWN_ELEMENTS = 3
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}

# Shows the `index`-th tab of every tabbed set that has one. Setting `checked` fires no
# `change` event, so Material's linked tabs (content.tabs.link) do not switch other sets too.
SHOW_TABS_JS = """index => {
    for (const set of document.querySelectorAll(".tabbed-set")) {
        const inputs = set.querySelectorAll(":scope > input");
        if (index < inputs.length) inputs[index].checked = true;
    }
}"""
# The panel of the `n`-th tab of each set; the first run of axe sees those of the first.
SHOWN_PANELS = ".tabbed-set > .tabbed-content > .tabbed-block:nth-child({})"
COUNT_TABS_JS = """() => Math.max(0, ...Array.from(
    document.querySelectorAll(".tabbed-set"),
    set => set.querySelectorAll(":scope > input").length,
))"""


# The module's own `browser`, over conftest.py's: one launch for all its checks rather than one
# for each, which took a third of its run time. Pytest closes it before any test of another
# module runs, so no asyncio test meets Playwright's event loop (why conftest.py's is per test).
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Launch a headless Chromium for this module's tests; `page` gives each a fresh context."""
    yield from launch_chromium()


def url_path(markdown: Path) -> str:
    """Return the URL path MkDocs gives a Markdown file of a language's folder."""
    parts = markdown.with_suffix("").parts
    if parts[-1] == "index":
        parts = parts[:-1]
    return "".join(f"{part}/" for part in parts)


def find_pages() -> list[str]:
    """Return the URL path of every page of the site, each language's under its prefix."""
    default = {
        path.relative_to(DOCS / DEFAULT_LANGUAGE)
        for path in DOCS.glob(f"{DEFAULT_LANGUAGE}/**/*.md")
    }
    pages: set[str] = set()
    for lang, prefix in PREFIXES.items():
        own = {path.relative_to(DOCS / lang) for path in DOCS.glob(f"{lang}/**/*.md")}
        pages.update(prefix + url_path(markdown) for markdown in default | own)
    return sorted(pages)


PAGES = find_pages()


def read_sitemap(site: Server) -> set[str]:
    """Return the URL path of every page the built site's sitemap lists, every language's."""
    answer = httpx.get(f"{site.url}/sitemap.xml", timeout=10)
    answer.raise_for_status()
    root = ElementTree.fromstring(answer.content)
    locations = root.findall("sm:url/sm:loc", SITEMAP_NS)
    return {httpx.URL(location.text or "").path.removeprefix("/") for location in locations}


def open_everything(page: Page) -> int:
    """Open every `<details>`; return the most tabs any tabbed set has, at least 1."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true })")
    return max(1, page.evaluate(COUNT_TABS_JS))


def find_violations(page: Page, tabs: int) -> dict[str, dict]:
    """Run axe with each tab of every tabbed set shown in turn: axe skips hidden panels.

    Return the violations by rule, each with its elements merged over the runs.
    """
    axe = Axe()
    found: dict[str, dict] = {}
    for index in range(tabs):
        page.evaluate(SHOW_TABS_JS, index)
        # After the first run, only the panels just shown: the rest of the page is checked
        # once (axe takes a second or more over a page of highlighted code).
        context = {"include": [SHOWN_PANELS.format(index + 1)]} if index else None
        for violation in axe.run(page, context, AXE_OPTIONS).response["violations"]:
            kept = found.setdefault(violation["id"], {**violation, "nodes": []})
            targets = {tuple(node["target"]) for node in kept["nodes"]}
            kept["nodes"] += [
                node for node in violation["nodes"] if tuple(node["target"]) not in targets
            ]
    return found


def describe_violations(where: str, violations: dict[str, dict]) -> str:
    """Say what axe found: each rule, its impact, and its first elements with what to fix."""
    lines = [f"{where} fails axe-core's rules of WCAG 2.1 A and AA:"]
    for rule, violation in sorted(violations.items()):
        nodes = violation["nodes"]
        elements = "1 element" if len(nodes) == 1 else f"{len(nodes)} elements"
        lines.append(f"- {rule} ({violation['impact']}): {violation['help']}, on {elements}:")
        for node in nodes[:SHOWN_ELEMENTS]:
            lines.append(f"    {' '.join(node['target'])}")
            lines += [f"      {line.strip()}" for line in node["failureSummary"].splitlines()]
        if len(nodes) > SHOWN_ELEMENTS:
            lines.append(f"    and {len(nodes) - SHOWN_ELEMENTS} more")
        lines.append(f"    {violation['helpUrl']}")
    return "\n".join(lines)


def test_every_page_of_the_sitemap_is_checked(site: Server) -> None:
    """The pages found in docs/ are the built site's, so none goes unchecked."""
    assert set(PAGES) == read_sitemap(site)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES, ids=lambda path: f"/{path}")
def test_page_meets_wcag_aa(site: Server, page: Page, path: str, scheme: str) -> None:
    """The page, its `<details>` open and each of its tabs shown, has no axe violation."""
    errors: list[str] = []

    def note_error(response: Response) -> None:
        """Keep an answer with an error status."""
        if response.status >= 400:
            errors.append(f"{response.status} {response.url}")

    page.on("response", note_error)
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site.url}/{path}")
    # A stylesheet that is not found leaves the page in Material's own colours.
    assert errors == []
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    violations = find_violations(page, open_everything(page))
    if violations:
        pytest.fail(describe_violations(f"/{path} ({scheme})", violations), pytrace=False)
