"""The languages of the site, where each one's pages live, and the links between them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

# The hreflang of the page for readers whose language is none of the site's (Google's name).
X_DEFAULT = "x-default"


class I18nLanguage(Protocol):
    """One entry of mkdocs-static-i18n's `languages` option, as far as we read it."""

    locale: str
    name: str
    link: str
    fixed_link: str | None
    default: bool
    build: bool


@dataclass(frozen=True)
class Language:
    """A language the site is built in: its code, its own name and the URL path of its root."""

    locale: str
    name: str
    # The path of the language's home page, as the selector links it: "/" or "/pt/" below the
    # path of site_url, or the full URL a language built elsewhere is given.
    link: str
    default: bool

    @property
    def root(self) -> str:
        """Return the folder of the language's pages in the built site: "" or "pt/"."""
        return "" if self.default else f"{self.locale}/"


def site_path(site_url: str | None) -> str:
    """Return the path the site is served under, "/" or "/docs/", from site_url."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else f"{path}/"


def read_languages(configured: Iterable[I18nLanguage], site_url: str | None) -> list[Language]:
    """Return the built languages of mkdocs-static-i18n's config, in its order.

    Their links are those mkdocs-static-i18n gives the selector: `link` below site_url's path.
    """
    base = site_path(site_url).rstrip("/")
    return [
        Language(
            locale=language.locale,
            name=language.name,
            link=language.fixed_link or f"{base}{language.link}",
            default=language.default,
        )
        for language in configured
        if language.build
    ]


def find_language(locale: str, languages: Sequence[Language]) -> Language:
    """Return the built language `locale`; a ValueError names the ones there are."""
    for language in languages:
        if language.locale == locale:
            return language
    known = ", ".join(language.locale for language in languages)
    raise ValueError(f"{locale!r} is not one of the languages the site is built in ({known})")


def language_of(path: str, languages: Sequence[Language]) -> Language:
    """Return the language of a path below the site's root ("pt/tutorial/", "#top", "").

    A path under another language's folder is that language's; any other is the default's.
    """
    for language in languages:
        if not language.default and path.startswith(language.root):
            return language
    return next(language for language in languages if language.default)


def belongs_to(path: str, language: Language, languages: Sequence[Language]) -> bool:
    """Tell whether a path below the site's root is one of `language`'s pages."""
    return language_of(path, languages) == language


def root_alternates(languages: Sequence[Language]) -> list[dict[str, Any]]:
    """Return the head links of every page: each language's root, and the default's as x-default.

    Material's JavaScript fetches a sitemap.xml beside each of them, so they must be roots.
    """
    alternates = [
        {"name": language.name, "link": language.link, "lang": language.locale}
        for language in languages
    ]
    default = next(language for language in languages if language.default)
    alternates.append({"name": default.name, "link": default.link, "lang": X_DEFAULT})
    return alternates
